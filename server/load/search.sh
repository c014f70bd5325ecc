#!/usr/bin/env bash
# Benchmark: staff full-text search with 100,000 feedback items, each query next to a plain indexed
# lookup measured in the same run, on a fresh SQLite file (and on PostgreSQL when
# BENCH_POSTGRES_URL names an empty database).
#   make bench-search   (builds the release first)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/engage"
ITEMS="${SEARCH_ITEMS:-100000}"
[ -x "$BIN" ] || { echo "no release binary at $BIN: run 'cargo leptos build --release' first"; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== SQLite (FTS5 over Snowball stems)"
DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" ENGAGE_DATA_DIR="$WORK" RUST_LOG=warn \
  "$BIN" bench-search --items "$ITEMS"

if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  echo
  echo "== PostgreSQL (tsvector per language, GIN)"
  DATABASE_URL="$BENCH_POSTGRES_URL" ENGAGE_DATA_DIR="$WORK" RUST_LOG=warn \
    "$BIN" bench-search --items "$ITEMS"
fi
