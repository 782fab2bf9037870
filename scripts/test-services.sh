#!/usr/bin/env bash
# Installs what is missing and starts the real services the integration tests talk to, on loopback only:
#   - podman's Docker-compatible API on a unix socket (this project's registries.conf and containers.conf);
#   - docker-registry on 127.0.0.1:5000 (anonymous) and 127.0.0.1:5001 (htpasswd basic auth);
#   - nats-server with JetStream on 127.0.0.1:14222, an NKey user and the tests' stream.
# Idempotent: services that already answer are left alone. Needs root on a fresh Debian machine.
#
#   scripts/test-services.sh                 start the services and print the environment to use
#   scripts/test-services.sh CMD [ARGS...]   start them, then run CMD with that environment exported
#   . scripts/test-services.sh               start them and export the environment into this shell
#   scripts/test-services.sh --stop          stop what this script started
#
# State (sockets, logs, registry storage) lives in $DISPATCH_SERVICES_DIR (default /var/tmp/dispatch-test-services).

_dts_project_dir() { (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); }

DISPATCH_SERVICES_DIR="${DISPATCH_SERVICES_DIR:-/var/tmp/dispatch-test-services}"
_dts_registry_user="dispatch"
_dts_registry_password="dispatch-test-password" # test fixture for the local htpasswd registry, not a secret

_dts_log() { echo "test-services: $*" >&2; }

_dts_install() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  [ -x /usr/sbin/runc ] || missing+=(runc)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
  command -v git >/dev/null 2>&1 || missing+=(git)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    _dts_log "missing packages (${missing[*]}) and not root: install them first"
    return 1
  fi
  _dts_log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

_dts_wait() { # _dts_wait DESCRIPTION COMMAND... : retry COMMAND for up to 15 s
  local what="$1"; shift
  for _ in $(seq 1 150); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  _dts_log "$what did not become ready; see $DISPATCH_SERVICES_DIR/*.log"
  return 1
}

_dts_registry_up() { curl -s -o /dev/null -w '%{http_code}' "http://$1/v2/" | grep -qE '^(200|401)$'; }

_dts_start_registry() { # _dts_start_registry NAME PORT [htpasswd]
  local name="$1" port="$2" auth="${3:-}" cfg="$DISPATCH_SERVICES_DIR/$1.yml"
  _dts_registry_up "127.0.0.1:$port" && return 0
  mkdir -p "$DISPATCH_SERVICES_DIR/$name-storage"
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage: {filesystem: {rootdirectory: $DISPATCH_SERVICES_DIR/$name-storage}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port}"
    if [ -n "$auth" ]; then
      htpasswd -Bbn "$_dts_registry_user" "$_dts_registry_password" > "$DISPATCH_SERVICES_DIR/$name.htpasswd"
      echo "auth: {htpasswd: {realm: dispatch-test, path: $DISPATCH_SERVICES_DIR/$name.htpasswd}}"
    fi
  } > "$cfg"
  setsid nohup docker-registry serve "$cfg" > "$DISPATCH_SERVICES_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$DISPATCH_SERVICES_DIR/$name.pid"
  _dts_wait "docker-registry on 127.0.0.1:$port" _dts_registry_up "127.0.0.1:$port"
}

