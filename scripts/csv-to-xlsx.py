#!/usr/bin/python3
"""Writes a CSV feed (UTF-8 or GB18030) as an XLSX workbook the way an office's Excel holds it, streaming (openpyxl's
write-only mode), so a feed of a million rows fits in memory.

    /usr/bin/python3 scripts/csv-to-xlsx.py FEED.csv OUT.xlsx   (Debian's python3-openpyxl)

ID numbers are text (the column formatted as Text); region codes and phones of up to 15 digits are numbers; ISO dates
(`YYYY-MM-DD`, with a time of day or not) are date cells; everything else stays the text it was. The header is row 1
and each record the row of its CSV line, so rejects name the same lines.
"""
import csv
import datetime
import re
import sys

import openpyxl
from openpyxl.cell import WriteOnlyCell

ID_HEADERS = {"id_no", "身份证号", "证件号码", "公民身份号码"}
NUMBER_HEADERS = {"region_code", "区划代码", "停留地区划代码", "社区代码", "community_code", "phone", "手机号码", "联系电话"}
DATE_HEADERS = {"arrived_on", "left_on", "updated_at", "到达日期", "离开日期", "抵达日期", "更新日期"}
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$")


def read(path):
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as e:
        # A character cut by the end of the head is no sign of GB18030.
        encoding = "utf-8-sig" if e.start >= len(head) - 3 and len(head) == 1 << 16 else "gb18030"
    return open(path, encoding=encoding, newline="")


def main(source, target):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("feed")
    with read(source) as f:
        rows = csv.reader(f)
        header = [h.lstrip("\ufeff") for h in next(rows)]
        ws.append(header)
        for record in rows:
            out = []
            for h, value in zip(header, record):
                if value == "":
                    out.append(None)
                elif h in ID_HEADERS:
                    c = WriteOnlyCell(ws, value=value)
                    c.number_format = "@"
                    out.append(c)
                elif h in NUMBER_HEADERS and value.isdigit() and len(value) <= 15 and not value.startswith("0"):
                    out.append(int(value))
                elif h in DATE_HEADERS and (m := ISO.match(value)):
                    try:
                        c = WriteOnlyCell(ws, value=datetime.datetime(*[int(p) for p in m.groups() if p is not None]))
                        c.number_format = "yyyy-mm-dd hh:mm:ss" if m.group(4) else "yyyy-mm-dd"
                        out.append(c)
                    except ValueError:
                        out.append(value)  # a day that does not exist stays the text the feed had
                else:
                    out.append(value)
            ws.append(out)
    wb.save(target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
