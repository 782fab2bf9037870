#!/usr/bin/env bash
# Benchmark (not a test): what tracing adds to a whole deploy-image run: the tree in the log
# (always on), plus TRACE_FILE, plus an OTLP/HTTP export to a local endpoint.  RUNS=7 by default.
source "$(dirname "$0")/lib.sh"
bench tracing
