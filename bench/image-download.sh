#!/usr/bin/env bash
# Benchmark (not a test): bytes and time to learn an image's config through the registry API
# (manifest + config blob) versus a daemon pull + inspect, for a small image (busybox, ~1 MB) and a
# large one (FROM scratch + random, incompressible files; 256 MB by default).
#
#   bench/image-download.sh            RUNS=3 LARGE_MB=256 by default
#
# The random files are kept in $BENCH_DIR (default /var/tmp/dispatch-bench) and reused, so repeated
# runs push the same blobs and the shared test registry does not grow. The images get unique
# repository names (bench/<size>-<random>) and are removed from podman's storage at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=../scripts/test-services.sh
source scripts/test-services.sh
RUNS="${RUNS:-3}"
LARGE_MB="${LARGE_MB:-256}"
BENCH_DIR="${BENCH_DIR:-/var/tmp/dispatch-bench}"

mkdir -p "$BENCH_DIR/small" "$BENCH_DIR/large"
cp "$TEST_BUSYBOX" "$BENCH_DIR/small/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nEXPOSE 8080\nCMD ["/bin/busybox", "true"]\n' \
  > "$BENCH_DIR/small/Dockerfile"
{
  echo "FROM scratch"
  for i in 1 2 3 4; do
    f="$BENCH_DIR/large/random$i.bin"
    want=$((LARGE_MB * 1024 * 1024 / 4))
    if [ ! -f "$f" ] || [ "$(stat -c %s "$f")" != "$want" ]; then
      head -c "$want" /dev/urandom > "$f"
    fi
    echo "COPY random$i.bin /data/random$i.bin"
  done
  echo "EXPOSE 8080"
} > "$BENCH_DIR/large/Dockerfile"

suffix="$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
small="$TEST_REGISTRY/bench/small-$suffix:1"
large="$TEST_REGISTRY/bench/large-$suffix:1"
cleanup() { podman rmi -f "$small" "$large" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "building and pushing $small and $large ($LARGE_MB MB of random layers)" >&2
podman build -q -t "$small" "$BENCH_DIR/small" >/dev/null
podman build -q -t "$large" "$BENCH_DIR/large" >/dev/null
podman push -q --tls-verify=false "$small"
podman push -q --tls-verify=false "$large"

echo "compiling the harness" >&2
mvn -B -q -pl lifecycle -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
classpath="lifecycle/target/test-classes:lifecycle/target/classes:$(cat lifecycle/target/bench.classpath)"

echo "measuring ($RUNS runs each)" >&2
java -cp "$classpath" io.dispatch.lifecycle.image.ImageDownloadBenchmark \
  "$DOCKER_HOST" "$DISPATCH_SERVICES_DIR/registry.log" "$RUNS" "small=$small" "large=$large"
