"""Running page headers, footers and page numbers, dropped (DROPPED 'running header or footer')."""

from __future__ import annotations

import re
from collections import defaultdict

from tip_gms.pdf.layout import Page
from tip_gms.pdf.settings import TOLERANCES as _T

_DIGITS = re.compile(r"\d+")


def drop_furniture(pages: list[Page]) -> None:
    """Drop the running headers and footers (DROPPED 'running header or footer')."""
    def candidates(page):
        text = [line for line in page.lines if line.table is None]
        return {id(line): line for line in (*text[:_T.furniture_lines], *text[-_T.furniture_lines:])}.values()

    def key(line):  # without spaces, which OCR may put in other places on every page
        return _DIGITS.sub("#", line.text.replace(" ", "")), round(line.top / 3)

    seen: dict[tuple, set[int]] = defaultdict(set)
    for page in pages:
        for line in candidates(page):
            seen[key(line)].add(page.number)
    recurring = {k for k, on in seen.items() if len(on) >= 2 and len(on) * 2 > len(pages)}
    for page in pages:
        for line in candidates(page):
            if key(line) in recurring:
                page.lines.remove(line)
                page.dropped |= dict.fromkeys((w.index for w in line.words), "running header or footer")
                page.dropped_lines.append(("running header or footer", line.text))
