"""A page's words, the reader's unit: taken once from pdfplumber (which gives dicts) into `Word`s, which every
pass reads. A page whose text comes from OCR gives its words here too, with what OCR knows of each."""

from __future__ import annotations

from dataclasses import dataclass

from tip_gms.errors import SourceError
from tip_gms.pdf import integrity
from tip_gms.pdf.settings import TOLERANCES


@dataclass(frozen=True, slots=True)
class Word:
    """A word where it is printed: its edges in PDF points from the page's top left (as pdfplumber gives them),
    its font, and its index among the page's words (None for a list marker the reader drew in from a shape).
    A word read by OCR also says how sure OCR was (`conf`, Tesseract's 0-100), where it stands in the page's
    image (`box`: x0, top, x1, bottom in pixels of the image as the scan holds it, before any upsampling or
    deskew) and which image that is (`image`: the sha256 of its pixels as stored); a typeset word has none."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    index: int | None
    conf: float | None = None
    box: tuple[int, int, int, int] | None = None
    image: str | None = None

    @property
    def cx(self) -> float:
        """The middle of the word, across."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """The middle of the word, down."""
        return (self.top + self.bottom) / 2


def page_words(page, path) -> list[Word]:
    """The words printed on a pdfplumber page, in pdfplumber's order, each with its index among them."""
    if len(page.chars) > integrity.LIMITS.chars_per_page:
        raise SourceError(f"source file {path}: page {page.page_number} prints {len(page.chars):,} characters, more "
                          f"than the limit of {integrity.LIMITS.chars_per_page:,} "
                          "(tip_gms.pdf.integrity.Limits.chars_per_page); is it the report?", page=page.page_number)
    # Letters further apart than a share of their size (letter_gap) belong to two words: the gap between two
    # table cells may be narrower than pdfplumber's default of 3 pt.
    found = page.extract_words(extra_attrs=["fontname", "size"], x_tolerance_ratio=TOLERANCES.letter_gap)
    return [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], w["fontname"], i)
            for i, w in enumerate(found)]
