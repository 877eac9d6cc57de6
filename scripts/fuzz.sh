#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs one of them (docs/fuzzing.md).
#
#   scripts/fuzz.sh list                      the targets and what each reads
#   scripts/fuzz.sh TARGET SECONDS [ARG...]   build, then fuzz TARGET for SECONDS; ARGs go to libFuzzer
#   scripts/fuzz.sh build                     build every target
#   scripts/fuzz.sh repro TARGET FILE...      run TARGET once on each FILE (a finding, a fixture)
#   scripts/fuzz.sh minimize TARGET FILE      the smallest input that still crashes, as FILE.min
#
# Findings (crash-*, timeout-*, oom-*, leak-*) are kept in fuzz-findings/TARGET/ (git-ignored), the corpus
# grown by earlier runs in .build-fuzz/corpus/TARGET/, each run's log in .build-fuzz/logs/. The run ends with
# its executions, coverage and findings, and exits non-zero when it found anything.
#
# Environment: FUZZ_KEEP_GOING=1 runs libFuzzer in fork mode and goes on past crashes, timeouts and OOMs
# until SECONDS are up; FUZZ_LEAKS=1 turns LeakSanitizer on (off by default: the Swift runtime's caches
# make nearly every input a leak candidate, and the scans took 4/5 of the time; TOMLKit leaks a few
# hundred bytes per parse, so policy always reports leaks); FUZZ_NICE (default 10) is the run's niceness.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCRATCH=$ROOT/.build-fuzz
FINDINGS=$ROOT/fuzz-findings

# name|product|max input bytes|fixtures it is seeded from (find -name patterns)|what it reads
TARGETS=(
  "travel|fuzz-travel|16384|travel*.csv|TravelFeed.read, the same file given twice (field rules, identities, counts)"
  "residents|fuzz-residents|16384|residents*.csv|ResidentFeed.read, the same file given twice (field rules, dedupe, counts)"
  "policy|fuzz-policy|4096|policy*.toml|Policy.load(path:) (TOMLKit, toml++ in C++, the policy rules)"
  "rules|fuzz-rules|16384|regions*.csv|RuleFile.read (all or nothing, every bad line listed)"
  "chunks|fuzz-chunks|16384|travel*.csv|FeedReader in small blocks and in lineChunks/splitPoints chunks against one pass"
  "xlsx|fuzz-xlsx|65536|*.xlsx|XLSXWorkbook, every row of every sheet, and TravelFeed.read on the input as a workbook"
)

usage() {
  awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'
  echo
  echo "targets:"
  list
}

list() {
  local t
  for t in "${TARGETS[@]}"; do
    IFS='|' read -r name _ _ _ what <<<"$t"
    printf '  %-10s %s\n' "$name" "$what"
  done
}

target_field() {  # target_field NAME INDEX
  local t
  for t in "${TARGETS[@]}"; do
    IFS='|' read -r -a f <<<"$t"
    if [ "${f[0]}" = "$1" ]; then echo "${f[$2]}"; return 0; fi
  done
  return 1
}

# What building needs: the C libraries of the modules the targets import, and libFuzzer's runtime, which
# the Swift toolchain ships (clang's compiler-rt beside swiftc); Debian's libclang-rt-*-dev belongs to
# Debian's clang and is of no use to swiftc.
ensure_tools() {
  . scripts/deps.sh
  RISKSCREEN_PACKAGES=(pkg-config libcsv-dev libssl-dev)
  install_missing  # deps.sh's, on this short list
  local swiftc
  swiftc=$(command -v swiftc || true)
  [ -n "$swiftc" ] || { echo "fuzz.sh: swiftc not found; put the Swift toolchain's bin on PATH" >&2; exit 1; }
  if ! ls "$(dirname "$(readlink -f "$swiftc")")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 \
     && ! ls "$(dirname "$(readlink -f "$swiftc")")"/../lib/swift/clang/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    echo "fuzz.sh: this Swift toolchain has no libclang_rt.fuzzer; -sanitize=fuzzer needs a toolchain that ships it" >&2
    exit 1
  fi
}

