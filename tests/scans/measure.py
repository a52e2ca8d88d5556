"""How well a scan reads: characters wrong in free text, table numbers found at their place, rows present.
Used by tests/test_scans.py and `make bench` alike."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^[-+(]*\d[\d.,]*[)%]*$")


def distance(a: str, b: str) -> int:
    """Levenshtein's distance between two strings (characters)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def cer(expected: list[str], read: list[str]) -> float:
    """Characters wrong (edits) per character of the expected lines, the lines compared in order."""
    a, b = "\n".join(expected), "\n".join(read)
    return distance(a, b) / max(1, len(a))


def cer_by_page(expected: list[str], where: list, read: list[str], printed: list) -> float:
    """Characters wrong in free text, page by page (lines with their document.Printed): one distance over a
    whole document costs its length squared."""
    def on(page, lines, at):
        return free_text([line for line, p in zip(lines, at, strict=True) if p.page == page])
    pages = sorted({p.page for p in where})
    wrong = sum(distance("\n".join(on(n, expected, where)), "\n".join(on(n, read, printed))) for n in pages)
    return wrong / max(1, sum(len("\n".join(on(n, expected, where))) for n in pages))


def free_text(lines: list[str]) -> list[str]:
    """The lines that are no table rows."""
    return [line for line in lines if line and "\t" not in line]


def numbers_at_place(expected: list[str], read: list[str]) -> tuple[int, int, int]:
    """Table cells that hold a number: (right at their place, wrong or missing, all); the table rows compared
    in order (a row lost moves every later one: their numbers count as wrong)."""
    rows = [line.split("\t") for line in read if "\t" in line]
    right = total = 0
    for k, cells in enumerate(line.split("\t") for line in expected if "\t" in line):
        row = rows[k] if k < len(rows) else []
        for c, cell in enumerate(cells):
            if _NUMBER.match(cell.replace(" ", "")):
                total += 1
                right += c < len(row) and row[c] == cell
    return right, total - right, total
