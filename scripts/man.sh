#!/usr/bin/env bash
# Regenerates docs/man/riskscreen.1 (swift-argument-parser's generate-manual plugin) and the shell
# completions under docs/completions/ from the argument parser, so they never drift from --help.
#   scripts/man.sh [SCRATCH_PATH]     (default .build)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build}"
swift build --scratch-path "$scratch" --product riskscreen 2>&1 | grep -v "prohibited flag" | tail -1
bin="$(swift build --scratch-path "$scratch" --show-bin-path)/riskscreen"
mkdir -p docs/man docs/completions
swift package --scratch-path "$scratch" --allow-writing-to-package-directory generate-manual \
    --date 2020-02-06 --authors "riskscreen maintainers" --output-directory docs/man 2>&1 \
    | grep -v "prohibited flag" | tail -2
"$bin" --generate-completion-script bash > docs/completions/riskscreen.bash
"$bin" --generate-completion-script zsh > docs/completions/_riskscreen
"$bin" --generate-completion-script fish > docs/completions/riskscreen.fish
ls -l docs/man docs/completions
