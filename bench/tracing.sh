#!/usr/bin/env bash
# Benchmark (not a test): what tracing adds to a whole deploy-image run: the tree in the log
# (always on), plus TRACE_FILE, plus an OTLP/HTTP export to a local endpoint.  RUNS=7 by default.
source "$(dirname "$0")/lib.sh"
echo "a Nomad double that answers at once:"
bench tracing "" "@JDK25 @LIST -XX:TieredStopAtLevel=1 -XX:+UseSerialGC @TASK"
echo "a rollout that takes 2 x 1 s, as a real one takes at least its min_healthy_time:"
BENCH_STEP_MS=1000 bench tracing "@JDK25 @LIST -XX:TieredStopAtLevel=1 -XX:+UseSerialGC @TASK"
