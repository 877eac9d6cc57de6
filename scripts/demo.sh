#!/usr/bin/env bash
# Installs what is missing, builds, and runs riskscreen on the demo district (fixtures/demo) for three nights,
# 2020-02-06 to 2020-02-08, then says where each kind of paper is.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing
swift build -c release 2>&1 | grep -v "prohibited flag" | tail -3
bin="$(swift build -c release --show-bin-path)/riskscreen"
out="${1:-out/demo}"
state="$out/state/riskscreen.sqlite"
mkdir -p "$out"
night() { "$bin" run --config "fixtures/demo/$1" --out "$out" --state "$state" | tail -n 1; }
n1=$(night riskscreen.toml)
# The first day's reports from the grid workers (SPEC 8), fed back before the second night: their returned worklists
# gathered into one sheet, and a QR scan list. Copied first: feedback writes FILE.rejects.csv beside what it reads.
mkdir -p "$out/returned"
cp fixtures/demo/returned/worklists-2020-02-06.xlsx fixtures/demo/returned/scans-2020-02-06.csv "$out/returned/"
feedback=$("$bin" feedback --state "$state" --date 2020-02-06 \
    "$out/returned/worklists-2020-02-06.xlsx" "$out/returned/scans-2020-02-06.csv")
n2=$(night night2/riskscreen.toml)
n3=$(night night3/riskscreen.toml)

echo
echo "Night 1, 2020-02-06: $n1"
echo "  measures.csv, rejects.csv, manifest.json, report.html (open it in a browser)"
echo "  New notices:         $n1/batches/  (one PDF per community: cover list, then one notice per sheet)"
ls "$n1/batches" 2>/dev/null | sed 's/^/    /'
echo "  Coarse exposure:     $n1/batches/notices-330111004003.pdf  (田思晓: stay known only at 湖北省)"
echo "  Worklists:           $n1/worklists/  (XLSX: the list, and daily checks on a second sheet)"
echo
echo "Delivery feedback of 2020-02-06 (riskscreen feedback):"
echo "$feedback" | sed 's/^/  /'
echo
echo "Night 2, 2020-02-07 (台州 raised to high; rail corrections and new records): $n2"
echo "  Amended, rule file:  $n2/batches/notices-330111001003.pdf  (张强超: 居家隔离 → 集中隔离)"
echo "  Amended, stays:      $n2/batches/notices-330111002002.pdf  (王英: 健康监测 → 集中隔离)"
echo "  Rescission notice:   $n2/batches/notices-330111005001.pdf  (赵永冬; also in rescinded.csv and on the worklist)"
echo "  Ending today:        $n2/worklists/worklist-330111001002.csv  (胡悦芳: listed and marked 今日期满, not printed)"
echo "  Released, unprinted: $n2/released.csv  (胡文斌, an unassigned visitor: no release notice)"
echo "  To chase:            $n2/followup.csv  (refused, not found, left; worklists pre-filled from the feedback)"
echo "  Health codes:        $n2/health_codes.csv  (amended red, rescinded and released green)"
echo
echo "Night 3, 2020-02-08 (南京 designation withdrawn; no new feeds): $n3"
echo "  Release notice:      $n3/batches/notices-330111004002.pdf  (张建国: 解除隔离医学观察告知书)"
echo "  Rescission notice:   $n3/batches/notices-330111001002.pdf  (曹春浩: the rule file changed)"
echo "  Released:            $n3/released.csv"
echo "  Overdue:             $n3/followup.csv  (nothing reported two days after the notice was issued)"
echo
echo "Why the resident of 山水社区 who visited Wenzhou was under home quarantine, and what became of it:"
"$bin" explain --config fixtures/demo/riskscreen.toml --state "$state" --as-of 2020-02-06 33018319680315272X | sed 's/^/  /'

# The day's published announcement becomes the next rule file (SPEC 10): lifted areas closed the day before,
# changed levels closed and reopened, new areas from the day given. A night then runs with `--regions` on the result.
echo
echo "The announcement of 2020-02-07, imported over the demo's first rule file:"
"$bin" rules import fixtures/demo/announcement-2020-02-07.txt --on 2020-02-07 \
    --previous fixtures/demo/regions.csv --config fixtures/demo/riskscreen.toml \
    -o "$out/regions-2020-02-07.csv" | sed 's/^/  /'
echo "What changed between the two rule files on 2020-02-07:"
"$bin" rules diff fixtures/demo/regions.csv "$out/regions-2020-02-07.csv" --on 2020-02-07 \
    --config fixtures/demo/riskscreen.toml | sed 's/^/  /'
