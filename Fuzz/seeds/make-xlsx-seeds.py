#!/usr/bin/env python3
"""Writes Fuzz/seeds/xlsx/: small workbooks from fixtures/ with every part stored, not deflated.

A deflated part is opaque to libFuzzer's mutations (nearly every change breaks the stream); a stored part's XML
is bytes it can mutate and splice with the dictionary's SpreadsheetML tokens. Parts the reader never opens
(theme, docProps) are left out, and each sheet is cut to its first rows. Run from the repository's root.
"""
import re
import sys
import zipfile
from pathlib import Path

SOURCES = {
    "stored-plain.xlsx": "fixtures/xlsx/plain.xlsx",
    "stored-shared-strings.xlsx": "fixtures/xlsx/libxlsxwriter_shared.xlsx",
    "stored-inline-strings.xlsx": "fixtures/xlsx/libxlsxwriter_inline.xlsx",
    "stored-two-sheets.xlsx": "fixtures/xlsx/openpyxl.xlsx",
    "stored-1904.xlsx": "fixtures/xlsx/openpyxl_1904.xlsx",
    "stored-travel.xlsx": "fixtures/xlsx/demo/travel_checkpoint.xlsx",
    "stored-worklist.xlsx": "fixtures/demo/returned/worklists-2020-02-06.xlsx",
}
SKIP = re.compile(r"^(docProps/|xl/theme/)")
ROWS = 6


def cut(xml: bytes) -> bytes:
    """The sheet with only its first ROWS rows."""
    rows = list(re.finditer(rb"<row[ >].*?</row>", xml, re.S))
    if len(rows) <= ROWS:
        return xml
    return xml[: rows[ROWS - 1].end()] + xml[rows[-1].end():]


def main() -> None:
    out = Path("Fuzz/seeds/xlsx")
    out.mkdir(parents=True, exist_ok=True)
    for name, source in SOURCES.items():
        with zipfile.ZipFile(source) as src, zipfile.ZipFile(out / name, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                if SKIP.match(info.filename):
                    continue
                data = src.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    data = cut(data)
                dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0)), data)
        print(f"{out / name}: {(out / name).stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
