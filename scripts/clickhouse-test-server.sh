#!/usr/bin/env bash
# Throwaway ClickHouse servers for debrief's tests.
#
#   scripts/clickhouse-test-server.sh start          one server, prints `export DEBRIEF_CLICKHOUSE_DSN=...`;
#                                                    then (unless DEBRIEF_CH_CLUSTER=0) also what
#                                                    start-cluster does
#   scripts/clickhouse-test-server.sh start-single   only the single server
#   scripts/clickhouse-test-server.sh start-cluster  two servers as the two shards of cluster "debrief"
#                                                    (Distributed over plain MergeTrees: no ZooKeeper),
#                                                    prints `export DEBRIEF_CLICKHOUSE_CLUSTER_DSN=...`
#   scripts/clickhouse-test-server.sh stop           stops every server this script started
#   scripts/clickhouse-test-server.sh status
#
# Usage in a shell: eval "$(scripts/clickhouse-test-server.sh start)"
# Only export lines go to stdout; progress and errors go to stderr.
#
# Installs clickhouse-server and clickhouse-client with apt-get (as root, or
# via sudo) when they are missing. Each server runs as a background process
# with its own config, data, log and tmp directories under $DEBRIEF_CH_DIR
# (default /tmp/debrief-clickhouse), listens on 127.0.0.1 only, on the tcp
# port $DEBRIEF_CH_PORT (default 9000; the next free port if taken) and has
# no interserver port. Waits until `SELECT 1` answers ($DEBRIEF_CH_TIMEOUT
# seconds, default 60).
set -euo pipefail

ROOT="${DEBRIEF_CH_DIR:-/tmp/debrief-clickhouse}"
BASE_PORT="${DEBRIEF_CH_PORT:-9000}"
TIMEOUT="${DEBRIEF_CH_TIMEOUT:-60}"
DB="${DEBRIEF_CH_DB:-debrief_test}"

