#!/usr/bin/env bash
# Benchmark (not a test): what the backend costs a whole deploy-image run: none, healthy, one
# that accepts connections and never answers, and one that refuses them.  RUNS=7 by default.
source "$(dirname "$0")/lib.sh"
bench backend
