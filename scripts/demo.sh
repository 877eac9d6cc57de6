#!/usr/bin/env bash
# Installs what is missing, builds, and runs riskscreen on the demo district (fixtures/demo), then says where the outputs are.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing
swift build -c release 2>&1 | grep -v "prohibited flag" | tail -3
bin="$(swift build -c release --show-bin-path)/riskscreen"
out="${1:-out/demo}"
mkdir -p "$out"
folder=$("$bin" run --config fixtures/demo/riskscreen.toml --out "$out" --state "$out/state/riskscreen.sqlite" | tail -n 1)
echo
echo "Run folder:   $folder"
echo "Measures:     $folder/measures.csv"
echo "PDF batches:  $folder/batches/"
ls "$folder/batches" 2>/dev/null | sed 's/^/  /' | head -20
echo "Worklists:    $folder/worklists/"
echo "Manifest:     $folder/manifest.json"
echo "Run report:   $folder/report.html   (open it in a browser)"
echo
echo "Why the resident of 山水社区 who visited Wenzhou is under home quarantine:"
"$bin" explain --config fixtures/demo/riskscreen.toml --state "$out/state/riskscreen.sqlite" 33018319680315272X | sed 's/^/  /'

# The next day's published announcement becomes the next rule file (SPEC 10): lifted areas closed on 2020-02-06,
# 温州 downgraded (its high row closed, a medium row opened), new areas from 2020-02-07. A night on 2020-02-07 or
# later then runs with `--regions "$out/regions-2020-02-07.csv"`.
echo
echo "The announcement of 2020-02-07, imported over the demo's rule file:"
"$bin" rules import fixtures/demo/announcement-2020-02-07.txt --on 2020-02-07 \
    --previous fixtures/demo/regions.csv --config fixtures/demo/riskscreen.toml \
    -o "$out/regions-2020-02-07.csv" | sed 's/^/  /'
echo "What it would change on the night of 2020-02-07 (a preview; nothing is committed):"
"$bin" diff --config fixtures/demo/riskscreen.toml --regions "$out/regions-2020-02-07.csv" --as-of 2020-02-07 \
    --state "$out/state/riskscreen.sqlite" | sed 's/^/  /'
