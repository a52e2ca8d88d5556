"""`python -m tip_gms.pdf FILE.pdf`: the lines read from a PDF (see tip_gms.pdf)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from tip_gms.pdf.reading import read, tables


def _page_range(text: str) -> range:
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tip_gms.pdf",
                                     description="Print the lines read from a PDF source, with their numbers "
                                                 "(source_line) and pages (source_page).")
    parser.add_argument("file", type=Path)
    parser.add_argument("--pages", type=_page_range, help="only these pages: 3, or 3-5")
    parser.add_argument("--tables", action="store_true",
                        help="print the tables found instead, as JSON: page, bbox (x0, top, x1, bottom in points "
                             "from the top left) and rows of cells, one table per page it is printed on")
    arguments = parser.parse_args(argv)
    if arguments.tables:
        found = [asdict(table) for table in tables(arguments.file)
                 if arguments.pages is None or table.page in arguments.pages]
        print("[\n" + ",\n".join(json.dumps(table, ensure_ascii=False) for table in found) + "\n]")  # a table a line
        return
    dropped: list[tuple[int, str, str]] = []
    raw_lines, where = read(arguments.file, dropped)
    print(f"{'line':>5}  {'page':<4} {'on page':>3}  text (cells split by ' | ')")
    for n, (text, at) in enumerate(zip(raw_lines, where, strict=True), start=1):
        if arguments.pages is None or at.page in arguments.pages:
            print(f"{n:5d}  p{at.page:<3d} {at.line_on_page or '':>3}  {text.replace(chr(9), ' | ')}")
    for page, rule, text in dropped:
        if arguments.pages is None or page in arguments.pages:
            print(f"dropped  p{page:<3d} ({rule})  {text.replace(chr(9), ' | ')}")


if __name__ == "__main__":
    main()
