#!/usr/bin/env bash
# Installs what is missing and starts the real services the integration tests talk to, on loopback only:
#   - podman's Docker-compatible API on a unix socket, with an image store of its own;
#   - docker-registry on 127.0.0.1:5000 (anonymous) and 127.0.0.1:5001 (htpasswd basic auth);
#   - nats-server with JetStream on 127.0.0.1:14222, an NKey user and the tests' stream.
# Needs root on a fresh Debian machine.
#
#   scripts/test-services.sh                 start the services and print the environment to use
#   scripts/test-services.sh CMD [ARGS...]   start them, then run CMD with that environment exported
#   . scripts/test-services.sh               start them and export the environment into this shell
#   scripts/test-services.sh --stop          stop the services this state directory started
#   scripts/test-services.sh --reset         stop them and delete the state directory (images included)
#
# Everything lives in the state directory $DISPATCH_SERVICES_DIR (default /var/tmp/dispatch-test-services):
# each service runs from a copy of its configuration, <dir>/<service>/conf, made when it starts, so a
# running service never depends on the checkout that started it. A service that already answers is
# reused when its copy equals what this checkout would give it, and restarted (one log line says so)
# when it differs. Podman's store (images, build cache) is <dir>/podman/storage, so another
# DISPATCH_SERVICES_DIR is a fresh machine as far as podman is concerned.
#
# A service is one function _dts_svc_<name> DIR HOME. HOME is the service's directory in the state
# directory (its data goes there); DIR becomes HOME/conf, and the function writes into it what the
# service runs from: its config files, `run` (a script that execs the service), `ready` (curl
# arguments, one a line, for a request it answers once it is up) and, optionally, `exports`
# (NAME=VALUE lines for the tests). Add the name to _dts_services and it is started, compared,
# restarted, stopped and reset like the others; a package it needs goes into _dts_install. What must
# happen once it answers goes into _dts_after_<name> HOME (the nats service creates its stream). E.g.:
#
#   _dts_svc_nats() { # DIR HOME
#     printf 'listen: 127.0.0.1:4222\nhttp: 127.0.0.1:8222\njetstream { store_dir: "%s" }\n' "$2/data" > "$1/nats.conf"
#     printf '#!/bin/sh\nexec nats-server -c %s/conf/nats.conf\n' "$2" > "$1/run"
#     echo http://127.0.0.1:8222/healthz > "$1/ready"
#     echo NATS_URL=nats://127.0.0.1:4222 > "$1/exports"
#   }

_dts_services=(registry registry-auth podman nats)

DISPATCH_SERVICES_DIR="${DISPATCH_SERVICES_DIR:-/var/tmp/dispatch-test-services}"
_dts_project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dts_registry_user="dispatch"
_dts_registry_password="dispatch-test-password" # test fixture for the local htpasswd registry, not a secret

_dts_log() { echo "test-services: $*" >&2; }

# ---- the services -----------------------------------------------------------------------------

_dts_registry_config() { # DIR HOME PORT [htpasswd]: docker-registry on 127.0.0.1:PORT
  local d="$1" home="$2" port="$3" auth="${4:-}"
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage: {filesystem: {rootdirectory: $home/storage}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port}"
    [ -z "$auth" ] || echo "auth: {htpasswd: {realm: dispatch-test, path: $home/conf/htpasswd}}"
  } > "$d/config.yml"
  if [ -n "$auth" ]; then # bcrypt salts differ on every run: keep the running service's file if it fits
    if [ -f "$home/conf/htpasswd" ] \
      && htpasswd -vb "$home/conf/htpasswd" "$_dts_registry_user" "$_dts_registry_password" 2>/dev/null; then
      cp "$home/conf/htpasswd" "$d/htpasswd"
    else
      htpasswd -Bbn "$_dts_registry_user" "$_dts_registry_password" > "$d/htpasswd"
    fi
  fi
  printf '#!/bin/sh\nmkdir -p %s/storage\nexec docker-registry serve %s/conf/config.yml\n' "$home" "$home" > "$d/run"
  echo "http://127.0.0.1:$port/v2/" > "$d/ready"
}

