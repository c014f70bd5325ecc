# Engage: the two commands of the README, and the steps behind them.
#   make run   installs what is missing, builds the release and serves http://127.0.0.1:3000 on SQLite
#   make test  formatting, clippy (ssr and hydrate), unit + integration tests on SQLite and PostgreSQL, end-to-end in Chromium

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# npm's wasm-opt (binaryen 132) must come before Debian's binaryen 108, which breaks hydration.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.10
CARGO_DENY_VERSION := 0.20.2
# The wasm-bindgen CLI must match the crate pinned in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
ENGAGE_BIN := $(TARGET_DIR)/release/engage
SITE_ROOT := $(CURDIR)/target/site

# PostgreSQL for the second run of the integration tests; .ci/run sets ENGAGE_REQUIRE_POSTGRES=1.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432

.PHONY: help run test load bench-export bench-search tools rust-tools npm-tools browser build-release fmt-check clippy deny test-sqlite test-postgres e2e

help:
	@echo "make run   - build and serve the portal at http://127.0.0.1:3000 (SQLite in data/engage.db)"
	@echo "make test  - every check and test suite"

run: tools build-release
	@mkdir -p data
	LEPTOS_SITE_ROOT=$(SITE_ROOT) LEPTOS_ENV=PROD $(ENGAGE_BIN) serve

test: tools browser fmt-check clippy deny test-sqlite test-postgres build-release e2e
	@echo "make test: all suites passed"

# Not part of `make test`: throughput of a section page with 1,000 comments against a static file.
load: tools build-release
	server/load/section-page.sh

# Not part of `make test`: time and memory of the comment export with 100,000 comments.
bench-export: tools build-release
	server/load/comment-export.sh

## Tools: installed once, skipped when present.
tools: rust-tools npm-tools

rust-tools:
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first"; exit 1; }
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy rustfmt
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
		echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 18 minutes, once)"; \
		cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; \
	fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
		echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 2 minutes, once)"; \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

npm-tools:
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	@if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then \
		cd end2end && npm ci --no-audit --no-fund; \
	fi

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

build-release:
	cargo leptos build --release --precompress

## Checks.
fmt-check:
	cargo fmt --all --check

clippy:
	cargo clippy -p app -p server -p migrations --features app/ssr --all-targets -- -D warnings
	cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

# Licences, banned and duplicate crates, sources (deny.toml); these need only the crate registry.
# Installed here, not by `make run`: only the tests need it.
deny:
	@if ! cargo deny --version 2>/dev/null | grep -q "$(CARGO_DENY_VERSION)"; then \
		echo "Installing cargo-deny $(CARGO_DENY_VERSION) (about 5 minutes, once)"; \
		cargo install cargo-deny --version $(CARGO_DENY_VERSION) --locked; \
	fi
	cargo deny check licenses bans sources

# Four integration tests at a time: each starts a whole app, and two cores do not carry dozens at once.
test-sqlite:
	cargo test -p app -p server -p migrations --features app/ssr -- --test-threads=4

test-postgres:
	@if (exec 3<>/dev/tcp/$(PG_HOST)/$(PG_PORT)) 2>/dev/null; then \
		echo "Integration tests on PostgreSQL ($(PG_HOST):$(PG_PORT))"; \
		ENGAGE_TEST_DATABASE_URL=$(PG_TEST_URL) cargo test -p server --test api -- --test-threads=4; \
	elif [ "$${ENGAGE_REQUIRE_POSTGRES:-0}" = "1" ]; then \
		echo "PostgreSQL is required (ENGAGE_REQUIRE_POSTGRES=1) but $(PG_HOST):$(PG_PORT) does not answer"; exit 1; \
	else \
		echo "##########################################################################"; \
		echo "### SKIPPED: PostgreSQL integration tests ($(PG_HOST):$(PG_PORT) not reachable) ###"; \
		echo "##########################################################################"; \
	fi

e2e:
	cd end2end && ENGAGE_BIN=$(ENGAGE_BIN) LEPTOS_SITE_ROOT=$(SITE_ROOT) npx playwright test

# Not part of `make test`: staff search over 100,000 items against a plain indexed lookup.
bench-search: tools build-release
	server/load/search.sh
