#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, golden and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing
swift build --build-tests 2>&1 | grep -v "prohibited flag" || true
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed" >&2; exit 1; }
# The end-to-end tests run the built binary; they find it through this variable.
export RISKSCREEN_BIN="$(swift build --show-bin-path)/riskscreen"
swift test --skip-build --parallel --num-workers 2 2>&1 | grep -v "prohibited flag"
exit "${PIPESTATUS[0]}"
