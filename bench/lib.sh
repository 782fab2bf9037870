# Shared by the bench scripts: services up, the jar and test classes built, the test class path.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../scripts/test-services.sh
source scripts/test-services.sh
RUNS="${RUNS:-7}"
# Wall time and peak RSS come from GNU time.
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
echo "building the jar and the benchmark harness…" >&2
mvn -B -q package -DskipTests >&2
mvn -B -q -pl orchestrator -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
BENCH_CP="orchestrator/target/test-classes:orchestrator/target/classes:$(cat orchestrator/target/bench.classpath)"
JAR="${BENCH_JAR:-$PWD/orchestrator/target/orchestrator.jar}" # BENCH_JAR: another build, for before/after
bench() { java -cp "$BENCH_CP" io.dispatch.orchestrator.DeployBenchmark "$JAR" "$RUNS" "$@"; }
