#!/usr/bin/env bash
# The README's test command (`make test`): installs and starts what the tests
# need when it is missing, then runs every test with those services required.
#   - ClickHouse from Debian's packages, started on 127.0.0.1 with a config under a temp dir
#   - Chromium + ChromeDriver from Debian's packages, for the dashboard browser tests
# Needs root (or sudo) to install packages the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Starts (installing if needed) a throwaway ClickHouse server and prints export lines.
eval "$(bash scripts/clickhouse-test-server.sh start)"
trap 'bash scripts/clickhouse-test-server.sh stop >/dev/null 2>&1 || true' EXIT
export DEBRIEF_REQUIRE_CLICKHOUSE=1 DEBRIEF_REQUIRE_BROWSER=1
echo "test.sh: ClickHouse at ${DEBRIEF_CLICKHOUSE_DSN}; Chromium at $(command -v chromium)"

go vet ./...
go test -count=1 -timeout 40m ./... "$@"