_dts_svc_registry() {
  _dts_registry_config "$1" "$2" 5000
  echo "TEST_REGISTRY=127.0.0.1:5000" > "$1/exports"
}

_dts_svc_registry-auth() {
  _dts_registry_config "$1" "$2" 5001 htpasswd
  printf '%s\n' "TEST_AUTH_REGISTRY=127.0.0.1:5001" "TEST_AUTH_REGISTRY_USER=$_dts_registry_user" \
    "TEST_AUTH_REGISTRY_PASSWORD=$_dts_registry_password" > "$1/exports"
}

_dts_svc_podman() {
  local d="$1" home="$2" conf="$2/conf" sock run
  sock="$DISPATCH_SERVICES_DIR/podman.sock"
  run="$(_dts_podman_runroot)"
  cp "$_dts_project/scripts/podman/registries.conf" "$d/registries.conf"
  # The project's containers.conf, with libpod's temporary state next to this store's run root.
  awk -v tmp="$run/libpod" '{ print } /^\[engine\][[:space:]]*$/ { print "tmp_dir = \"" tmp "\""; done = 1 }
    END { if (!done) print "\n[engine]\ntmp_dir = \"" tmp "\"" }' \
    "$_dts_project/scripts/podman/containers.conf" > "$d/containers.conf"
  printf '[storage]\ndriver = "overlay"\ngraphroot = "%s"\nrunroot = "%s"\n' "$home/storage" "$run/storage" \
    > "$d/storage.conf"
  # TMPDIR: build contexts are unpacked there, and podman 4.3 leaves a digest.txt* file there on
  # every push; both belong in the state directory, not in /var/tmp.
  cat > "$d/run" <<EOF
#!/bin/sh
rm -f $sock
mkdir -p $home/tmp
export CONTAINERS_CONF=$conf/containers.conf CONTAINERS_REGISTRIES_CONF=$conf/registries.conf \\
  CONTAINERS_STORAGE_CONF=$conf/storage.conf TMPDIR=$home/tmp
exec podman system service --time=0 unix://$sock
EOF
  printf '%s\n' --unix-socket "$sock" http://d/_ping > "$d/ready"
  printf '%s\n' "DOCKER_HOST=unix://$sock" "CONTAINERS_CONF=$conf/containers.conf" \
    "CONTAINERS_REGISTRIES_CONF=$conf/registries.conf" "CONTAINERS_STORAGE_CONF=$conf/storage.conf" \
    > "$d/exports"
}

# NATS with JetStream on 127.0.0.1:14222 (monitoring on 18222), for the events and live-log tests:
# one NKey user, whose seed is made once in HOME (scripts/nats/NatsSetup.java, run as a single Java
# source file: it needs nothing built), and the stream $TEST_NATS_STREAM for every subject under
# $TEST_NATS_PREFIX, created once the server answers.
_dts_nats_setup="$_dts_project/scripts/nats/NatsSetup.java"

_dts_svc_nats() {
  local d="$1" home="$2"
  [ -s "$home/user.seed" ] || java "$_dts_nats_setup" keys "$home" || return 1
  {
    echo "listen: 127.0.0.1:14222"
    echo "http: 127.0.0.1:18222"
    echo "server_name: dispatch-test"
    echo "jetstream { store_dir: \"$home/jetstream\", max_memory_store: 64MB, max_file_store: 2GB }"
    echo "accounts { DISPATCH { jetstream: enabled, users: [ { nkey: $(cat "$home/user.pub") } ] } }"
  } > "$d/nats.conf"
  printf '#!/bin/sh\nexec nats-server -c %s/conf/nats.conf\n' "$home" > "$d/run"
  echo "http://127.0.0.1:18222/healthz" > "$d/ready"
  printf '%s\n' "TEST_NATS_URL=nats://127.0.0.1:14222" "TEST_NATS_SEED=$(cat "$home/user.seed")" \
    "TEST_NATS_STREAM=DISPATCH_IT" "TEST_NATS_PREFIX=dispatch-it" > "$d/exports"
}

