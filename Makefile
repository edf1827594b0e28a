# Heard: two commands.
#   make run   installs what is missing, builds, migrates, loads the demo once, serves.
#   make test  runs every check and test; non-zero on any failure.
#
# Build output lives outside the clone so repeat builds (and CI) are incremental.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export CARGO_TARGET_DIR ?= $(HOME)/.cache/heard/target
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/end2end/node_modules/.bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock)
SERVER_BIN := $(CARGO_TARGET_DIR)/release/server
E2E_PORT ?= 3100
# A Python with aiosmtpd: the real SMTP server the mail tests start on loopback.
SMTP_VENV := $(HOME)/.cache/heard/venv
AIOSMTPD_VERSION := 1.4.6
export SMTP_SINK_PYTHON := $(SMTP_VENV)/bin/python

.PHONY: help run build tools tool-wasm-target tool-cargo-leptos tool-wasm-bindgen tool-npm tool-chromium \
        tool-smtp-sink test fmt-check clippy wasm-graph unit e2e serve clean-data security

help:
	@echo "make run    build and serve Heard on http://127.0.0.1:3000 with the demo partnership"
	@echo "make test   run formatting, lints, unit, integration (SQLite + PostgreSQL) and end-to-end tests"
	@echo "make security  the long security battery (SECURITY.md): a concurrent load, 10 M fuzz cases"

## ---- tools: install only what is missing; never a prebuilt binary -------------

tools: tool-wasm-target tool-cargo-leptos tool-wasm-bindgen tool-npm

tool-wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

tool-cargo-leptos:
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" \
	  || { echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) from crates.io (15-25 minutes, once)"; \
	       cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; }

# Without --locked: with it, wasm-bindgen-cli asks for a webpki-roots release the registry lacks.
tool-wasm-bindgen:
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" \
	  || { echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (matches Cargo.lock)"; \
	       cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); }

# npm gives wasm-opt (binaryen) for release builds, and Playwright for end2end.
tool-npm: end2end/node_modules/.package-lock.json

end2end/node_modules/.package-lock.json: end2end/package-lock.json
	cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

tool-smtp-sink:
	@$(SMTP_SINK_PYTHON) -c "import aiosmtpd" 2>/dev/null \
	  || { python3 -m venv $(SMTP_VENV) && $(SMTP_VENV)/bin/pip install --quiet "aiosmtpd==$(AIOSMTPD_VERSION)"; }

tool-chromium:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

## ---- run ---------------------------------------------------------------------

build: tools
	cargo leptos build --release --precompress

run: build
	@$(SERVER_BIN) serve --demo

## ---- test --------------------------------------------------------------------

test: fmt-check clippy wasm-graph unit e2e
	@echo "make test: all checks passed"

fmt-check:
	cargo fmt --all -- --check

clippy: tool-wasm-target
	cargo clippy --workspace --all-targets --features app/testing -- -D warnings
	cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

# Nothing server-only may reach the browser bundle.
wasm-graph:
	@if cargo tree -p app --target wasm32-unknown-unknown --no-default-features --features hydrate -e normal --prefix none \
	   | grep -E '^(sea-orm|sqlx|lettre|csv|axum|tokio|leptos_axum|migrations) ' ; then \
	  echo "server-only crates found in the wasm graph" >&2; exit 1; \
	else echo "wasm graph: no server-only crates"; fi

unit: tool-smtp-sink
	cargo test --workspace --features app/testing

e2e: build tool-chromium
	cd end2end && SERVER_BIN="$(SERVER_BIN)" SITE_ROOT="$(CURDIR)/target/site" E2E_PORT=$(E2E_PORT) npx playwright test

# The long versions of SECURITY.md's battery: 100,000 concurrent error
# pages and redirects with panics counted, every naughty string on both
# databases, 2.5 M cases for each of the four fuzz targets (10 M in all)
# in a release build, the server binary killed with SIGKILL 3 times under
# 30 s of sends on both databases, and a 10-minute soak of mixed traffic
# (0 errors, flat memory).
SECURITY_PANIC_LOAD ?= 100000
SECURITY_FUZZ_CASES ?= 2500000
security: tool-smtp-sink
	HEARD_PANIC_LOAD=$(SECURITY_PANIC_LOAD) HEARD_NAUGHTY=all HEARD_TEST_BODY_SECONDS=3600 \
	  cargo test -p server --features app/testing --test security --test naughty --test naughty_officer -- --nocapture
	HEARD_FUZZ_CASES=$(SECURITY_FUZZ_CASES) cargo test --release -p app --features testing --lib domain::fuzz -- --nocapture
	HEARD_KILL_ROUNDS=3 HEARD_KILL_SECONDS=30 HEARD_SOAK_SECONDS=600 \
	  cargo test -p server --features app/testing --test process -- --include-ignored --nocapture

clean-data:
	rm -rf data
