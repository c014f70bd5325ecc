#!/usr/bin/env bash
# Benchmark: the staff comment export with 100,000 comments. Prints the export's time and size, the
# server's resident memory before and after, and the time of the same export with 1,000 comments
# measured in the same run, so the ratio shows how time grows while memory stays flat.
#   make bench-export   (builds the release first)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/engage"
SITE_ROOT="$ROOT/target/site"
PORT="${LOAD_PORT:-3908}"
COMMENTS="${EXPORT_COMMENTS:-100000}"
SECTION="neighborhood-livability"
BASE="http://127.0.0.1:$PORT"
EMAIL="bench-admin@example.org"
PASSWORD="bench admin password long enough"

[ -x "$BIN" ] || { echo "no release binary at $BIN: run 'cargo leptos build --release' first"; exit 1; }
WORK="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export DATABASE_URL="sqlite://$WORK/engage.db?mode=rwc" ENGAGE_DATA_DIR="$WORK" \
  LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_ENV=PROD RUST_LOG=warn \
  ENGAGE_PUBLIC_URL="$BASE"

"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.1; done
curl -fs "$BASE/readyz" >/dev/null || { cat "$WORK/server.log"; exit 1; }
printf '%s\n' "$PASSWORD" | "$BIN" create-staff --email "$EMAIL" --role admin --password-stdin >/dev/null

seed() {
python3 - "$WORK/engage.db" "$SECTION" "$1" "$2" <<'PY'
import sqlite3, sys, datetime
db, slug, start, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
conn = sqlite3.connect(db, timeout=30)
section_id, version_id = conn.execute(
    "SELECT id, current_version_id FROM section WHERE slug = ?", (slug,)).fetchone()
groups = ["resident", "business", "community_organization", "first_responder", "social_service_provider"]
now = datetime.datetime.now(datetime.timezone.utc)
rows = []
for n in range(start, start + count):
    created = (now - datetime.timedelta(seconds=n)).strftime("%Y-%m-%d %H:%M:%S+00:00")
    rows.append((f"BENCH-C-{n:06}", section_id, version_id,
                 f"Bench comment {n}: the alley behind the market needs lighting, and the crossing at the park needs a signal.",
                 f"bench-{n}", groups[n % len(groups)], f"Neighbour {n}", "en", "published", created, created))
conn.executemany(
    "INSERT INTO comment (reference, section_id, section_version_id, body, text_hash, stakeholder_group,"
    " display_name, locale, status, created_at, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
conn.commit()
PY
}

curl -fs -c "$WORK/jar" -b "$WORK/jar" -o /dev/null -H "Origin: $BASE" \
  --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" --data-urlencode "next=" \
  "$BASE/api/staff/sign-in"

# Peak resident memory of the server process so far (VmHWM).
rss() { awk '/VmHWM/ {print $2}' "/proc/$SERVER/status"; }
export_once() {
  curl -fs -b "$WORK/jar" -o "$WORK/export.csv" -w '%{time_total} %{size_download}\n' "$BASE/staff/exports/comments.csv"
}

seed 0 1000
export_once >/dev/null
read -r small_time small_size < <(export_once)
small_rss=$(rss)
seed 1000 $((COMMENTS - 1000))
read -r big_time big_size < <(export_once)
big_rss=$(rss)
rows=$(($(wc -l < "$WORK/export.csv") - 1))

printf 'export of %6d comments: %6.2f s, %9d bytes, server peak RSS %6d KiB\n' 1000 "$small_time" "$small_size" "$small_rss"
printf 'export of %6d comments: %6.2f s, %9d bytes, server peak RSS %6d KiB (%d rows read back)\n' \
  "$COMMENTS" "$big_time" "$big_size" "$big_rss" "$rows"
awk -v s="$small_time" -v b="$big_time" -v sr="$small_rss" -v br="$big_rss" -v n="$COMMENTS" 'BEGIN {
  printf "time ratio %.1fx for %dx the rows; memory ratio %.2fx\n", b / s, n / 1000, br / sr }'
