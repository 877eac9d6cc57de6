"""Checks that riskscreen's measures.csv and the DuckDB query's output hold the same measures (issue 28).

Usage: compare.py MEASURES_CSV DUCKDB_CSV — compares the first 16 columns of measures.csv (SPEC 4) as text, row by
row in riskscreen's order (serials, SPEC 4's sort); exits 1 and prints the first differences when they differ.
CSV quoting, the BOM and line ends are read away; anything else (a formula guard, a missing zero) is a difference.
"""
import csv
import sys

COLUMNS = ["serial", "status", "id_type", "id_no", "name", "phone", "community_code", "community_name", "grid_id",
           "address", "action", "level", "region_code", "region_name", "last_exposure_on", "until"]


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header[:16] != COLUMNS:
            sys.exit(f"{path}: the first 16 columns are {','.join(header[:16])}, expected {','.join(COLUMNS)}")
        return [tuple(r[:16]) for r in reader]


ours, theirs = rows(sys.argv[1]), rows(sys.argv[2])
if ours == theirs:
    print(f"same measures, 16 columns, same order: {len(ours)}")
    sys.exit(0)
print(f"DIFFERENT: riskscreen {len(ours)} measures, duckdb {len(theirs)}")
if sorted(ours) == sorted(theirs):
    print("  the same rows in another order")
shown = 0
for i, (a, b) in enumerate(zip(ours, theirs)):
    if a != b:
        cols = [f"{c}: {x!r} / {y!r}" for c, x, y in zip(COLUMNS, a, b) if x != y]
        print(f"  row {i + 2} (riskscreen / duckdb) {'; '.join(cols)}")
        shown += 1
        if shown == 10:
            break
# By person, so one missing row does not show as every row after it differing.
a, b = {r[2:4]: r for r in ours}, {r[2:4]: r for r in theirs}
only_ours, only_theirs = sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
differing = [k for k in sorted(a.keys() & b.keys()) if a[k][2:] != b[k][2:]]
print(f"  by person: only riskscreen {len(only_ours)}, only duckdb {len(only_theirs)}, "
      f"{len(differing)} with other columns differing (serial and status aside)")
for k in only_ours[:5]:
    print("  riskscreen only:", ",".join(a[k]))
for k in only_theirs[:5]:
    print("  duckdb only:    ", ",".join(b[k]))
for k in differing[:5]:
    print("  " + "; ".join(f"{c}: {x!r} / {y!r}" for c, x, y in zip(COLUMNS, a[k], b[k]) if x != y and c not in ("serial", "status")))
sys.exit(1)
