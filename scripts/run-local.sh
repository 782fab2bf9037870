#!/usr/bin/env bash
# Runs a real deploy-image through the jar against local stand-ins, on one command:
#   - podman and the local registry (scripts/test-services.sh starts them when needed);
#   - a sample image, built and pushed to 127.0.0.1:5000/demo/hello:1.0;
#   - the backend and Nomad doubles (io.dispatch.testdata.LocalStack) on loopback.
# It prints the orchestrator's step lines and summary, then the backend calls received.
#
#   scripts/run-local.sh [SCENARIO]     SCENARIO: successful (default), failed-unhealthy,
#                                       progress-deadline, auto-revert, placement-failure, …
#   scripts/run-local.sh --nats [SCENARIO]
#                                       also publish to the local nats-server, and show the events
#                                       and the live log as they arrive there (the orchestrator's own
#                                       output goes to a file, named at the end)
#   JAVA_OPTS="…" scripts/run-local.sh  extra JVM flags for the orchestrator
#   JAVA=/path/to/java scripts/run-local.sh   another JVM for the orchestrator
#   NO_OTLP=1 scripts/run-local.sh     without the trace export to the stand-in OTLP endpoint
set -euo pipefail
cd "$(dirname "$0")/.."
nats=""
if [ "${1:-}" = "--nats" ]; then nats=1; shift; fi
scenario="${1:-successful}"
. scripts/test-services.sh

work="$(mktemp -d)"
trap 'exec 3>&- 2>/dev/null || true; rm -rf "$work"' EXIT

if [ ! -f orchestrator/target/orchestrator.jar ] || [ ! -f testdata/target/testdata-0.1.0-SNAPSHOT.jar ]; then
  echo "building the jar…" >&2
  mvn -B -q package -DskipTests >&2
fi
mvn -B -q -pl testdata dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2

echo "building and pushing the sample image…" >&2
cp -r testdata/src/main/resources/images/hello "$work/image"
cp "$TEST_BUSYBOX" "$work/image/busybox"
# The podman CLI uses the services' store and configuration (CONTAINERS_* from test-services.sh).
podman build -q -t 127.0.0.1:5000/demo/hello:1.0 "$work/image" >/dev/null
podman push -q --tls-verify=false 127.0.0.1:5000/demo/hello:1.0

# The doubles run until their standard input (a fifo we hold open) closes.
mkfifo "$work/stack.in"
java -cp "testdata/target/testdata-0.1.0-SNAPSHOT.jar:$(cat "$work/cp.txt")" io.dispatch.testdata.LocalStack \
  "$work/stack.env" "$scenario" 200 < "$work/stack.in" > "$work/stack.out" 2>&1 &
stack=$!
exec 3> "$work/stack.in"
for _ in $(seq 1 100); do [ -s "$work/stack.env" ] && break; sleep 0.1; done
set -a; . "$work/stack.env"; set +a
[ -z "${NO_OTLP:-}" ] || unset OTEL_EXPORTER_OTLP_ENDPOINT # NO_OTLP=1: no trace export

status=0
run_orchestrator() {
  NOMAD_META_TASK=deploy-image \
  NOMAD_META_PARAMS="$(base64 -w0 testdata/src/main/resources/params/deploy-image.json)" \
    "${JAVA:-java}" ${JAVA_OPTS:-} -jar orchestrator/target/orchestrator.jar
}
if [ -n "$nats" ]; then
  # what arrives on every subject under the prefix, printed as it comes
  java scripts/nats/NatsSetup.java watch "$TEST_NATS_URL" \
    "$DISPATCH_SERVICES_DIR/nats" "$TEST_NATS_PREFIX.>" &
  watcher=$!
  sleep 2 # the watcher compiles and subscribes first
  echo "── NATS: $TEST_NATS_URL, subjects $TEST_NATS_PREFIX.> ──────────────"
  NATS_SERVERS="$TEST_NATS_URL" NATS_CLIENT_PRIVATE_KEY="$TEST_NATS_SEED" \
    NATS_STREAM_PREFIX="$TEST_NATS_PREFIX" run_orchestrator > "$work/orchestrator.log" 2>&1 || status=$?
  sleep 0.5
  kill "$watcher" 2>/dev/null || true
  mkdir -p orchestrator/target && cp "$work/orchestrator.log" orchestrator/target/run-local.log
  echo "── exit code $status; the orchestrator's output: orchestrator/target/run-local.log ──"
else
  echo "── orchestrator ──────────────────────────────────────────────"
  run_orchestrator || status=$?
  echo "── exit code $status ─────────────────────────────────────────"
fi

exec 3>&-
wait "$stack" || true
tail -n +2 "$work/stack.out"
exit "$status"
