#!/usr/bin/env bash
# Benchmark (not a test): a whole deploy-image process on loopback against the Nomad double
# answering at once: wall time and peak RSS per JVM launch variant, then the reaction time from
# the double turning the deployment successful to the process exiting.  RUNS=7 by default.
source "$(dirname "$0")/lib.sh"
scripts/cds-classlist.sh >&2
bench launch "" "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "@CDS" "@CDS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
  "@LIST -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx96m"
bench reaction
