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
"$bin" explain --state "$out/state/riskscreen.sqlite" 33018319680315272X | sed 's/^/  /'