log() { echo "clickhouse-test-server: $*" >&2; }
die() { log "$*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

server_bin() {
  if command -v clickhouse-server >/dev/null 2>&1; then echo "clickhouse-server"; return; fi
  if [ -x /usr/sbin/clickhouse-server ]; then echo /usr/sbin/clickhouse-server; return; fi
  if command -v clickhouse >/dev/null 2>&1; then echo "clickhouse server"; return; fi
  return 1
}
client_bin() {
  if command -v clickhouse-client >/dev/null 2>&1; then echo "clickhouse-client"; return; fi
  if command -v clickhouse >/dev/null 2>&1; then echo "clickhouse client"; return; fi
  return 1
}

install_if_missing() {
  if server_bin >/dev/null && client_bin >/dev/null; then return; fi
  log "clickhouse-server/clickhouse-client not found; installing from Debian's packages"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >&2
  server_bin >/dev/null || die "clickhouse-server still missing after apt-get install"
  client_bin >/dev/null || die "clickhouse-client still missing after apt-get install"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { # free_port START [EXCLUDE...]: first port >= START that is free and not excluded
  local p="$1"; shift
  while :; do
    local skip=0
    for x in "$@"; do [ "$x" = "$p" ] && skip=1; done
    if [ "$skip" = 0 ] && ! port_busy "$p"; then echo "$p"; return; fi
    p=$((p + 1))
    [ "$p" -lt 65000 ] || die "no free port found"
  done
}

alive() { [ -f "$1/pid" ] && kill -0 "$(cat "$1/pid")" 2>/dev/null; }

# write_config DIR TCP_PORT HTTP_PORT SHARD_PORTS...
write_config() {
  local dir="$1" tcp="$2" http="$3"; shift 3
  mkdir -p "$dir/data" "$dir/tmp" "$dir/log" "$dir/user_files" "$dir/format_schemas"
  local remote=""
  if [ $# -gt 0 ]; then
    remote="<remote_servers><debrief>"
    for p in "$@"; do
      remote="$remote<shard><replica><host>127.0.0.1</host><port>$p</port></replica></shard>"
    done
    remote="$remote</debrief></remote_servers>"
  fi
  cat >"$dir/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>$dir/log/server.log</log>
        <errorlog>$dir/log/server.err.log</errorlog>
        <size>100M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <tcp_port>$tcp</tcp_port>
    <http_port>$http</http_port>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <format_schema_path>$dir/format_schemas/</format_schema_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mark_cache_size>268435456</mark_cache_size>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <max_concurrent_queries>200</max_concurrent_queries>
    $remote
</yandex>
EOF
  cat >"$dir/users.xml" <<'EOF'
<?xml version="1.0"?>
<yandex>
    <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
        <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
}

# start_server DIR TCP_PORT HTTP_PORT SHARD_PORTS...
start_server() {
  local dir="$1" tcp="$2" http="$3"
  write_config "$@"
  echo "$tcp" >"$dir/port"
  local bin; bin="$(server_bin)"
  # shellcheck disable=SC2086 # $bin may be "clickhouse server"
  ( cd "$dir" && exec setsid $bin --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 ) &
  echo $! >"$dir/pid"
  log "started ClickHouse (pid $(cat "$dir/pid")) on 127.0.0.1:$tcp, files in $dir"
}

wait_ready() { # wait_ready DIR PORT
  local dir="$1" port="$2" client deadline
  client="$(client_bin)"
  deadline=$(( $(date +%s) + TIMEOUT ))
  # shellcheck disable=SC2086
  until $client --host 127.0.0.1 --port "$port" --query "SELECT 1" >/dev/null 2>&1; do
    if ! alive "$dir"; then
      tail -n 20 "$dir/log/server.err.log" "$dir/log/stdout.log" >&2 2>/dev/null || true
      die "ClickHouse on port $port exited during start-up (logs in $dir/log)"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die "ClickHouse on port $port did not answer SELECT 1 within ${TIMEOUT}s (logs in $dir/log)"
    fi
    sleep 0.5
  done
}

start_single() {
  local dir="$ROOT/single"
  mkdir -p "$dir"
  if alive "$dir"; then
    log "already running (pid $(cat "$dir/pid")) on port $(cat "$dir/port")"
  else
    local tcp http
    tcp="$(free_port "$BASE_PORT")"
    http="$(free_port $((tcp + 100)) "$tcp")"
    start_server "$dir" "$tcp" "$http"
  fi
  wait_ready "$dir" "$(cat "$dir/port")"
  echo "export DEBRIEF_CLICKHOUSE_DSN=clickhouse://127.0.0.1:$(cat "$dir/port")/$DB"
}

start_cluster() {
  local d1="$ROOT/shard1" d2="$ROOT/shard2"
  mkdir -p "$d1" "$d2"
  if ! alive "$d1" || ! alive "$d2"; then
    stop_dir "$d1"; stop_dir "$d2"
    local single=""
    [ -f "$ROOT/single/port" ] && single="$(cat "$ROOT/single/port")"
    local p1 p2 h1 h2
    p1="$(free_port $((BASE_PORT + 10)) $single)"
    p2="$(free_port $((p1 + 1)) $single "$p1")"
    h1="$(free_port $((p1 + 100)) $single "$p1" "$p2")"
    h2="$(free_port $((h1 + 1)) $single "$p1" "$p2" "$h1")"
    start_server "$d1" "$p1" "$h1" "$p1" "$p2"
    start_server "$d2" "$p2" "$h2" "$p1" "$p2"
  fi
  wait_ready "$d1" "$(cat "$d1/port")"
  wait_ready "$d2" "$(cat "$d2/port")"
  echo "export DEBRIEF_CLICKHOUSE_CLUSTER_DSN='clickhouse://127.0.0.1:$(cat "$d1/port")/${DB}?cluster=debrief&cluster_ddl=hosts&replicated=false'"
}

stop_dir() {
  local dir="$1"
  [ -f "$dir/pid" ] || return 0
  local pid; pid="$(cat "$dir/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    log "stopped pid $pid ($dir)"
  fi
  rm -f "$dir/pid"
}

status() {
  local found=0
  for dir in "$ROOT"/*/; do
    dir="${dir%/}"
    [ -f "$dir/pid" ] || continue
    found=1
    if alive "$dir"; then echo "$(basename "$dir"): running, pid $(cat "$dir/pid"), port $(cat "$dir/port")"
    else echo "$(basename "$dir"): not running (stale pid file)"; fi
  done
  [ "$found" = 1 ] || echo "no server started by this script under $ROOT"
}

case "${1:-}" in
  start) install_if_missing; start_single; if [ "${DEBRIEF_CH_CLUSTER:-1}" != 0 ]; then start_cluster; fi ;;
  start-single) install_if_missing; start_single ;;
  start-cluster) install_if_missing; start_cluster ;;
  stop) for dir in "$ROOT"/*/; do [ -d "$dir" ] && stop_dir "${dir%/}"; done; rm -rf "$ROOT" ;;
  status) status ;;
  *) echo "usage: $0 start|start-single|start-cluster|stop|status" >&2; exit 2 ;;
esac