# One build for every target. swiftc keeps only the last -sanitize= option it is given, and SwiftPM's own
# --sanitize=fuzzer --sanitize=address passes two: the Swift modules would get ASan but no coverage. The
# combined -Xswiftc flag comes last and wins; SwiftPM's options still pick libFuzzer's main at link time
# and instrument the C and C++ targets (CRecordSink, toml++).
build() {
  ensure_tools
  echo "building the fuzz targets (release, -sanitize=fuzzer,address) in .build-fuzz ..." >&2
  # SwiftPM plans a path dependency's sources once: a file added to the root package since would be left
  # out ("cannot find … in scope"). When the list of source files changed, the stored plan goes and SwiftPM
  # plans again (and may rebuild everything, ~3 min: so only then).
  local fingerprint
  fingerprint=$(find Sources Fuzz/Sources Package.swift Fuzz/Package.swift -type f | sort | sha256sum | cut -c1-16)
  if [ "$(cat "$SCRATCH/sources.fingerprint" 2>/dev/null)" != "$fingerprint" ]; then
    rm -f "$SCRATCH/release.yaml" "$SCRATCH"/*/release/description.json
  fi
  mkdir -p "$SCRATCH/logs"
  local status=0
  nice -n "${FUZZ_NICE:-10}" swift build --package-path Fuzz --scratch-path "$SCRATCH" -c release \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address >"$SCRATCH/logs/build.log" 2>&1 || status=$?
  grep -vE "Cannot export local symbol|prohibited flag" "$SCRATCH/logs/build.log" | tail -n 30 >&2 || true
  [ "$status" -eq 0 ] || { echo "fuzz.sh: build failed (log: .build-fuzz/logs/build.log)" >&2; exit 1; }
  echo "$fingerprint" >"$SCRATCH/sources.fingerprint"
}

# Seeds: the fixtures of the target's kind, cut to its input size at a line end, and Fuzz/seeds/TARGET.
# Workbooks (ZIP archives) are never cut, only left out when too large, and are taken from every folder of
# fixtures/ (fixtures/xlsx, fixtures/announcements, fixtures/fuzz/xlsx ...), text feeds from cases and demo.
seed() {
  local name=$1 max=$2 pattern=$3 dir=$SCRATCH/seeds/$1 f
  rm -rf "$dir"
  mkdir -p "$dir"
  local roots=(fixtures/cases fixtures/demo) binary=0
  case "$pattern" in *.xlsx) roots=(fixtures); binary=1 ;; esac
  while IFS= read -r -d '' f; do
    local out="$dir/$(echo "${f#fixtures/}" | tr '/' '_')"
    if [ "$(stat -c %s "$f")" -le "$max" ]; then cp "$f" "$out"
    elif [ "$binary" = 0 ]; then
      head -c "$max" "$f" | python3 -c 'import sys; b=sys.stdin.buffer.read(); sys.stdout.buffer.write(b[:b.rfind(b"\n")+1])' >"$out"
    fi
  done < <(find "${roots[@]}" -type f -name "$pattern" -print0)
  if [ -d "Fuzz/seeds/$name" ]; then cp Fuzz/seeds/"$name"/* "$dir"/ 2>/dev/null || true; fi
  echo "$dir"
}

run_env() {
  # The Swift runtime's backtracer would hold the crashing process (and the pipe) for its own report;
  # libFuzzer and ASan report crashes themselves.
  export SWIFT_BACKTRACE=enable=no
  # libFuzzer's -detect_leaks covers fuzzing only; ASan's own check at exit covers repro and minimize.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=${FUZZ_LEAKS:-0}}
  export RISKSCREEN_FUZZ_DIR=$SCRATCH/tmp/$$
  mkdir -p "$RISKSCREEN_FUZZ_DIR"
  trap 'rm -rf "$RISKSCREEN_FUZZ_DIR"' EXIT
}

fuzz() {
  local name=$1 seconds=$2
  shift 2
  local product max pattern
  product=$(target_field "$name" 1) || { echo "fuzz.sh: no target $name"; list; exit 1; } >&2
  max=$(target_field "$name" 2)
  pattern=$(target_field "$name" 3)
  build
  local seeds corpus=$SCRATCH/corpus/$name artifacts=$FINDINGS/$name logs=$SCRATCH/logs
  seeds=$(seed "$name" "$max" "$pattern")
  mkdir -p "$corpus" "$artifacts" "$logs"
  local log
  log=$logs/$name-$(date -u +%Y%m%dT%H%M%SZ).log
  local before
  before=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  local args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$max"
              -dict="Fuzz/dict/$name.dict" -artifact_prefix="$artifacts/" -print_final_stats=1
              -detect_leaks="${FUZZ_LEAKS:-0}")
  if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1); fi
  run_env
  echo "fuzzing $name for ${seconds}s (log: ${log#$ROOT/})" >&2
  local status=0 started=$SECONDS
  nice -n "${FUZZ_NICE:-10}" "$SCRATCH/release/$product" "${args[@]}" "$@" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  local elapsed=$((SECONDS - started))
  local after
  after=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  summarise "$name" "$elapsed" "$log" "$corpus" "$artifacts" $((after - before)) "$status"
  [ "$status" -eq 0 ] && [ $((after - before)) -eq 0 ]
}

summarise() {
  local name=$1 seconds=$2 log=$3 corpus=$4 artifacts=$5 found=$6 status=$7
  local execs rate cov ft
  # Under pipefail a grep that finds nothing would end the script here: each pipeline ends in '|| true'.
  execs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}' || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  # Fork mode prints no final stats: its last status line has the executions; the rate is over the run.
  if [ "${execs:-0}" = 0 ]; then
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    [ -n "$execs" ] && [ "$seconds" -gt 0 ] && rate=$((execs / seconds))
  fi
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  echo "== $name: ${seconds}s run, executions ${execs:-?}, ${rate:-?} exec/s, coverage ${cov:-?} edges (${ft:-?} features), corpus $(find "$corpus" -type f | wc -l) files, libFuzzer exit $status"
  if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
    echo "== $name: FINDINGS: $found new file(s) in ${artifacts#$ROOT/}/"
    grep -E 'ERROR: (AddressSanitizer|libFuzzer)|invariant broken|Fatal error|SUMMARY:' "$log" | sort | uniq -c | head -20 || true
    ls -t "$artifacts" | head -"$(( found > 0 ? found : 5 ))" | sed "s|^|   ${artifacts#$ROOT/}/|"
    echo "== see one: scripts/fuzz.sh repro $name FILE; shrink it: scripts/fuzz.sh minimize $name FILE"
  else
    echo "== $name: no findings"
  fi
}

repro() {
  local name=$1
  shift
  local product
  product=$(target_field "$name" 1) || { echo "fuzz.sh: no target $name"; list; exit 1; } >&2
  [ -x "$SCRATCH/release/$product" ] || build
  run_env
  "$SCRATCH/release/$product" -runs=1 "$@"
}

minimize() {
  local name=$1 file=$2
  local product
  product=$(target_field "$name" 1) || { echo "fuzz.sh: no target $name"; list; exit 1; } >&2
  [ -x "$SCRATCH/release/$product" ] || build
  run_env
  nice -n "${FUZZ_NICE:-10}" "$SCRATCH/release/$product" -minimize_crash=1 -runs=20000 -max_total_time=300 \
    -exact_artifact_path="$file.min" "$file" >"$SCRATCH/logs/minimize-$name.log" 2>&1 || true
  [ -f "$file.min" ] || { echo "fuzz.sh: $file did not crash $name (log: .build-fuzz/logs/minimize-$name.log)" >&2; exit 1; }
  echo "$file.min: $(stat -c %s "$file.min") bytes (from $(stat -c %s "$file"))"
}

case "${1:-}" in
  ""|-h|--help|help) usage ;;
  list) list ;;
  build) build ;;
  repro) [ $# -ge 3 ] || { usage >&2; exit 1; }; shift; repro "$@" ;;
  minimize) [ $# -eq 3 ] || { usage >&2; exit 1; }; mkdir -p "$SCRATCH/logs"; minimize "$2" "$3" ;;
  *)
    [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { usage >&2; exit 1; }
    fuzz "$@"
    ;;
esac
