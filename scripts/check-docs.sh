#!/usr/bin/env bash
# Checks the documentation against what it promises; exits 1 and lists every problem found, 0 when there is none.
#
#   scripts/check-docs.sh
#
# - docs/SPEC.md is a copy of the data contract. When the contract's own copy, ../shared/SPEC.md beside this
#   repository, exists, the two must be byte for byte the same; without it this check is skipped.
# - README.md stays short (at most 220 lines), and its first two commands are scripts/demo.sh and scripts/test.sh
#   (the first lines of its code blocks, comments and blank lines aside), so a new reader starts with them.
# - Every relative link in README.md and docs/*.md points to a file or folder that exists.
# Needs only bash, awk, cmp and grep.
set -uo pipefail
cd "$(dirname "$0")/.."

problems=0
problem() { echo "check-docs: $*" >&2; problems=$((problems + 1)); }

# The contract.
shared=../shared/SPEC.md
if [ -f "$shared" ]; then
    if [ ! -f docs/SPEC.md ]; then
        problem "docs/SPEC.md is missing; copy the contract: cp $shared docs/SPEC.md"
    elif ! cmp -s "$shared" docs/SPEC.md; then
        problem "docs/SPEC.md differs from $shared (the contract changed); update the copy and commit it:
    cp $shared docs/SPEC.md && git add docs/SPEC.md && git commit -m 'docs/SPEC.md: the contract as of today'
  then check that README.md and docs/ still describe what the program does"
    fi
fi

# The README: short, and the two set-up commands first.
max_lines=220
if [ ! -f README.md ]; then
    problem "README.md is missing"
else
    lines=$(wc -l < README.md)
    if [ "$lines" -gt "$max_lines" ]; then
        problem "README.md has $lines lines, more than $max_lines; move detail to docs/ and link it"
    fi
    # The first two command lines inside fenced code blocks, without a leading "$ " prompt.
    first=$(awk '
        /^[ \t]*(```|~~~)/ { inside = !inside; next }
        inside {
            line = $0; sub(/^[ \t]+/, "", line); sub(/^\$[ \t]+/, "", line)
            if (line == "" || line ~ /^#/) next
            split(line, word, /[ \t]+/); print word[1]
            if (++n == 2) exit
        }' README.md | tr '\n' ' ')
    case "$first" in
        "scripts/demo.sh scripts/test.sh " | "scripts/test.sh scripts/demo.sh ") ;;
        *) problem "README.md must show scripts/demo.sh and scripts/test.sh before any other command; its first commands are: ${first:-none}" ;;
    esac
fi

# Relative links.
for doc in README.md docs/*.md; do
    [ -f "$doc" ] || continue
    dir=$(dirname "$doc")
    # Markdown links and images: ](target) or ](target "title"); code spans are not links, so drop them first.
    while IFS= read -r target; do
        case "$target" in
            http://* | https://* | mailto:* | \#*) continue ;;
        esac
        path=${target%%#*}
        [ -e "$dir/$path" ] || problem "$doc links to $target, which does not exist"
    done < <(sed -e 's/`[^`]*`//g' "$doc" | grep -o '\](\([^) ]*\)' | sed -e 's/^\](//')
done

if [ "$problems" -gt 0 ]; then
    echo "check-docs: $problems problem(s)" >&2
    exit 1
fi
echo "check-docs: ok"
