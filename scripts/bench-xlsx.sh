#!/usr/bin/env bash
# XLSX reader benchmark: generates a returned worklist's size (100,000 rows x 18 columns) and a large feed
# (1,000,000 x 10) with libxlsxwriter, then times XLSXWorkbook.forEachRow on them in a release build (riskscreen-bench xlsx),
# next to libxml2's own parse of the same sheet XML (bench/xlsx_sax_floor.c).
# Usage: scripts/bench-xlsx.sh [ROUNDS]   (default 2; workbooks are generated once into $BENCH_DIR, /tmp/riskscreen-bench-xlsx)
# Needs: libxlsxwriter-dev, libxml2-dev, unzip (scripts/deps.sh). Generating the 1M-row workbook with shared strings
# takes about a minute and 1.5 GB (libxlsxwriter keeps the cells in memory until it writes the table).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${BENCH_DIR:-/tmp/riskscreen-bench-xlsx}"
ROUNDS="${1:-2}"
mkdir -p "$WORK"
cc -O2 bench/xlsx_gen.c $(pkg-config --cflags --libs xlsxwriter) -o "$WORK/xlsx_gen"
cc -O2 bench/xlsx_sax_floor.c $(pkg-config --cflags --libs libxml-2.0) -o "$WORK/xlsx_sax_floor"
swift build -c release --scratch-path .build-release --product riskscreen-bench 2>&1 | grep -v "prohibited flag" | tail -1
BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/riskscreen-bench xlsx"

books=()
for spec in "100000 18 shared" "1000000 10 shared" "1000000 10 inline"; do
  read -r rows cols strings <<< "$spec"
  book="$WORK/r${rows}_c${cols}_${strings}.xlsx"
  [ -f "$book" ] || "$WORK/xlsx_gen" "$rows" "$cols" "$strings" "$book"
  books+=("$book")
done
cat "${books[@]}" > /dev/null  # warm the page cache

echo "== reader (release): read_s and cpu_s a full pass; open_s, before it, the structure, shared strings, styles and first row;"
echo "   inflate_s ZIPFoundation inflating the sheet alone; peak_MB the process's peak resident size"
# One process per workbook and round, so peak_MB is that workbook's.
for round in $(seq "$ROUNDS"); do
  for book in "${books[@]}"; do
    $BIN "$book" | if [ "$round" = 1 ] && [ "$book" = "${books[0]}" ]; then cat; else tail -n +2; fi
  done
done
echo "== libxml2 alone on the same sheet XML (push parser, counting callbacks)"
for book in "${books[@]}"; do
  rm -rf "$WORK/x" && mkdir -p "$WORK/x" && unzip -q -o "$book" xl/worksheets/sheet1.xml -d "$WORK/x"
  "$WORK/xlsx_sax_floor" "$WORK/x/xl/worksheets/sheet1.xml" | sed "s|$WORK/x/xl/worksheets/sheet1.xml|$(basename "$book")|"
done
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
