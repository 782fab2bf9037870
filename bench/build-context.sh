#!/usr/bin/env bash
# Benchmark (not a test): peak RSS of a whole deploy-repository run whose build context is about
# CONTEXT_MB (default 1024) of random files: the clone, the streamed context and the build must
# not grow with it. The repository is made once in $BENCH_DIR and reused.  RUNS=3 by default.
RUNS="${RUNS:-3}"
source "$(dirname "$0")/lib.sh"
CONTEXT_MB="${CONTEXT_MB:-1024}"
BENCH_DIR="${BENCH_DIR:-/var/tmp/dispatch-bench}"
repo="$BENCH_DIR/context-${CONTEXT_MB}mb.git"
if [ ! -d "$repo" ]; then
  echo "making a repository with $CONTEXT_MB MB of random files (once)…" >&2
  tree="$BENCH_DIR/context-${CONTEXT_MB}mb-tree"
  rm -rf "$tree" && mkdir -p "$tree/data"
  for i in $(seq 1 $((CONTEXT_MB / 64))); do head -c $((64 * 1024 * 1024)) /dev/urandom > "$tree/data/blob$i.bin"; done
  cp "$TEST_BUSYBOX" "$tree/busybox"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nEXPOSE 8080\nCMD ["/bin/busybox", "true"]\n' > "$tree/Dockerfile"
  git -C "$tree" init -q -b main && git -C "$tree" add -A \
    && git -C "$tree" -c user.name=bench -c user.email=bench@example.invalid commit -q -m context
  git clone -q --bare "$tree" "$repo" && rm -rf "$tree"
fi
# The shipped launch (deploy/Dockerfile); @TASK gives the heap its MaxRAMPercentage=20 gives in the
# job's 512 MB task. Without a cap, a JVM on a 24 GB machine lets its heap grow far past the
# ~30 MB it uses.
BENCH_JVM_FLAGS="@JDK25 @LIST -XX:TieredStopAtLevel=1 -XX:+UseSerialGC @TASK" bench build "$repo"
BENCH_JVM_FLAGS="" bench build "$repo"
