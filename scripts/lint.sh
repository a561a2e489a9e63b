#!/usr/bin/env bash
# Runs golangci-lint with the repository's .golangci.yml over every package.
# Installs the pinned version into $(go env GOPATH)/bin when it is missing
# (or a different version is installed there). Extra arguments go to
# `golangci-lint run` (e.g. scripts/lint.sh --fix, or package patterns
# instead of ./...).
set -euo pipefail

version=v2.15.0
cd "$(dirname "$0")/.."
bin="$(go env GOPATH)/bin/golangci-lint"
if ! [ -x "$bin" ] || ! "$bin" version 2>/dev/null | grep -q "version ${version#v} "; then
	echo "lint.sh: installing golangci-lint $version into $(dirname "$bin")" >&2
	go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$version"
fi
if [ $# -eq 0 ]; then
	set -- ./...
fi
exec "$bin" run "$@"
