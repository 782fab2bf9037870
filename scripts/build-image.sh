#!/usr/bin/env bash
# Builds the orchestrator's image here, through podman, without pulling anything:
#   1. the jar (mvn package) and the class list of a real deploy-image run (scripts/cds-classlist.sh,
#      recorded with the image's JDK);
#   2. a base image, when there is none yet: Debian bookworm from debootstrap (minbase) with a Java
#      runtime jlink'd from this machine's JDK 25, imported into podman. About 1 to 2 minutes, once;
#      later builds reuse it;
#   3. deploy/Dockerfile on that base, tagged localhost/dispatch-orchestrator:dev.
#
#   scripts/build-image.sh                 build (reusing the jar's class list and the base image)
#   scripts/build-image.sh --rebuild-base  make the base image again first
#   SKIP_PACKAGE=1 scripts/build-image.sh  use orchestrator/target/orchestrator.jar as it is
#   IMAGE=… BASE=… scripts/build-image.sh  another tag, or another base (which must have java 25)
#
# Needs root (debootstrap) and the test services (scripts/test-services.sh, started when missing):
# the class list comes from a run against the local registry and the doubles, and the images live
# in the services' podman store (so --reset there removes the base too).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${IMAGE:-localhost/dispatch-orchestrator:dev}"
BASE="${BASE:-localhost/dispatch-base:bookworm-java25}"
JAVA25_HOME="${JAVA25_HOME:-$(ls -d /usr/lib/jvm/*-25-* 2>/dev/null | head -1)}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The modules the shaded jar uses (jdeps --print-module-deps --multi-release 17 --ignore-missing-deps).
MODULES="java.base,java.compiler,java.desktop,java.management,java.naming,java.net.http,java.security.jgss,java.sql,jdk.unsupported"
# The services: the class list comes from a run against them, and the podman CLI works in their
# store with their configuration (CONTAINERS_* exported; runc and lowered ulimits for RUN steps).
. scripts/test-services.sh

log() { echo "build-image: $*" >&2; }

if [ -z "$JAVA25_HOME" ] || [ ! -x "$JAVA25_HOME/bin/jlink" ]; then
  log "no JDK 25 found (set JAVA25_HOME); the image runs on Java 25"
  exit 1
fi

work=""
trap '[ -z "$work" ] || rm -rf "$work"' EXIT

make_base() {
  work="$(mktemp -d /var/tmp/dispatch-base.XXXXXX)"
  local dir="$work"
  command -v debootstrap >/dev/null 2>&1 \
    || { log "installing debootstrap"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  log "debootstrap bookworm (minbase) from $MIRROR"
  local t0=$SECONDS
  debootstrap --variant=minbase bookworm "$dir/rootfs" "$MIRROR" > "$dir/debootstrap.log" 2>&1 \
    || { tail -n 20 "$dir/debootstrap.log" >&2; return 1; }
  # What an image never needs: the downloaded packages, apt's lists, documentation, man pages.
  rm -rf "$dir/rootfs/var/cache/apt/archives/"*.deb "$dir/rootfs/var/cache/apt/"*.bin \
    "$dir/rootfs/var/lib/apt/lists/"* \
    "$dir/rootfs/usr/share/doc/"* "$dir/rootfs/usr/share/man/"* "$dir/rootfs/usr/share/info/"*
  log "jlink a Java runtime from $JAVA25_HOME ($MODULES)"
  "$JAVA25_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$dir/rootfs/opt/java/openjdk" > /dev/null
  # The JVM's own class-data archive for heaps over 32 GB: never used with the task's heap.
  rm -f "$dir/rootfs/opt/java/openjdk/lib/server/classes_nocoops.jsa"
  log "importing into podman as $BASE"
  tar -C "$dir/rootfs" -c . | podman import -q \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --message "debootstrap bookworm minbase + jlink'd $("$JAVA25_HOME/bin/java" -version 2>&1 | head -1)" \
    - "$BASE" > /dev/null
  rm -rf "$work"
  work=""
  log "base ready in $((SECONDS - t0)) s"
}

if [ "${1:-}" = "--rebuild-base" ] || ! podman image exists "$BASE"; then
  case "$BASE" in
    localhost/dispatch-base:*) make_base ;;
    *) log "base image $BASE is not in local storage; this script only makes localhost/dispatch-base:*"; exit 1 ;;
  esac
fi

if [ "${SKIP_PACKAGE:-}" != 1 ]; then
  log "building the jar"
  mvn -B -q package -DskipTests >&2
fi
log "recording the class list of a deploy-image run"
JAVA="$JAVA25_HOME/bin/java" scripts/cds-classlist.sh >&2

log "building $IMAGE on $BASE"
t0=$SECONDS
previous="$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)"
podman build -q --network host --build-arg "BASE=$BASE" -f deploy/Dockerfile -t "$IMAGE" . > /dev/null
# The image this tag named before, now without a name: removed unless something still uses it.
if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  podman rmi "$previous" > /dev/null 2>&1 || true
fi
log "built $IMAGE in $((SECONDS - t0)) s: $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"
