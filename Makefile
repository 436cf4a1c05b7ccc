# Rungs — run `make help` for the targets.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/rungs
# CI runs the benchmarks once each (BENCHTIME=1x) to keep them compiling.
BENCHTIME ?= 1s
# `make test` runs the Go suite a second time with the clock this far ahead
# (the code's clock, the test database's and the seed's alike): a test that
# depends on the date it runs fails there before it fails on a real day.
CLOCK_AHEAD ?= +365d
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'

.PHONY: deps
deps: ## Install what is missing (PostgreSQL and Chromium from Debian's packages)
	@./scripts/deps.sh

.PHONY: web
web: ## Build the web app into frontend/dist (npm ci first when the lock file changed)
	@cd frontend && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }
	cd frontend && npm run build

.PHONY: build
build: web ## Build bin/rungs with the web app embedded
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/rungs

.PHONY: run
run: deps build ## Bring the product up: database, migrations, demo data, server
	LOG_FORMAT=$${LOG_FORMAT:-text} ./$(BIN) serve

.PHONY: test
test: deps build ## Run every test: Go (private PostgreSQL; again with the clock a year ahead), web components (Vitest), end to end (chromium, en and zh-CN)
	$(GO) run ./cmd/pgtest $(GO) test -race -count=1 -timeout 20m ./...
	$(MAKE) --no-print-directory test-clock
	cd frontend && npm test
	cd frontend && RUNGS_BIN=$(CURDIR)/$(BIN) npm run e2e

.PHONY: test-clock
test-clock: ## Run the Go tests with the clock CLOCK_AHEAD days ahead (default +365d) for the code, the database and the seed
	RUNGS_CLOCK_OFFSET=$(CLOCK_AHEAD) $(GO) run ./cmd/pgtest $(GO) test -count=1 -timeout 20m ./...

.PHONY: test-web
test-web: build ## Run only the web app's tests (Vitest, then the e2e suite in both languages)
	cd frontend && npm test
	cd frontend && RUNGS_BIN=$(CURDIR)/$(BIN) npm run e2e

.PHONY: bench
bench: deps ## Run the benchmarks (BENCHTIME=1x to run each once)
	$(GO) run ./cmd/pgtest $(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

.PHONY: generate
generate: ## Regenerate the GraphQL code from graph/*.graphqls
	$(GO) tool gqlgen generate

.PHONY: migrate
migrate: build ## Apply pending migrations (embedded database or DATABASE_URL)
	./$(BIN) migrate apply

.PHONY: seed
seed: build ## Load or refresh the demo data
	./$(BIN) seed

.PHONY: db-reset
db-reset: ## Delete the embedded database under .data (stop `make run` first)
	@if pgrep -f "postgres -D $(CURDIR)/.data" >/dev/null; then echo "the embedded database is running: stop rungs serve first" >&2; exit 1; fi
	rm -rf .data
	@echo "removed .data; the next start creates and seeds a fresh database"

.PHONY: lint
lint: ## gofmt, go vet, no unmarked date in a test, no tracked file over 1 MiB
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	./scripts/lint-tree.sh
