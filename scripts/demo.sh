#!/usr/bin/env bash
# Installs what is missing, builds, and runs riskscreen on the demo district (fixtures/demo), then says where the outputs are.
# Speaks Chinese under a Chinese locale (LC_ALL, LC_MESSAGES, LANG: the first set, starting with zh), English otherwise,
# as riskscreen itself does (SPEC 11). Usage: scripts/demo.sh [OUT]   (default: the config's out, fixtures/demo/out)
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

# The config names out and state (fixtures/demo/out, fixtures/demo/state); an OUT argument puts both there instead.
where=()
state="fixtures/demo/state/riskscreen.sqlite"
out="fixtures/demo/out"
if [ $# -gt 0 ]; then
  out="$1"
  state="$out/state/riskscreen.sqlite"
  where=(--out "$out" --state "$state")
fi
folder=$("$bin" run --config "$config" "${where[@]}" | tail -n 1)
echo
say "运行目录：    $folder" "Run folder:   $folder"
say "措施清单：    $folder/measures.csv" "Measures:     $folder/measures.csv"
say "PDF 通知批次：$folder/batches/（index.csv 列出各社区的文件）" "PDF batches:  $folder/batches/ (index.csv lists each community's file)"
ls "$folder/batches" 2>/dev/null | sed 's/^/  /' | head -20
say "工作清单：    $folder/worklists/" "Worklists:    $folder/worklists/"
say "运行清单：    $folder/manifest.json" "Manifest:     $folder/manifest.json"
say "运行报告：    $folder/report.html（用浏览器打开）" "Run report:   $folder/report.html   (open it in a browser)"
echo
say "山水社区去过温州的居民为什么要居家隔离（按姓名查）：" \
    "Why the resident of 山水社区 who visited Wenzhou is under home quarantine (looked up by name):"
"$bin" explain --config "$config" --state "$state" 张建国 | sed 's/^/  /'

# The next day's published announcement becomes the next rule file (SPEC 10): lifted areas closed on 2020-02-06,
# 温州 downgraded (its high row closed, a medium row opened), new areas from 2020-02-07. A night on 2020-02-07 or
# later then runs with `--regions "$out/regions-2020-02-07.csv"`.
echo
say "2020-02-07 的公告，导入到示例的风险地区规则文件之上：" "The announcement of 2020-02-07, imported over the demo's rule file:"
"$bin" rules import fixtures/demo/announcement-2020-02-07.txt --on 2020-02-07 \
    --previous fixtures/demo/regions.csv --config "$config" \
    -o "$out/regions-2020-02-07.csv" | sed 's/^/  /'
say "它在 2020-02-07 晚上会带来的变化（预览，不提交任何内容）：" \
    "What it would change on the night of 2020-02-07 (a preview; nothing is committed):"
"$bin" diff --config "$config" --regions "$out/regions-2020-02-07.csv" --as-of 2020-02-07 \
    --state "$state" | sed 's/^/  /'
