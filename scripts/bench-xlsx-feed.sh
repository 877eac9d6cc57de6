#!/usr/bin/env bash
# A travel feed of ROWS rows (default 1,000,000) as CSV and as XLSX, each read by `riskscreen check` in a release build
# under /usr/bin/time -v: wall time and peak memory of the whole check (rule file, policy, feed), and the same for
# the CSV file, the floor a workbook is measured against.
# The CSV comes from the generator (`riskscreen generate --shape clean --travel-files 1`); the workbook is written
# from it by scripts/csv-to-xlsx.py (openpyxl, write-only: streamed, IDs as text, codes as numbers, dates as date cells).
# Usage: scripts/bench-xlsx-feed.sh [ROWS]   (files are made once into $BENCH_DIR, default /tmp/riskscreen-bench-xlsx-feed)
# Needs: python3-openpyxl (scripts/deps.sh) and /usr/bin/time (Debian package time). Writing the 1,000,000-row
# workbook takes about five minutes (33 MB of memory: openpyxl streams it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
WORK="${BENCH_DIR:-/tmp/riskscreen-bench-xlsx-feed}/$ROWS"
mkdir -p "$WORK"
swift build -c release --product riskscreen 2>&1 | grep -v "prohibited flag" | tail -1
BIN="$(swift build -c release --show-bin-path)/riskscreen"

if [ ! -f "$WORK/data/travel.csv" ]; then
  "$BIN" generate --residents $((ROWS / 2)) --stays "$ROWS" --designations 1500 --travel-files 1 --shape clean \
    --seed 7 --out "$WORK/data" > /dev/null
fi
[ -f "$WORK/travel.xlsx" ] || /usr/bin/python3 scripts/csv-to-xlsx.py "$WORK/data/travel.csv" "$WORK/travel.xlsx"
ls -l "$WORK/data/travel.csv" "$WORK/travel.xlsx" | awk '{ printf "%s  %d bytes\n", $NF, $5 }'
cat "$WORK/data/travel.csv" "$WORK/travel.xlsx" > /dev/null  # warm the page cache

for feed in "$WORK/data/travel.csv" "$WORK/travel.xlsx"; do
  /usr/bin/time -v "$BIN" check --lang en --policy "$WORK/data/policy.toml" --regions "$WORK/data/regions.csv" \
    --travel "$feed" --max-reject-rate 1 > "$WORK/check.out" 2> "$WORK/time.err" || true
  grep -E "^$feed|\(travel" "$WORK/check.out" | head -1
  grep -E "Elapsed \(wall|Maximum resident|User time|System time" "$WORK/time.err" | sed 's/^\s*/  /'
done
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