_dts_podman_up() { curl -sf --max-time 5 --unix-socket "$DISPATCH_SERVICES_DIR/podman.sock" -o /dev/null http://d/_ping; }

_dts_start_podman() {
  local conf; conf="$(_dts_project_dir)/scripts/podman"
  _dts_podman_up && return 0
  rm -f "$DISPATCH_SERVICES_DIR/podman.sock"
  CONTAINERS_CONF="$conf/containers.conf" CONTAINERS_REGISTRIES_CONF="$conf/registries.conf" \
    setsid nohup podman system service --time=0 "unix://$DISPATCH_SERVICES_DIR/podman.sock" \
    > "$DISPATCH_SERVICES_DIR/podman.log" 2>&1 < /dev/null &
  echo $! > "$DISPATCH_SERVICES_DIR/podman.pid"
  _dts_wait "podman API on $DISPATCH_SERVICES_DIR/podman.sock" _dts_podman_up
}

# NATS with JetStream on 127.0.0.1:14222 (monitoring on 18222), for the events and live-log tests:
# one NKey user, whose seed is generated here once (testdata's NatsSetup, run as a single Java source
# file), and the stream $TEST_NATS_STREAM taking every subject under $TEST_NATS_PREFIX. Restarted
# when its configuration changes. Exports TEST_NATS_URL, TEST_NATS_SEED, TEST_NATS_STREAM and
# TEST_NATS_PREFIX.
_dts_start_nats() {
  local dir="$DISPATCH_SERVICES_DIR/nats" port=14222 http=18222 stream=DISPATCH_IT prefix=dispatch-it
  local setup; setup="$(_dts_project_dir)/testdata/src/main/java/io/dispatch/testdata/NatsSetup.java"
  if ! command -v nats-server >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then _dts_log "nats-server is missing and we are not root: install it first"; return 1; fi
    _dts_log "installing nats-server"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null || return 1
  fi
  mkdir -p "$dir/jetstream" || return 1
  [ -s "$dir/user.seed" ] || java "$setup" keys "$dir" || return 1
  {
    echo "listen: 127.0.0.1:$port"
    echo "http: 127.0.0.1:$http"
    echo "server_name: dispatch-test"
    echo "jetstream { store_dir: \"$dir/jetstream\", max_memory_store: 64MB, max_file_store: 2GB }"
    echo "accounts { DISPATCH { jetstream: enabled, users: [ { nkey: $(cat "$dir/user.pub") } ] } }"
  } > "$dir/nats.conf.new"
  _dts_nats_up() { curl -sf --max-time 2 "http://127.0.0.1:$http/healthz?js-enabled-only=true" >/dev/null; }
  if cmp -s "$dir/nats.conf.new" "$dir/nats.conf" && _dts_nats_up; then
    rm -f "$dir/nats.conf.new"
  else
    if [ -f "$DISPATCH_SERVICES_DIR/nats.pid" ]; then
      kill "$(cat "$DISPATCH_SERVICES_DIR/nats.pid")" 2>/dev/null
      for _ in $(seq 1 50); do _dts_nats_up || break; sleep 0.1; done
    fi
    mv "$dir/nats.conf.new" "$dir/nats.conf"
    setsid nohup nats-server -c "$dir/nats.conf" > "$DISPATCH_SERVICES_DIR/nats.log" 2>&1 < /dev/null &
    echo $! > "$DISPATCH_SERVICES_DIR/nats.pid"
    _dts_wait "nats-server on 127.0.0.1:$port" _dts_nats_up || return 1
  fi
  if ! curl -sf --max-time 2 "http://127.0.0.1:$http/jsz?accounts=true&streams=true" | grep -q "\"name\": *\"$stream\""; then
    java "$setup" stream "nats://127.0.0.1:$port" "$dir" "$stream" "$prefix.>" >&2 || return 1
  fi
  export TEST_NATS_URL="nats://127.0.0.1:$port" TEST_NATS_STREAM="$stream" TEST_NATS_PREFIX="$prefix"
  TEST_NATS_SEED="$(cat "$dir/user.seed")" && export TEST_NATS_SEED
}

_dts_export() {
  export DOCKER_HOST="unix://$DISPATCH_SERVICES_DIR/podman.sock"
  export TEST_REGISTRY="127.0.0.1:5000"
  export TEST_AUTH_REGISTRY="127.0.0.1:5001"
  export TEST_AUTH_REGISTRY_USER="$_dts_registry_user"
  export TEST_AUTH_REGISTRY_PASSWORD="$_dts_registry_password"
  export TEST_BUSYBOX="/bin/busybox"
  # JGit measures file-timestamp resolution once and caches it here; keep it out of $HOME.
  export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$DISPATCH_SERVICES_DIR/xdg}"
}

_dts_stop() {
  local f
  for f in "$DISPATCH_SERVICES_DIR"/*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null
    rm -f "$f"
  done
  _dts_log "stopped"
}

_dts_start() {
  mkdir -p "$DISPATCH_SERVICES_DIR" || return 1
  _dts_install || return 1
  _dts_start_registry registry 5000 || return 1
  _dts_start_registry registry-auth 5001 htpasswd || return 1
  _dts_start_podman || return 1
  _dts_start_nats || return 1
  _dts_export
  _dts_log "ready: DOCKER_HOST=$DOCKER_HOST, registries $TEST_REGISTRY and $TEST_AUTH_REGISTRY (basic auth)"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  _dts_start # sourced: export into the caller's shell
else
  set -euo pipefail
  case "${1:-}" in
    --stop) _dts_stop ;;
    "") _dts_start; env | grep -E '^(DOCKER_HOST|TEST_[A-Z_]+|XDG_CONFIG_HOME)=' | grep -v PASSWORD ;;
    *) _dts_start; exec "$@" ;;
  esac
fi