_dts_after_nats() { # HOME: the tests' stream, unless the server has it already
  for _ in $(seq 1 50); do # JetStream may start a moment after the server answers
    curl -sf --max-time 2 "http://127.0.0.1:18222/healthz?js-enabled-only=true" >/dev/null && break
    sleep 0.1
  done
  curl -sf --max-time 2 "http://127.0.0.1:18222/jsz?accounts=true&streams=true" | grep -q '"name": *"DISPATCH_IT"' \
    || java "$_dts_nats_setup" stream nats://127.0.0.1:14222 "$1" DISPATCH_IT 'dispatch-it.>' >&2
}

# Run-time state belongs on tmpfs (/run), so that a reboot clears it; one directory per state directory.
_dts_podman_runroot() {
  local id
  id="$(printf %s "$DISPATCH_SERVICES_DIR" | sha1sum | cut -c1-12)"
  if [ -w /run ]; then echo "/run/dispatch-test-services/$id"; else echo "$DISPATCH_SERVICES_DIR/podman/run"; fi
}

# ---- packages ---------------------------------------------------------------------------------

_dts_install() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  [ -x /usr/sbin/runc ] || missing+=(runc)
  # FROM scratch images need a static busybox; Debian's plain busybox package is dynamically linked.
  { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; } || missing+=(busybox-static)
  command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
  command -v git >/dev/null 2>&1 || missing+=(git)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap) # ImageIT's base image
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    _dts_log "missing packages (${missing[*]}) and not root: install them first"
    return 1
  fi
  _dts_log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# ---- what every service gets ------------------------------------------------------------------

_dts_up() { # NAME: the service answers the request in its ready file
  local ready="$DISPATCH_SERVICES_DIR/$1/conf/ready" args code
  [ -f "$ready" ] || ready="$DISPATCH_SERVICES_DIR/.$1.new/ready"
  mapfile -t args < "$ready"
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${args[@]}")"
  [ -n "$code" ] && [ "$code" != 000 ]
}

_dts_pid() { # NAME: the pid of the service this state directory started, if it still runs
  local f pid
  for f in "$DISPATCH_SERVICES_DIR/$1/pid" "$DISPATCH_SERVICES_DIR/$1.pid"; do # the latter: older layout
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF "$DISPATCH_SERVICES_DIR"; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

_dts_stop_one() { # NAME
  local pid
  if pid="$(_dts_pid "$1")"; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$DISPATCH_SERVICES_DIR/$1/pid" "$DISPATCH_SERVICES_DIR/$1.pid"
}

_dts_ensure() { # NAME: start the service, or keep it when it runs from this configuration
  local name="$1" home="$DISPATCH_SERVICES_DIR/$1" new="$DISPATCH_SERVICES_DIR/.$1.new" changed
  rm -rf "$new" && mkdir -p "$new" "$home" || return 1
  "_dts_svc_$name" "$new" "$home" || { _dts_log "$name: cannot write its configuration"; return 1; }
  chmod +x "$new/run"
  cp "$new/exports" "$home/exports" 2>/dev/null || rm -f "$home/exports"
  if _dts_up "$name"; then
    if [ -d "$home/conf" ] && changed="$(diff -rq "$home/conf" "$new")"; then
      rm -rf "$new"
      return 0 # runs from this very configuration
    fi
    if ! _dts_pid "$name" > /dev/null; then
      _dts_log "$name: something not started from $DISPATCH_SERVICES_DIR answers its address; using it as it is"
      rm -rf "$new"
      return 0
    fi
    if [ -d "$home/conf" ]; then
      changed="$(echo "$changed" | sed -nE 's#^Files .*/([^/]+) and .* differ$#\1#p; s#^Only in [^:]*: ##p' \
        | sort -u | paste -sd, -)"
      _dts_log "$name: configuration changed ($changed); restarting it"
    else
      _dts_log "$name: running without a copy of its configuration in $DISPATCH_SERVICES_DIR; restarting it"
    fi
  fi
  _dts_stop_one "$name" # also one of ours that no longer answers
  rm -rf "$home/conf" "$home/pid" && mv "$new" "$home/conf" || return 1
  # Detached from this shell and its lock; the service writes its own pid (`exec` keeps it from sh
  # to run to the service itself) and runs in its own directory, not in the checkout.
  # shellcheck disable=SC2016
  setsid nohup sh -c 'cd "$2" && echo $$ > "$0" && exec "$1"' "$home/pid" "$home/conf/run" "$home" \
    > "$home/log" 2>&1 < /dev/null {_dts_lock_fd}>&- &
  for _ in $(seq 1 150); do
    _dts_up "$name" && return 0
    if [ -s "$home/pid" ] && ! kill -0 "$(cat "$home/pid")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  _dts_log "$name did not become ready; see $home/log"
  return 1
}

_dts_export() {
  local name line
  for name in "${_dts_services[@]}"; do
    [ -f "$DISPATCH_SERVICES_DIR/$name/exports" ] || continue
    while IFS= read -r line; do export "${line?}"; done < "$DISPATCH_SERVICES_DIR/$name/exports"
  done
  export TEST_BUSYBOX="/bin/busybox"
  # JGit measures file-timestamp resolution once and caches it here; keep it out of $HOME.
  export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$DISPATCH_SERVICES_DIR/xdg}"
  mkdir -p "$XDG_CONFIG_HOME"
}

