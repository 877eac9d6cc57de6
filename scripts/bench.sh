#!/usr/bin/env bash
# Province benchmark: riskscreen `run --no-render` against the same screening in DuckDB SQL, on the same files.
# Usage: scripts/bench.sh [STAYS...]   (default: 1000000 10000000 20000000, then the nightly cases)
#        BENCH_SHAPES="present clean wide" the data shapes measured at each size (`riskscreen generate --shape`);
#        BENCH_ROUNDS=N interleaved rounds per point (default 5: the figures are medians);
#        BENCH_BASELINE=BIN also runs another riskscreen binary in each round, for a before/after ratio;
#        BENCH_NIGHTS=N repeats the nightly case N times (default 5); BENCH_WEEK=N adds N stored nights and a purge
#        (every third stored night finds three stays files and merges them, Store.staysFilesToMerge).
# Needs: a release build (built here), python3 (DuckDB from PyPI goes into a venv under bench/.venv).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${BENCH_DIR:-/tmp/riskscreen-bench}"
AS_OF=2020-02-06
POINTS=("$@"); [ ${#POINTS[@]} -gt 0 ] || POINTS=(1000000 10000000 20000000)
swift build -c release --scratch-path .build-release --product riskscreen 2>&1 | grep -v "prohibited flag" | tail -1
swift build -c release --scratch-path .build-release --product riskscreen-bench 2>&1 | grep -v "prohibited flag" | tail -1
BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/riskscreen"
BENCH="$(swift build -c release --scratch-path .build-release --show-bin-path)/riskscreen-bench"
[ -x bench/.venv/bin/python ] || { python3 -m venv bench/.venv && bench/.venv/bin/pip install -q duckdb; }
PY=bench/.venv/bin/python

measure() { # label, command... ; prints "label wall_s peak_MB"
  local label=$1; shift
  /usr/bin/time -v "$@" > "$WORK/last.out" 2> "$WORK/last.time" || { cat "$WORK/last.out" "$WORK/last.time" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/last.time")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$WORK/last.time")
  echo "$label $wall $rss"
}

SHAPES=(${BENCH_SHAPES:-present clean wide})
ROUNDS=${BENCH_ROUNDS:-5}
BASE=${BENCH_BASELINE:-}

data_dir() { # shape, stays: where that point's data is generated once
  if [ "$1" = present ]; then echo "$WORK/d$2"; else echo "$WORK/$1-d$2"; fi
}

rs_args() { # data dir, state dir: the arguments of a full riskscreen run on that data (of any shape)
  local d=$1 s=$2 travel=""
  for f in "$d"/travel*.csv; do travel="$travel --travel $f"; done
  echo run --as-of $AS_OF --policy "$d/policy.toml" --regions "$d/regions.csv" --residents "$d/residents.csv" \
    $travel --out "$s/out" --state "$s/state.sqlite" --no-render -q
}

mkdir -p "$WORK"
: > "$WORK/points.txt"; : > "$WORK/ratios.txt"  # this invocation's figures, for the targets at the end
printf "%-8s %-10s %-6s %9s %9s %9s %9s %7s %7s %s\n" shape stays round rs_wall_s rs_MB db_wall_s db_MB wall_x mem_x "${BASE:+base_wall_s base_MB vs_base}"
for n in "${POINTS[@]}"; do
  for shape in "${SHAPES[@]}"; do
    d=$(data_dir "$shape" "$n"); residents=$((n / 5))
    [ -f "$d/regions.csv" ] || "$BIN" generate --residents $residents --stays $n --designations 1500 --as-of $AS_OF --seed 7 \
      --shape "$shape" --out "$d" > /dev/null 2> "$WORK/generate.log"
    cat "$d"/*.csv > /dev/null  # warm the page cache
    for round in $(seq "$ROUNDS"); do
      rm -rf "$WORK/state"; mkdir -p "$WORK/state"
      # (paths here have no spaces, so the word splitting of $(rs_args) is safe)
      measure rs "$BIN" $(rs_args "$d" "$WORK/state") > "$WORK/m.txt"; read -r _ rw rm_ < "$WORK/m.txt"
      measure db "$PY" bench/duckdb_screen.py "$d" $AS_OF "$WORK/duck.csv" 2 "$shape" > "$WORK/m.txt"; read -r _ dw dm < "$WORK/m.txt"
      "$PY" bench/compare.py "$WORK/state/out/latest/measures.csv" "$WORK/duck.csv" > "$WORK/compare.txt" || { cat "$WORK/compare.txt"; exit 1; }
      base=""
      if [ -n "$BASE" ]; then
        rm -rf "$WORK/state-base"; mkdir -p "$WORK/state-base"
        measure base "$BASE" $(rs_args "$d" "$WORK/state-base") > "$WORK/m.txt"; read -r _ bw bm < "$WORK/m.txt"
        cmp -s "$WORK/state/out/latest/measures.csv" "$WORK/state-base/out/latest/measures.csv" \
          || cut -d, -f1-16 "$WORK/state/out/latest/measures.csv" | cmp -s - <(cut -d, -f1-16 "$WORK/state-base/out/latest/measures.csv") \
          || { echo "the baseline's measures differ from this binary's" >&2; exit 1; }
        base=$(printf "%9s %9s %7.2f" "$bw" "$bm" "$(echo "$rw / $bw" | bc -l)")
      fi
      printf "%-8s %-10s %-6s %9s %9s %9s %9s %7.2f %7.2f %s\n" "$shape" $n $round $rw $rm_ $dw $dm \
        "$(echo "$rw / $dw" | bc -l)" "$(echo "$rm_ / $dm" | bc -l)" "$base"
      echo "$shape $n $rw $rm_ $dw $dm ${bw:-0} ${bm:-0}" >> "$WORK/points.txt"
    done
  done
done
# Nightly: 1M new stays on a 10M store (state from a full 10M run, then a run with a 1M-stay travel feed).
# The night's travellers are the full run's people under its rules (--seed 7, --travel-seed 8): another seed's would
# be strangers to the stored residents, and their ordinary stays would fall into the full run's designations. Its
# record IDs follow the full run's (--first-record), or two thirds of its stays would replace stored ones. Its stays
# expose at the full run's rate (--flagged 0.002 of all people for a tenth of the stays); the outbreak night below
# has ten times as many exposed.
big="$WORK/d10000000"; night="$WORK/night-t8-f0.002"; outbreak="$WORK/night-t8-f0.02"
night_data() { # dir, share of people flagged, as-of, travel seed, first record: a night's travel, generated once
  [ -f "$1/travel_rail.csv" ] || "$BIN" generate --residents 2000000 --stays 1000000 --designations 1500 --as-of "$3" --seed 7 \
    --travel-seed "$4" --first-record "$5" --flagged "$2" --out "$1" > /dev/null 2> "$WORK/generate.log"
}
night_args() { # travel dir, as-of, more options: a run of its feeds on the state under $WORK/state
  local dir=$1 day=$2; shift 2
  echo run --as-of "$day" --policy "$big/policy.toml" --regions "$big/regions.csv" "$@" \
    --travel "$dir/travel_rail.csv" --travel "$dir/travel_telecom.csv" --travel "$dir/travel_checkpoint.csv" \
    --out "$WORK/state/out" --state "$WORK/state/state.sqlite" --no-render -q
}
if [ -f "$big/travel_rail.csv" ]; then
  night_data "$night" 0.002 $AS_OF 8 800000001
  cat "$big"/*.csv "$night"/*.csv > /dev/null
  nights=${BENCH_NIGHTS:-5}  # one run of each can be off by 25% on a shared machine: the median is quoted
  for round in $(seq "$nights"); do
    rm -rf "$WORK/state"; mkdir -p "$WORK/state"
    measure rs "$BIN" $(rs_args "$big" "$WORK/state") > "$WORK/m.txt"; read -r _ fw fm < "$WORK/m.txt"
    measure rs "$BIN" $(night_args "$night" $AS_OF --force) > "$WORK/m.txt"; read -r _ nw nm < "$WORK/m.txt"
    echo "nightly $round: full 10M run $fw s ($fm MB); +1M night $nw s ($nm MB); ratio $(echo "$nw / $fw" | bc -l | cut -c1-5)"
    echo "$nw / $fw" | bc -l >> "$WORK/ratios.txt"
  done
  sort -n "$WORK/ratios.txt" | awk '{r[NR] = $1} END {
    m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
    n = 0; for (i = 1; i <= NR; i++) if (r[i] <= 0.3) n++
    printf "nightly: median ratio %.3f over %d nights, %d of them at most 0.3\n", m, NR, n }'
  # A night whose feeds re-send every tenth stored record (as feeds that repeat recent days do): the stays it
  # replaces are spread over every stored part (the night above replaces none). Then an outbreak night: the
  # night's travel with ten times the exposed stays (the generator's default share). Each after a fresh full run.
  resend="$WORK/resend"; mkdir -p "$resend"
  for f in travel_rail travel_telecom travel_checkpoint; do
    [ -f "$resend/$f.csv" ] || awk 'NR == 1 || NR % 10 == 0' "$big/$f.csv" > "$resend/$f.csv"
  done
  night_data "$outbreak" 0.02 $AS_OF 8 800000001
  for kind in resend outbreak; do
    rm -rf "$WORK/state"; mkdir -p "$WORK/state"
    measure rs "$BIN" $(rs_args "$big" "$WORK/state") > "$WORK/m.txt"; read -r _ fw _ < "$WORK/m.txt"
    if [ $kind = resend ]; then dir=$resend; what="re-sent night: every tenth 10M record again"
    else dir=$outbreak; what="outbreak night: ten times the exposed stays"; fi
    measure rs "$BIN" $(night_args "$dir" $AS_OF --force) > "$WORK/m.txt"; read -r _ rw rm_ < "$WORK/m.txt"
    echo "$what, $rw s ($rm_ MB), $(($(wc -l < "$WORK/state/out/latest/measures.csv") - 1)) measures; ratio $(echo "$rw / $fw" | bc -l | cut -c1-5)"
  done
  # BENCH_WEEK=N: N nights of 1M new stays each on one store after a full 10M run, as cron would run them (the
  # as-of a day later each night, the travel drawn around it), then the next night on a copy purged into one stays
  # file and on one left as it was.
  week=${BENCH_WEEK:-0}
  if [ "$week" -gt 0 ]; then
    week_args() { # night number: its run on the state under $WORK/state (no --force), its data generated once
      local dir="$WORK/week-night$1-f0.002" day; day=$(date -d "$AS_OF + $1 day" +%F)
      night_data "$dir" 0.002 "$day" $((7 + $1)) $(((7 + $1) * 100000000 + 1))
      cat "$dir"/travel_*.csv > /dev/null
      night_args "$dir" "$day"
    }
    rm -rf "$WORK/state"; mkdir -p "$WORK/state"
    measure rs "$BIN" $(rs_args "$big" "$WORK/state") > /dev/null
    for i in $(seq "$week"); do
      args=$(week_args "$i")
      measure rs "$BIN" $args > "$WORK/m.txt"; read -r _ nw nm < "$WORK/m.txt"
      echo "stored night $i: $nw s ($nm MB)"
    done
    args=$(week_args $((week + 1)))
    files=$(ls "$WORK/state/state.sqlite.d" | grep -c '^stays-')  # a night that found three merged them (Store.staysFilesToMerge)
    rm -rf "$WORK/state-kept"; cp -r "$WORK/state" "$WORK/state-kept"
    measure purge "$BIN" purge --state "$WORK/state/state.sqlite" --before 2000-01-01 > "$WORK/m.txt"; read -r _ pw pm < "$WORK/m.txt"
    measure rs "$BIN" $args > "$WORK/m.txt"; read -r _ aw am < "$WORK/m.txt"
    cp "$WORK/state/out/latest/measures.csv" "$WORK/purged-measures.csv"
    rm -rf "$WORK/state"; mv "$WORK/state-kept" "$WORK/state"
    measure rs "$BIN" $args > "$WORK/m.txt"; read -r _ bw bm < "$WORK/m.txt"
    cmp -s "$WORK/purged-measures.csv" "$WORK/state/out/latest/measures.csv" || { echo "purge changed the next night's measures" >&2; exit 1; }
    echo "night $((week + 1)): $bw s ($bm MB) with $files stays file(s) stored; $aw s ($am MB) after purge ($pw s, $pm MB) put them in one"
  fi
fi
"$PY" bench/targets.py "$WORK/points.txt" "$WORK/ratios.txt"
# Notice rendering (issue 4): one community of 10,000 notices, then 10,000 notices over 20 communities (both cores).
"$BENCH" notices --notices 10000 --communities 1 --out "$WORK/pdf1" | sed 's/^/notices, 1 community:   /'
"$BENCH" notices --notices 10000 --communities 20 --out "$WORK/pdf20" | sed 's/^/notices, 20 communities: /'
