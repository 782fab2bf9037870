#!/usr/bin/env bash
# Benchmark (not a test): what NATS costs a whole run, against the real nats-server of
# scripts/test-services.sh, with the shipped launch's JVM flags (BENCH_JVM_FLAGS to change them).
#  1. deploy-image without NATS, with it, and with each fault (a closed port, a server that accepts
#     and never answers, a subject no stream takes): each fault must add at most 2 s.
#  2. a repository build printing LINES (default 20,000) lines, without and with the live log, in
#     back-to-back pairs: the target is at most 5 % longer, every line arriving in order with no gap
#     in sequence. Run twice: into the tests' file-backed stream, and into a memory stream (a
#     production NATS runs on other machines; here its disk writes compete with the build's).
# RUNS=7 (faults) and LINE_RUNS=9 (pairs) by default.
source "$(dirname "$0")/lib.sh"
export BENCH_JVM_FLAGS="${BENCH_JVM_FLAGS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx96m}"
nats_bench() { java -cp "$BENCH_CP" io.dispatch.orchestrator.NatsBenchmark "$JAR" "$@"; }
nats_bench "$RUNS" faults
echo "── into the file-backed stream $TEST_NATS_STREAM"
nats_bench "${LINE_RUNS:-9}" lines "${LINES:-20000}"
java scripts/nats/NatsSetup.java stream "$TEST_NATS_URL" \
  "$DISPATCH_SERVICES_DIR/nats" DISPATCH_BENCH 'dispatch-bench.>' memory >&2
echo "── into the memory stream DISPATCH_BENCH"
TEST_NATS_STREAM=DISPATCH_BENCH TEST_NATS_PREFIX=dispatch-bench nats_bench "${LINE_RUNS:-9}" lines "${LINES:-20000}"
