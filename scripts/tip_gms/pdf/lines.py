"""Lines as the text reader sees them: wrapped lines joined again (READING 'wrapped line'), a blank line between
blocks (READING 'block'), each numbered on its page with how it is printed (`Printed`: bold, a heading)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import pairwise

from tip_gms.document import Printed
from tip_gms.pdf.breaks import joined
from tip_gms.pdf.layout import Line, Page, starts_with_marker
from tip_gms.pdf.settings import TOLERANCES as _T
from tip_gms.pdf.words import Word

_BOLD = re.compile(r"bold|black|heavy", re.IGNORECASE)


def blank_gap(lines: list[Line]) -> float:
    """The vertical gap, in font sizes, beyond which a blank line stands between two lines (READING 'block'):
    wider than half the font size, and wider than the gap between the lines of a paragraph by a quarter of it
    (a typesetter's line height), that gap taken where a quarter of the gaps between lines of text in one size
    are narrower (most lines of text are lines of a paragraph; blank lines and paragraph spacing are wider)."""
    gaps = sorted((b.top - a.bottom) / b.size for a, b in pairwise(lines)
                  if a.table is None and b.table is None and a.page == b.page and abs(a.size - b.size) <= 0.5)
    leading = gaps[len(gaps) // 4] if gaps else 0.0
    return max(_T.block_gap, leading + _T.over_leading)


def _gap(above: Line, below: Line, blank: float) -> bool:
    """Whether a blank line stands between two lines: a gap wider than `blank` font sizes, or a page break."""
    if below.page != above.page:
        return True
    sizes = [line.size for line in (above, below) if line.table is None]
    return below.top - above.bottom > (min(sizes) * blank if sizes else 2)


def join_wrapped(lines: list[Line], pages: list[Page], blank: float) -> list[list[Line]]:
    """Group each line with the lines it wrapped onto (READING 'wrapped line'), unless a blank line (a gap
    wider than `blank` font sizes) stands between them."""
    text = [line for line in lines if line.table is None]
    left = min((line.x0 for line in text), default=0.0)
    # Where the text wraps: the furthest end of a line of several words (a lone page or slide number may stand
    # further right), or as far from the right as the text starts from the left.
    width = max(page.width for page in pages)
    right = max([width - left, *(line.x1 for line in text if len(line.words) >= 4)])
    out: list[list[Line]] = []
    for line in lines:
        if out and _continues(out[-1], line, left, right, blank):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _continues(parts: list[Line], line: Line, left: float, right: float, blank: float) -> bool:
    """Whether `line` continues the wrapped line made of `parts` (READING 'wrapped line')."""
    first, last = parts[0], parts[-1]
    if first.table is not None or line.table is not None or line.bullet or abs(line.size - last.size) > 0.5:
        return False
    if line.page == last.page:
        if line.top - last.bottom > line.size * blank:
            return False
    elif line.page != last.page + 1:
        return False
    space, next_word = 0.3 * line.size, line.words[0].x1 - line.words[0].x0
    hang = first.words[1].x0 if starts_with_marker(first) and len(first.words) > 1 else first.x0
    if line.page != last.page and hang == first.x0 and last.words[-1].text[-1:] in ".?!:" \
            and line.words[0].text[:1].isupper():
        return False  # across a page break, a paragraph whose sentence ended may have ended too
    if abs(line.x0 - hang) <= _T.same_x:  # aligned left: the line before reached the right edge
        return last.x1 + space + next_word > right - _T.same_x

    def middle(x):
        return (x.x0 + x.x1) / 2
    if abs(middle(line) - middle(last)) <= _T.same_x and abs(middle(last) - middle(first)) <= _T.same_x:  # centred
        return last.x1 - last.x0 + space + next_word > right - left - 2 * _T.same_x
    return False


def numbered(groups: list[list[Line]], blank: float) -> tuple[list[str], list[Printed]]:
    """Number the lines, with a blank line between blocks (a gap wider than `blank` font sizes), as the text
    reader would see them."""
    text = [line for group in groups for line in group if line.table is None]
    sizes: Counter[float] = Counter()
    for line in text:
        for word in line.words:
            sizes[round(word.size, 1)] += len(word.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    larger = any(size > body * _T.larger for size in sizes)
    # A page may print its body smaller (a slide whose text was shrunk to fit): its headings are larger than that.
    on_pages: dict[int, Counter[float]] = defaultdict(Counter)
    for line in text:
        for word in line.words:
            on_pages[line.page][round(word.size, 1)] += len(word.text)
    page_body = {page: min(body, sizes_.most_common(1)[0][0]) for page, sizes_ in on_pages.items()}
    left = min((line.x0 for line in text), default=0.0)
    raw, printed = [], []
    on_page: Counter[int] = Counter()
    for k, group in enumerate(groups):
        first = group[0]
        if k and _gap(groups[k - 1][-1], first, blank):
            raw.append("")
            printed.append(Printed(first.page))
        if first.table is not None:
            for r, row in enumerate(first.table.rows):  # each row where it is printed, on a later page too
                row_page = first.table.page_of(r)
                on_page[row_page] += 1
                raw.append("\t".join(" ".join(cell.split()) for cell in row))
                printed.append(Printed(row_page, on_page[row_page], words=ocr_words(first.table.words_of(r), row_page)))
            continue
        on_page[first.page] += 1
        words = [w for line in group for w in line.words]
        indent = " " if first.x0 - left > first.size / 2 else ""
        raw.append(indent + joined([line.text for line in group]))
        bold = bool(_BOLD.search(words[0].fontname))
        all_bold = not first.bullet and all(_BOLD.search(w.fontname) for w in words)
        printed.append(Printed(
            first.page, on_page[first.page], bold=bold,
            heading=(first.size > page_body[first.page] * _T.larger or all_bold) if larger else None,
            words=ocr_words(words, first.page, group),
        ))
    return raw, printed


def ocr_words(words: list[Word], page: int, group: list[Line] | None = None) -> tuple:
    """A line's OCR'd words as document.Printed holds them, (text, conf, page, box, image); none for typeset
    words or list markers. A wrapped line's words each on the page of their visual line."""
    pages = {id(w): line.page for line in group for w in line.words} if group else {}
    return tuple((w.text, w.conf, pages.get(id(w), page), w.box, w.image) for w in words
                 if w.conf is not None and w.fontname != "marker")
