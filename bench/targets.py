"""Prints bench.sh's figures against issue 5's targets, each with "met" or "NOT MET".

Usage: targets.py POINTS_TXT RATIOS_TXT
  POINTS_TXT: a line per round of a point: stays, riskscreen's wall s and peak MB, DuckDB's wall s and peak MB.
  RATIOS_TXT: a line per nightly round: the night's wall time over the full run's (may be empty).
"""
import statistics
import sys

TIME_AT_10M = 0.5  # at most this share of DuckDB's wall time at 10M stays
NIGHT = 0.3  # a night adding 1M stays to a 10M store: at most this share of the full run
# Seconds per million stays may rise this much from one point to the next and still count as linear growth:
# two runs of one binary differ by more than that on this shared machine.
NOISE = 1.1


def verdict(ok):
    return "met" if ok else "NOT MET"


def figures(values):
    return ", ".join(f"{v:.2f}" for v in values)


points = {}
with open(sys.argv[1]) as f:
    for line in f:
        n, rw, rm, dw, dm = line.split()
        points.setdefault(int(n), []).append((float(rw), float(rm), float(dw), float(dm)))
with open(sys.argv[2]) as f:
    nights = [float(line) for line in f if line.strip()]

print("against issue 5's targets:")
if 10_000_000 in points:
    rounds = points[10_000_000]
    time = [rw / dw for rw, _, dw, _ in rounds]
    memory = [rm / dm for _, rm, _, dm in rounds]
    print(f"  10M wall time, at most {TIME_AT_10M}x DuckDB's: {figures(time)}: {verdict(max(time) <= TIME_AT_10M)}")
    print(f"  10M peak memory, at most 1x DuckDB's: {figures(memory)}: {verdict(max(memory) <= 1)}")
if len(points) > 1:
    sizes = sorted(points)
    per_million = {n: statistics.median(rw for rw, *_ in points[n]) / (n / 1e6) for n in sizes}
    linear = all(per_million[b] <= per_million[a] * NOISE for a, b in zip(sizes, sizes[1:]))
    steps = ", ".join(f"{n // 1_000_000}M {per_million[n]:.3f}" for n in sizes)
    print(f"  growth no faster than linear (median s per million stays: {steps}): {verdict(linear)}")
if nights:
    within = sum(r <= NIGHT for r in nights)
    print(f"  night at most {NIGHT}x the full run: median {statistics.median(nights):.3f}, {within} of {len(nights)} "
          f"nights within: {verdict(within == len(nights))}")
if points:
    print("  measures identical to DuckDB's: at every point above (the script stops when they differ)")