_dts_locked() { # CMD...: run CMD holding the state directory's lock (two starts at once would race)
  local rc
  mkdir -p "$DISPATCH_SERVICES_DIR" || return 1
  exec {_dts_lock_fd}> "$DISPATCH_SERVICES_DIR/.lock"
  flock "$_dts_lock_fd"
  "$@"
  rc=$?
  exec {_dts_lock_fd}>&-
  return $rc
}

_dts_start_all() {
  local name
  _dts_install || return 1
  for name in "${_dts_services[@]}"; do
    _dts_ensure "$name" || return 1
    if declare -F "_dts_after_$name" >/dev/null; then
      "_dts_after_$name" "$DISPATCH_SERVICES_DIR/$name" || return 1
    fi
  done
}

_dts_start() {
  _dts_locked _dts_start_all || return 1
  _dts_export
  _dts_log "ready in $DISPATCH_SERVICES_DIR: DOCKER_HOST=$DOCKER_HOST, registries $TEST_REGISTRY and $TEST_AUTH_REGISTRY (basic auth)"
}

_dts_stop_all() {
  local i
  for ((i = ${#_dts_services[@]} - 1; i >= 0; i--)); do _dts_stop_one "${_dts_services[i]}"; done
  _dts_log "stopped the services of $DISPATCH_SERVICES_DIR"
}

_dts_reset_all() {
  local run mnt
  _dts_stop_all
  run="$(_dts_podman_runroot)"
  # Podman's overlay driver leaves a bind mount on its own directory; unmount what lies below us.
  for mnt in $(findmnt -rn -o TARGET | grep -E "^($DISPATCH_SERVICES_DIR|$run)(/|$)" | sort -r); do
    umount "$mnt" 2>/dev/null || umount -l "$mnt"
  done
  rm -rf "$run" "$DISPATCH_SERVICES_DIR"
  _dts_log "deleted $DISPATCH_SERVICES_DIR"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  _dts_start # sourced: export into the caller's shell
else
  set -euo pipefail
  case "${1:-}" in
    --stop) _dts_locked _dts_stop_all ;;
    --reset) _dts_locked _dts_reset_all ;;
    "") _dts_start; env | grep -E '^(DOCKER_HOST|CONTAINERS_[A-Z_]+|TEST_[A-Z_]+|XDG_CONFIG_HOME)=' | grep -v PASSWORD ;;
    *) _dts_start; exec "$@" ;;
  esac
fi
