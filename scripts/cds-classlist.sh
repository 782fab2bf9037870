#!/usr/bin/env bash
# Records the classes a real deploy-image run loads (scripts/run-local.sh against the local
# stand-ins) into orchestrator/target/orchestrator.classlist. The list is plain text and does not
# depend on the JVM build, so deploy/Dockerfile turns it into a class-data-sharing archive with the
# image's own JVM (see bench/deploy-image.sh for what it saves). Record it with the JVM the archive
# is for (JAVA=/path/to/java; scripts/build-image.sh passes the image's): Java 24+ also writes what
# it needs to link the classes ahead of time.
set -euo pipefail
cd "$(dirname "$0")/.."
list="$PWD/orchestrator/target/orchestrator.classlist"
rm -f "$list"
# A run as most are: without a trace export. On Java 24+ every class in the archive is loaded at
# start (ahead-of-time linking), so the OpenTelemetry SDK and the JDK's HttpClient (~400 classes)
# stay out unless a run uses them.
NO_OTLP=1 JAVA_OPTS="-Xshare:off -XX:DumpLoadedClassList=$list" scripts/run-local.sh > /dev/null
echo "wrote $list ($(wc -l < "$list") classes)"
