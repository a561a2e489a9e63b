# debrief — make targets. The two that matter:
#   make demo   generate synthetic postmortems, ingest them, serve the dashboard
#   make test   install test services if missing (ClickHouse, Chromium), run every test
SHELL := /bin/bash
GO ?= go

.PHONY: build demo test test-unit race vet fmt lint bench fuzz clean

build:
	$(GO) build -o bin/debrief ./cmd/debrief

demo:
	$(GO) run ./cmd/debrief demo

test:
	bash scripts/test.sh

# Unit tests only: no services needed (ClickHouse and browser tests skip and say so).
test-unit:
	$(GO) test ./...

race:
	$(GO) test -race -short ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -l -w $$(git ls-files '*.go')

lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	bash scripts/lint.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./ingest/... ./analysis/... ./nlp/... ./pipeline/... ./store/... ./internal/synth/...

# Every parser fuzz target in turn, FUZZTIME each (go test fuzzes one
# target at a time).
FUZZTIME ?= 20s
fuzz:
	@for t in $$($(GO) test ./ingest -list '^Fuzz' | grep '^Fuzz'); do \
		echo "== $$t"; $(GO) test ./ingest -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

clean:
	rm -rf bin
