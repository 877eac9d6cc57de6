"""Checks that riskscreen's measures.csv and the DuckDB query's output hold the same measures.

Usage: compare.py MEASURES_CSV DUCKDB_CSV — exits 1 and prints the first differences when they differ.
"""
import csv
import sys

KEYS = ["id_type", "id_no", "action", "level", "region_code", "last_exposure_on", "until", "community_code"]


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return sorted(tuple(r[k] for k in KEYS) for r in csv.DictReader(f))


ours, theirs = rows(sys.argv[1]), rows(sys.argv[2])
if ours == theirs:
    print(f"same measures: {len(ours)}")
    sys.exit(0)
a, b = set(ours), set(theirs)
print(f"DIFFERENT: riskscreen {len(ours)} measures, duckdb {len(theirs)}; only riskscreen {len(a - b)}, only duckdb {len(b - a)}")
for r in sorted(a - b)[:5]:
    print("  riskscreen only:", ",".join(r))
for r in sorted(b - a)[:5]:
    print("  duckdb only:    ", ",".join(r))
sys.exit(1)
