#!/usr/bin/env bash
# Installs what is missing, builds, and runs riskscreen on the demo district (fixtures/demo) for three nights,
# 2020-02-06 to 2020-02-08, with the grid workers' delivery feedback before the second, then says where each kind
# of paper is. Speaks Chinese under a Chinese locale (LC_ALL, LC_MESSAGES, LANG: the first set, starting with zh),
# English otherwise, as riskscreen itself does (SPEC 11).
# Usage: scripts/demo.sh [OUT]   (default: the demo config's out and state, fixtures/demo/out and fixtures/demo/state)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing
swift build -c release 2>&1 | grep -v "prohibited flag" | tail -3
bin="$(swift build -c release --show-bin-path)/riskscreen"
config=fixtures/demo/riskscreen.toml

locale="${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}"
say() { # Chinese, English
  if [[ "$locale" == zh* ]]; then echo "$1"; else echo "$2"; fi
}

out="${1:-fixtures/demo/out}"
if [ $# -gt 0 ]; then state="$out/state/riskscreen.sqlite"; else state="fixtures/demo/state/riskscreen.sqlite"; fi
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
say "第一晚，2020-02-06：$n1" "Night 1, 2020-02-06: $n1"
say "  measures.csv、rejects.csv、manifest.json、report.html（用浏览器打开）" \
    "  measures.csv, rejects.csv, manifest.json, report.html (open it in a browser)"
say "  新通知书：      $n1/batches/（每个社区一个 PDF：封面清单，然后每份通知书一页；index.csv 列出各社区的文件）" \
    "  New notices:         $n1/batches/  (one PDF per community: cover list, then one notice per sheet; index.csv lists them)"
ls "$n1/batches" 2>/dev/null | sed 's/^/    /'
say "  粗粒度暴露：    $n1/batches/notices-330111004003.pdf（田思晓：停留地只知道是湖北省）" \
    "  Coarse exposure:     $n1/batches/notices-330111004003.pdf  (田思晓: stay known only at 湖北省)"
say "  工作清单：      $n1/worklists/（XLSX：清单，第二页为每日核查）" \
    "  Worklists:           $n1/worklists/  (XLSX: the list, and daily checks on a second sheet)"
echo
say "2020-02-06 的送达反馈（riskscreen feedback）：" "Delivery feedback of 2020-02-06 (riskscreen feedback):"
echo "$feedback" | sed 's/^/  /'
echo
say "第二晚，2020-02-07（台州升为高风险；铁路数据更正和新记录）：$n2" \
    "Night 2, 2020-02-07 (台州 raised to high; rail corrections and new records): $n2"
say "  变更（规则文件）：$n2/batches/notices-330111001003.pdf（张强超：居家隔离 → 集中隔离）" \
    "  Amended, rule file:  $n2/batches/notices-330111001003.pdf  (张强超: 居家隔离 → 集中隔离)"
say "  变更（行程）：    $n2/batches/notices-330111002002.pdf（王英：健康监测 → 集中隔离）" \
    "  Amended, stays:      $n2/batches/notices-330111002002.pdf  (王英: 健康监测 → 集中隔离)"
say "  撤销通知书：      $n2/batches/notices-330111005001.pdf（赵永冬；也在 rescinded.csv 和工作清单中）" \
    "  Rescission notice:   $n2/batches/notices-330111005001.pdf  (赵永冬; also in rescinded.csv and on the worklist)"
say "  今日期满：        $n2/worklists/worklist-330111001002.csv（胡悦芳：列出并标注今日期满，不打印）" \
    "  Ending today:        $n2/worklists/worklist-330111001002.csv  (胡悦芳: listed and marked 今日期满, not printed)"
say "  已解除、不打印：  $n2/released.csv（胡文斌，未落地的外来人员：无解除告知单）" \
    "  Released, unprinted: $n2/released.csv  (胡文斌, an unassigned visitor: no release notice)"
say "  待跟进：          $n2/followup.csv（拒收、查无此人、已离开；工作清单已按反馈预填）" \
    "  To chase:            $n2/followup.csv  (refused, not found, left; worklists pre-filled from the feedback)"
say "  健康码：          $n2/health_codes.csv（变更为红码，撤销和解除为绿码）" \
    "  Health codes:        $n2/health_codes.csv  (amended red, rescinded and released green)"
echo
say "第三晚，2020-02-08（南京的划定撤回；无新数据）：$n3" \
    "Night 3, 2020-02-08 (南京 designation withdrawn; no new feeds): $n3"
say "  解除告知单：      $n3/batches/notices-330111004002.pdf（张建国：解除隔离医学观察告知书）" \
    "  Release notice:      $n3/batches/notices-330111004002.pdf  (张建国: 解除隔离医学观察告知书)"
say "  撤销通知书：      $n3/batches/notices-330111001002.pdf（曹春浩：规则文件变更）" \
    "  Rescission notice:   $n3/batches/notices-330111001002.pdf  (曹春浩: the rule file changed)"
say "  已解除：          $n3/released.csv" "  Released:            $n3/released.csv"
say "  逾期未反馈：      $n3/followup.csv（通知书发出两天后仍无送达结果）" \
    "  Overdue:             $n3/followup.csv  (nothing reported two days after the notice was issued)"
echo
say "山水社区去过温州的居民为什么曾居家隔离，后来怎样（按姓名查）：" \
    "Why the resident of 山水社区 who visited Wenzhou was under home quarantine, and what became of it (looked up by name):"
"$bin" explain --config "$config" --state "$state" --as-of 2020-02-06 张建国 | sed 's/^/  /'

# The day's published announcement becomes the next rule file (SPEC 10): lifted areas closed the day before,
# changed levels closed and reopened, new areas from the day given. A night then runs with `--regions` on the result.
echo
say "2020-02-07 的公告，导入到示例的第一份规则文件之上：" "The announcement of 2020-02-07, imported over the demo's first rule file:"
"$bin" rules import fixtures/demo/announcement-2020-02-07.txt --on 2020-02-07 \
    --previous fixtures/demo/regions.csv --config "$config" \
    -o "$out/regions-2020-02-07.csv" | sed 's/^/  /'
say "两份规则文件在 2020-02-07 的差别：" "What changed between the two rule files on 2020-02-07:"
"$bin" rules diff fixtures/demo/regions.csv "$out/regions-2020-02-07.csv" --on 2020-02-07 \
    --config "$config" | sed 's/^/  /'
