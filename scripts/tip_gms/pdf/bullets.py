"""List bullets (READING 'list bullet'), printed as glyphs or drawn as shapes, read as the text's '-'; and the
words whose glyphs the PDF gives no characters for, refused once the bullets among them are read."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from tip_gms.errors import SourceError
from tip_gms.pdf.layout import Page
from tip_gms.pdf.settings import TOLERANCES as _T
from tip_gms.pdf.words import Word

_SYMBOL_FONT = re.compile(r"symbol|dingbat|wingding|webding|cmsy|msam", re.IGNORECASE)
_UNMAPPED = re.compile(r"^\(cid:\d+\)$")  # a glyph the PDF gives no character for, as pdfminer names it
_BULLETS = set("•◦▪▫■□●○‣⁃∙·–—➢➤►▶▸▹✓✔❖◆◇*-")


def shapes(page) -> list[tuple[float, float, float, float]]:
    """The small squares and discs drawn on a pdfplumber page (x0, top, x1, bottom): possible bullets."""
    return [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in (*page.rects, *page.curves)
            if 1.5 < o["width"] < 9 and 1.5 < o["height"] < 9 and abs(o["width"] - o["height"]) < 1]


def find_bullets(page: Page) -> None:
    """Read list bullets, printed as glyphs or drawn as shapes, as the text's '-' (READING 'list bullet')."""
    for line in page.lines:
        if line.table is not None:
            continue
        first = line.words[0]
        if len(line.words) > 1 and _is_bullet_glyph(first, line.words[1]):
            line.words[0] = dataclasses.replace(first, text="-", fontname="marker")
            line.bullet = True
            continue
        shape = next((s for s in page.shapes if s[2] <= first.x0 and first.x0 - s[2] < 2.5 * first.size
                      and line.top <= (s[1] + s[3]) / 2 <= line.bottom), None)
        if shape is not None:
            marker = dataclasses.replace(first, text="-", x0=shape[0], x1=shape[2], fontname="marker", index=None)
            line.words.insert(0, marker)
            line.bullet = True


def refuse_unmapped(page: Page, path) -> None:
    """Stop at words whose glyphs the PDF gives no characters for (pdfminer's '(cid:12)', or Unicode's private
    use area), once the bullets among them are read: their text would be garbage in the datasets."""
    words = [w for line in page.lines for w in (line.table.words if line.table else line.words)
             if w.fontname != "marker"]
    unmapped = [w for w in words if "(cid:" in w.text or any(unicodedata.category(c) == "Co" for c in w.text)]
    if unmapped:
        shown = " ".join(w.text for w in unmapped[:5])[:120]
        raise SourceError(f"source file {path}: page {page.number} prints {len(unmapped)} word(s) in glyphs that the "
                          f"PDF gives no characters for ({shown!r}, font {unmapped[0].fontname}): their text cannot "
                          "be read. Make the PDF again with fonts that map their glyphs to Unicode (most typesetters "
                          "do), or use the text source", page=page.number)


def _is_bullet_glyph(word: Word, after: Word) -> bool:
    text = word.text
    if _UNMAPPED.match(text):
        return bool(_SYMBOL_FONT.search(word.fontname))
    set_apart = after.x0 - word.x1 > _T.column_gap * word.size
    if len(text) == 1 and (not text.isalnum() or text == "o") and set_apart:  # 'o': a word processor's bullet
        return True
    return len(text) == 1 and (text in _BULLETS or unicodedata.category(text) == "Co"  # Unicode's private use
                               or bool(_SYMBOL_FONT.search(word.fontname)))
