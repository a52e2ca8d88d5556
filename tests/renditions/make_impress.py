"""The text source as a slide deck laid out like the original report (python-pptx), converted to PDF by
LibreOffice Impress, headless (Debian package `libreoffice-impress-nogui`).

What a slide deck does that the reader must undo: one slide per heading (the report's own "(Cont.)"
slides stay slides of their own), the title centred over several lines, 16:9 pages; bullets as glyphs of
a text font ('•', '–') or of a symbol font (Wingdings, printed through LibreOffice's OpenSymbol);
numbered items numbered by the slide program; tables drawn as filled cells, a long one continued on the
next slide under its repeated header row; slides whose text does not fit continued on the next slide;
the presenters' slide numbers in the corner of their slides.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Emu, Pt

from tests.renditions.blocks import FIXTURES, Table, Text, read

WIDTH, HEIGHT = 960, 540  # pt: 16:9
MARGIN, TOP = 36, 100  # the body box's left margin and top
TITLE, HEADING, BODY, CELL = 30, 22, 18, 12  # font sizes (pt)
FONT, TITLE_FONT = "Liberation Sans", "DejaVu Sans"
# Per document: the bullet glyph of level 0 and 1, and its font.
BULLETS = [(("•", "Liberation Sans"), ("–", "Liberation Sans")),
           (("§", "Wingdings"), ("–", "Liberation Sans")),  # a small square in Wingdings
           (("Ø", "Wingdings"), ("§", "Wingdings"))]  # an arrowhead in Wingdings
ROOM = HEIGHT - TOP - 30  # the height the body may fill


def deck() -> Presentation:
    deck_ = Presentation()
    deck_.slide_width, deck_.slide_height = Pt(WIDTH), Pt(HEIGHT)
    for k, doc in enumerate(read()):
        slide = _slide(deck_)
        title = _box(slide, MARGIN, 70, WIDTH - 2 * MARGIN, 170, centre=True)
        _para(title, [(" ".join(part for part, _ in line.spans), True) for line in doc.title], TITLE,
              first=True, breaks=True)
        body = _box(slide, MARGIN * 3, 260, WIDTH - 6 * MARGIN, 250)
        first = True
        for block in doc.front:
            _flow(body, block, BULLETS[k], first=first, centre=True)
            first = False
        body_blocks = doc.body
        if body_blocks and body_blocks[0][0].kind == "slide_number":  # the title slide's number
            _number(slide, body_blocks[0][0])
            body_blocks = body_blocks[1:]
        _slides(deck_, body_blocks, BULLETS[k])
    return deck_


def _slides(deck_, blocks, bullets) -> None:
    """One slide per block that starts with a heading (a slide of headings only takes the next one too); a
    slide number ends its slide."""
    pages: list[list] = []
    for block in blocks:
        first = block[0]
        if isinstance(first, Text) and first.kind == "slide_number":
            pages[-1].append(block)
            pages.append([])
            continue
        only_headings = pages and all(isinstance(i, Text) and i.kind == "heading" for b in pages[-1] for i in b)
        if not pages or (isinstance(first, Text) and first.kind == "heading" and pages[-1] and not only_headings):
            pages.append([])
        pages[-1].append(block)
    for page in (p for p in pages if p):
        _page(deck_, page, bullets)


def _page(deck_, blocks, bullets) -> None:
    slide = _slide(deck_)
    first = blocks[0]
    if isinstance(first[0], Text) and first[0].kind == "heading":  # the heading lines are the slide's title
        n = next((i for i, item in enumerate(first) if not (isinstance(item, Text) and item.kind == "heading")),
                 len(first))
        box = _box(slide, MARGIN, 24, WIDTH - 2 * MARGIN, 70)
        for i, line in enumerate(first[:n]):
            _para(box, line.spans, 24, first=i == 0, bold=True)
        blocks = [first[n:], *blocks[1:]] if n < len(first) else blocks[1:]
    body, used, first_block = None, 0.0, True
    for block in blocks:
        if isinstance(block[0], Text) and block[0].kind == "slide_number":
            _number(slide, block[0])
            continue
        pieces = _pieces(block)
        for i, piece in enumerate(pieces):
            height = _height(piece) + (0 if first_block or i else BODY * 0.8)
            if isinstance(piece, Table):
                rows = piece.rows[piece.header_rows:]
                while rows:
                    fit = [r for r in range(1, len(rows) + 1)
                           if used + _table_height(piece, piece.rows[:piece.header_rows] + rows[:r]) <= ROOM]
                    if not fit and used > 0:
                        slide, body, used = _slide(deck_), None, 0.0
                        continue
                    take = fit[-1] if fit else 1
                    shown = piece.rows[:piece.header_rows] + rows[:take]
                    _table(slide, shown, TOP + used)
                    used += _table_height(piece, shown) + 8
                    rows = rows[take:]
                    if rows:
                        slide, body, used = _slide(deck_), None, 0.0
                body = None
                first_block = False
                continue
            if used + height > ROOM and used > 0:  # continued on the next slide
                slide, body, used = _slide(deck_), None, 0.0
            if body is None:
                body = _box(slide, MARGIN, TOP + used, WIDTH - 2 * MARGIN, ROOM - used)
                body_first = True
            _flow(body, [piece], bullets, first=body_first, gap=not (first_block or i) and not body_first)
            body_first = False
            used += height
        first_block = False


def _number(slide, item) -> None:
    _para(_box(slide, WIDTH - 90, HEIGHT - 40, 60, 24), item.spans, 12, first=True, right=True)


def _pieces(block):
    return list(block)


def _height(item) -> float:
    if isinstance(item, Table):
        return _table_height(item, item.rows)
    size = HEADING if item.kind == "heading" else BODY
    per_line = (WIDTH - 2 * MARGIN - 40) / (0.52 * size)
    return math.ceil(max(len(item.text), 1) / per_line) * size * 1.25


def _table_height(table, rows) -> float:
    widths = _widths(table.rows)
    return sum(max(math.ceil(max(len(cell), 1) * 0.55 * CELL / (w - 10)) for cell, w in zip(row, widths, strict=True))
               * CELL * 1.25 + 10 for row in rows)


def _widths(rows) -> list[float]:
    longest = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    total = WIDTH - 2 * MARGIN
    words = [max(len(word) for row in rows for word in row[c].split() or [""]) for c in range(len(rows[0]))]
    weights = [max(min(n, 60), 2.5 * w) + 6 for n, w in zip(longest, words, strict=True)]  # no word broken
    return [total * w / sum(weights) for w in weights]


def _slide(deck_):
    return deck_.slides.add_slide(deck_.slide_layouts[6])  # blank


def _box(slide, x, y, w, h, *, centre=False):
    frame = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h)).text_frame
    frame.word_wrap = True
    frame.centre = centre  # read by _para
    return frame


def _para(frame, spans, size, *, first=False, bold=False, right=False, breaks=False, centre=None):
    paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
    if centre or (centre is None and getattr(frame, "centre", False)):
        paragraph.alignment = 2
    if right:
        paragraph.alignment = 3
    for k, (part, is_bold) in enumerate(spans):
        if breaks and k:
            paragraph.add_line_break()
        run = paragraph.add_run()
        run.text = part
        run.font.size, run.font.bold, run.font.name = Pt(size), bold or is_bold, TITLE_FONT if size >= 24 else FONT
    return paragraph


def _flow(frame, block, bullets, *, first, gap=True, centre=False):
    for k, item in enumerate(block):
        if isinstance(item, Table):
            continue
        size = HEADING if item.kind == "heading" else BODY
        paragraph = _para(frame, item.spans, size, first=first and k == 0, bold=item.kind == "heading",
                          centre=centre and item.kind not in ("bullet", "numbered"))
        p_pr = paragraph._p.get_or_add_pPr()
        if k == 0 and not (first and k == 0) and gap:
            spacing = etree.SubElement(p_pr, _a("spcBef"))
            etree.SubElement(spacing, _a("spcPts")).set("val", str(int(BODY * 0.8 * 100)))
        if item.kind in ("bullet", "numbered"):
            indent = 22 + 24 * item.level
            p_pr.set("marL", str(Emu(Pt(indent)))), p_pr.set("indent", str(-Emu(Pt(20))))
            glyph, font = bullets[min(item.level, 1)]
            if item.marker:
                etree.SubElement(p_pr, _a("buFont")).set("typeface", FONT)
                number = etree.SubElement(p_pr, _a("buAutoNum"))
                number.set("type", "arabicPeriod"), number.set("startAt", item.marker[:-1])
            else:
                etree.SubElement(p_pr, _a("buFont")).set("typeface", font)
                etree.SubElement(p_pr, _a("buChar")).set("char", glyph)
        elif item.level:
            p_pr.set("marL", str(Emu(Pt(22))))


def _a(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/drawingml/2006/main}}{tag}"


def _table(slide, rows, top) -> None:
    widths = _widths(rows)
    shape = slide.shapes.add_table(len(rows), len(rows[0]), Pt(MARGIN), Pt(top), Pt(WIDTH - 2 * MARGIN),
                                   Pt(len(rows) * 20))
    for c, w in enumerate(widths):
        shape.table.columns[c].width = Pt(w)
    for cells, row in zip(rows, shape.table.rows, strict=True):
        row.height = Pt(CELL * 1.6)
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text
            cell.margin_top = cell.margin_bottom = Pt(3)
            for run in cell.text_frame.paragraphs[0].runs:
                run.font.size, run.font.name = Pt(CELL), FONT


def main(target: Path = FIXTURES / "impress_16x9.pdf") -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{target.stem}.pptx"
        deck().save(source)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", folder, str(source)], check=True, capture_output=True)
        shutil.copy(source.with_suffix(".pdf"), target)
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
