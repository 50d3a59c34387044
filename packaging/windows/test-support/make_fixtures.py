#!/usr/bin/env python3
"""The files a marketing laptop has, made from the project's sample customer list
(assets/samples/khach-hang-thang-11.csv: UTF-8 with BOM, ';'), as Excel on a Vietnamese
Windows saves them, with Vietnamese file names. Test-only (packaging/test-windows.sh).

    python3 make_fixtures.py PROJECT_DIR OUT_DIR

Writes into OUT_DIR:
  Khách hàng tháng 12.csv            "CSV (Comma delimited)" on a Vietnamese Windows:
                                     Windows-1258, ';' (the region's list separator), CRLF
  Khách hàng tháng 12 (Unicode).txt  "Unicode Text": UTF-16 LE with BOM, tab-separated, CRLF
  Khách hàng tháng 12.xlsx           the sample workbook (assets/samples/khach-hang-thang-12.xlsx)
"""
import os
import shutil
import sys
import unicodedata

# Windows-1258 has the vowels with their shape marks (â ê ô ơ ư ă đ) as single bytes but the
# five tone marks only as combining characters: Vietnamese is written base letter + tone.
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        tones = "".join(c for c in parts if c in TONES)
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def main() -> int:
    project, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(project, "assets/samples/khach-hang-thang-11.csv"), encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    base = "Khách hàng tháng 12"
    with open(os.path.join(out_dir, base + ".csv"), "wb") as f:
        f.write(to_cp1258("\r\n".join(lines) + "\r\n"))
    for line in lines:
        if "\t" in line:
            sys.exit("the sample has tabs: the tab-separated copy would differ")
    with open(os.path.join(out_dir, base + " (Unicode).txt"), "wb") as f:
        f.write(b"\xff\xfe" + ("\r\n".join(l.replace(";", "\t") for l in lines) + "\r\n").encode("utf-16-le"))
    shutil.copyfile(
        os.path.join(project, "assets/samples/khach-hang-thang-12.xlsx"),
        os.path.join(out_dir, base + ".xlsx"),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
