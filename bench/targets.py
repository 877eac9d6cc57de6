"""Prints bench.sh's figures against the performance targets, each with "met" or "NOT MET".

Usage: targets.py POINTS_TXT RATIOS_TXT
  POINTS_TXT: a line per round of a point: shape, stays, riskscreen's wall s and peak MB, DuckDB's wall s and peak MB,
              the baseline binary's wall s and peak MB (0 0 without BENCH_BASELINE).
  RATIOS_TXT: a line per nightly round: the night's wall time over the full run's (may be empty).

Every figure is the median over the rounds of a point (rounds interleave riskscreen, DuckDB and the baseline, so a
drift in the shared machine's speed hits all alike).
"""
import statistics
import sys

TIME = 1.0  # at most this share of DuckDB's wall time, every shape at 10M stays
MEMORY = 1.0  # at most this share of DuckDB's peak memory, likewise
NIGHT = 0.3  # a night adding 1M stays to a 10M store: at most this share of the full run
ROUNDS = 5  # medians of at least this many interleaved rounds


def verdict(ok):
    return "met" if ok else "NOT MET"


points = {}
with open(sys.argv[1]) as f:
    for line in f:
        shape, n, rw, rm, dw, dm, bw, bm = line.split()
        points.setdefault((shape, int(n)), []).append(tuple(map(float, (rw, rm, dw, dm, bw, bm))))
with open(sys.argv[2]) as f:
    nights = [float(line) for line in f if line.strip()]

print("against the targets (medians of interleaved rounds):")
for (shape, n), rounds in sorted(points.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    time = statistics.median(rw / dw for rw, _, dw, *_ in rounds)
    memory = statistics.median(rm / dm for _, rm, _, dm, *_ in rounds)
    enough = f"{len(rounds)} rounds" + ("" if len(rounds) >= ROUNDS else f", fewer than {ROUNDS}: NOT MET")
    line = f"  {shape:8} {n // 1_000_000:>3}M: wall {time:.2f}x DuckDB's, peak {memory:.2f}x ({enough})"
    if n == 10_000_000:
        line += f"; at most {TIME}x and {MEMORY}x: {verdict(time <= TIME and memory <= MEMORY)}"
    baseline = [rw / bw for rw, _, _, _, bw, _ in rounds if bw > 0]
    if baseline:
        ratio = statistics.median(baseline)
        line += f"; {ratio:.2f}x the baseline binary's wall time: {verdict(ratio <= 1.0)}"
    print(line)
if nights:
    within = sum(r <= NIGHT for r in nights)
    print(f"  night (+1M stays on 10M) at most {NIGHT}x the full run: median {statistics.median(nights):.3f} over "
          f"{len(nights)} nights ({within} within): {verdict(statistics.median(nights) <= NIGHT)}")
if points:
    print("  measures identical to DuckDB's: at every point above (the script stops when they differ)")
