#!/usr/bin/env bash
# Benchmark (not a test): the image's own launch inside its container, against the JVM's floor in
# the same container. scripts/build-image.sh builds localhost/dispatch-orchestrator:dev (reusing the
# base image), then one container (host network, the task's 512 MB) runs, RUNS times in turn:
#   `java -version` plain, `java -version` with the entrypoint's flags (the floor), and the
#   entrypoint itself on a dry-run deploy-image of the sample image in the local registry.
# Times are taken inside the container (date +%s%N around each process), so podman's own start is
# not in them. RUNS=7 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-7}"
IMAGE="${IMAGE:-localhost/dispatch-orchestrator:dev}"
. scripts/test-services.sh # the podman CLI in the services' store (CONTAINERS_* exported)
[ "${SKIP_BUILD:-}" = 1 ] || scripts/build-image.sh

# The entrypoint as the image declares it: java, its flags, -jar, the jar.
entrypoint="$(podman image inspect --format '{{range .Config.Entrypoint}}{{.}} {{end}}' "$IMAGE")"
flags="${entrypoint#java }"
flags="${flags%%-jar *}"
echo "image $IMAGE ($(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')), entrypoint: $entrypoint"

# shellcheck disable=SC2016 # expanded inside the container
script='
ms() { s=$(date +%s%N); "$@" > /dev/null 2>&1 || echo "failed: $*" >&2; echo $(( ($(date +%s%N) - s) / 1000000 )); }
median() { sort -n | awk "{ v[NR] = \$1 } END { print v[int((NR + 1) / 2)] }"; }
for i in $(seq 1 "$RUNS"); do
  echo "$(ms java -version) $(ms java $FLAGS -version) $(ms $ENTRYPOINT)"
done > /tmp/runs
plain=$(cut -d" " -f1 /tmp/runs | median); floor=$(cut -d" " -f2 /tmp/runs | median); dry=$(cut -d" " -f3 /tmp/runs | median)
echo "java -version, plain               : $plain ms"
echo "java -version, the entrypoint flags: $floor ms   (the floor)"
echo "dry-run deploy-image, entrypoint   : $dry ms   = $(awk "BEGIN { printf \"%.1f\", $dry / $floor }") x the floor"
'
podman run --rm --network host --memory 512m \
  -e RUNS="$RUNS" -e FLAGS="$flags" -e ENTRYPOINT="$entrypoint" \
  -e NOMAD_META_TASK=deploy-image -e DRY_RUN=1 \
  -e NOMAD_META_PARAMS="$(base64 -w0 testdata/src/main/resources/params/deploy-image.json)" \
  --entrypoint sh "$IMAGE" -c "$script"
