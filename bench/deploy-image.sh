#!/usr/bin/env bash
# Benchmark (not a test): whole deploy-image processes on loopback, one JVM launch after another
# (round robin, RUNS=7 times), each with its floor: `java -version` with the same flags, a dry run
# (DRY_RUN=1: the registry read, the job rendered) and a deploy-image on the Nomad double answering
# at once; wall time and peak RSS, medians. @TASK sizes the heap as in the 512 MB task. Then the
# reaction time from the double turning the deployment successful to the process exiting.
# The launches, in the words of orchestrator/src/test/java/io/dispatch/orchestrator/Launch.java:
#   the image's launch until now:      Java 17, CDS archive from a class list, C1, serial GC
#   the image's launch now:            Java 25, CDS archive with AOT-linked classes from a class
#                                      list (what deploy/Dockerfile dumps), C1, serial GC
#   Java 25 with an AOT cache:         from a training run (-XX:AOTCacheOutput), C1, serial GC
#   plain java -jar on each JDK, for reference
# BEFORE="JAR…" (other builds' orchestrator.jar, space-separated) adds the image's launch until now
# with each, labelled with the directory of its checkout.
source "$(dirname "$0")/lib.sh"
F="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC @TASK"
before=()
for jar in ${BEFORE:-}; do
  before+=("17 CDS list C1 Serial, $(basename "$(dirname "$(dirname "$(dirname "$jar")")")")=@JAR=$jar @LIST $F")
done
bench launch \
  "java -jar (17)=" \
  "java -jar (25)=@JDK25" \
  "${before[@]}" \
  "17 CDS list C1 Serial (image until now)=@LIST $F" \
  "25 CDS list+AOT linking (image now)=@JDK25 @LIST $F" \
  "25 AOT cache (training run)=@JDK25 @AOT $F"
bench reaction
