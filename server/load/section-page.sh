#!/usr/bin/env bash
# Load test: a section page with 1,000 published comments against a static file, in the same run.
# Prints requests per second and latency for both and their ratio. Not a test: figures depend on
# the machine; the ratio is what to compare between runs.
#   make load   (builds the release first)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/engage"
SITE_ROOT="$ROOT/target/site"
PORT="${LOAD_PORT:-3907}"
DURATION="${LOAD_DURATION:-10s}"
CONNECTIONS="${LOAD_CONNECTIONS:-16}"
SECTION="neighborhood-livability"
COMMENTS=1000

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
[ -x "$BIN" ] || { echo "no release binary at $BIN: run 'cargo leptos build --release' first"; exit 1; }

WORK="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

DATABASE_URL="sqlite://$WORK/engage.db?mode=rwc" ENGAGE_DATA_DIR="$WORK" \
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_ENV=PROD \
RUST_LOG=warn "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/server.log"; exit 1; }

python3 - "$WORK/engage.db" "$SECTION" "$COMMENTS" <<'PY'
import sqlite3, sys, datetime
db, slug, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
conn = sqlite3.connect(db, timeout=10)
section_id, version_id = conn.execute(
    "SELECT id, current_version_id FROM section WHERE slug = ?", (slug,)).fetchone()
groups = ["resident", "business", "community_organization", "first_responder", "social_service_provider"]
now = datetime.datetime.now(datetime.timezone.utc)
rows = []
for n in range(count):
    created = (now - datetime.timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S+00:00")
    rows.append((f"LOAD-C-{n:05}", section_id, version_id, f"Load comment {n}: more lighting, please.",
                 f"load-{n}", groups[n % len(groups)], f"Neighbour {n}", "en", "published", created, created))
conn.executemany(
    "INSERT INTO comment (reference, section_id, section_version_id, body, text_hash, stakeholder_group,"
    " display_name, locale, status, created_at, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
conn.commit()
PY

measure() {
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$1" > "$WORK/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.txt")
  printf '%-45s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${errors:-0}" >&2
  echo "$rps"
}

echo "wrk, $CONNECTIONS connections, $DURATION each, $COMMENTS published comments on /strategy/$SECTION" >&2
baseline=$(measure "/robots.txt")
first=$(measure "/strategy/$SECTION")
last=$(measure "/strategy/$SECTION?page=20")
awk -v b="$baseline" -v f="$first" -v l="$last" 'BEGIN {
  printf "section page 1 reaches %.3f of the static baseline throughput (1 in %.0f)\n", f / b, b / f;
  printf "section page 20 reaches %.3f of the static baseline throughput (1 in %.0f)\n", l / b, b / l }'
