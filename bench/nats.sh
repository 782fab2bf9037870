#!/usr/bin/env bash
# Benchmark (not a test): what NATS costs a whole run, against the real nats-server of
# scripts/test-services.sh. First deploy-image without NATS, with it, and with each fault (a closed
# port, a server that accepts and never answers, a subject no stream takes): each fault must add at
# most 2 s. Then a repository build printing LINES (default 20,000) lines, without and with the
# live log: at most 5 % longer, every line arriving in order with no gap in sequence.
# RUNS=7 (faults) and RUNS=5 (lines) by default.
source "$(dirname "$0")/lib.sh"
java -cp "$BENCH_CP" io.dispatch.orchestrator.NatsBenchmark "$JAR" "$RUNS" faults
java -cp "$BENCH_CP" io.dispatch.orchestrator.NatsBenchmark "$JAR" "${LINE_RUNS:-5}" lines "${LINES:-20000}"
