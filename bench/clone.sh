#!/usr/bin/env bash
# Times the project's shallow clone (GitCloner: depth 1, one branch, no tags) of two repositories
# with the same final tree: one with a long history (COMMITS commits) and one with a single commit.
# Also shows JGit's first-use cost on a machine with no cached file-system measurement, which
# GitCloner avoids (see JGitFileStores). Not a test: it prints figures.
#
#   bench/clone.sh                 COMMITS=2000 FILES=200 RUNS=5 by default
#   COMMITS=5000 RUNS=10 bench/clone.sh
#
# Needs git, java 17 and maven; builds lifecycle's test classes with the reactor (no install).
set -euo pipefail
cd "$(dirname "$0")/.."

COMMITS="${COMMITS:-2000}"
FILES="${FILES:-200}"
RUNS="${RUNS:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/clone-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

g() { GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git -c user.name=Bench -c user.email=bench@example.invalid "$@"; }

echo "building lifecycle test classes and classpath..." >&2
mvn -B -q -pl lifecycle -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test >&2
cp="lifecycle/target/test-classes:lifecycle/target/classes:$(cat lifecycle/target/classpath.txt)"
cat > "$work/logback.xml" <<'XML'
<configuration><appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
<encoder><pattern>%level %logger{0} %msg%n</pattern></encoder></appender><root level="WARN"><appender-ref ref="E"/></root></configuration>
XML
bench() { java -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" io.dispatch.lifecycle.source.CloneBench "$@"; }

echo "creating a repository with $COMMITS commits over $FILES files..." >&2
g init -q --bare -b main "$work/long.git"
awk -v commits="$COMMITS" -v files="$FILES" 'BEGIN {
  for (i = 1; i <= commits; i++) {
    k = i % files
    body = ""
    for (j = 1; j <= 60; j++) body = body sprintf("file %d line %d: revision %d of this file, some text to diff\n", k, j, int(i / files))
    msg = "change " i
    print "commit refs/heads/main"
    print "mark :" i
    printf "committer Bench <bench@example.invalid> %d +0000\n", 1700000000 + i
    print "data " length(msg); print msg
    if (i > 1) print "from :" (i - 1)
    printf "M 100644 inline src/f%03d.txt\n", k
    print "data " length(body); printf "%s", body
    print ""
  }
}' | g -C "$work/long.git" fast-import --quiet
g -C "$work/long.git" gc -q

echo "creating a one-commit repository with the same final tree..." >&2
g clone -q "$work/long.git" "$work/flat-src"
rm -rf "$work/flat-src/.git"
g init -q -b main "$work/flat-src"
g -C "$work/flat-src" add -A
g -C "$work/flat-src" commit -q -m "snapshot"
g clone -q --bare "$work/flat-src" "$work/flat.git"
g -C "$work/flat.git" gc -q

[ "$(g -C "$work/long.git" rev-parse 'HEAD^{tree}')" = "$(g -C "$work/flat.git" rev-parse 'HEAD^{tree}')" ] \
  || { echo "final trees differ" >&2; exit 1; }

echo "repositories: long $(du -sh "$work/long.git" | cut -f1) ($(g -C "$work/long.git" rev-list --count HEAD) commits), flat $(du -sh "$work/flat.git" | cut -f1) (1 commit)"
export XDG_CONFIG_HOME="$work/xdg-warm"
bench "file://$work/flat.git" main 1 >/dev/null # seed the file-system measurement for the runs below
echo "shallow clone, long history : $(bench "file://$work/long.git" main "$RUNS")"
echo "shallow clone, one commit   : $(bench "file://$work/flat.git" main "$RUNS")"
echo "first clone on a machine with no JGit cache (fresh XDG_CONFIG_HOME each time):"
echo "  through GitCloner (attributes seeded): $(XDG_CONFIG_HOME="$work/xdg-1" bench "file://$work/flat.git" main 0)"
echo "  JGit measuring first, as by default:   $(XDG_CONFIG_HOME="$work/xdg-2" bench "file://$work/flat.git" main 0 --jgit-measure)"
echo "  with a cache from an earlier run:      $(bench "file://$work/flat.git" main 0)"
