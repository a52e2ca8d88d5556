"""A typesetter's layout drawn at random from a seed, for the randomised renditions (random_*.py).

Typesetters differ in spacing, wrapping, alignment and page breaks far more than a few fixed files show, so
each randomised rendition draws its layout from a seeded `random.Random`: the same seed gives the same
layout (and, with the same engine, the same PDF), so a failing draw can be made again from its seed.

What is drawn, and within which bounds: a bound is where a reader of the printed page could still tell the
text's structure (a heading must be larger or bold; blocks must stand further apart than lines).
`features` switches off a feature the PDF reader does not read yet (see FEATURES).
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

# Page sizes in mm (width, height).
PAGES = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4), "16:9": (254.0, 142.9)}
SERIF, SANS = "serif", "sans"
RULES = ("all", "outer", "horizontal", "none")  # which rules a table draws
VALIGNS = ("top", "middle", "bottom")
MARKERS = ("disc", "circle", "square", "dash")
# Layout features that can be switched off, each a way typesetters differ that a rendition may show.
FEATURES = {
    "narrow_columns": "table columns narrower than their longest cell, so that header and body cells wrap",
    "title_split": "each line of a title its own paragraph, with paragraph spacing between",
    "heading_split": "a country's heading and its first numbered section heading as separate paragraphs, as in "
                     "the text (else one heading of two lines)",
    "unruled_tables": "tables drawn without rules",
    "partial_rules": "tables drawn with outer rules only or horizontal rules only",
    "slide_pages": "16:9 pages (else A4 or Letter), where long tables run over three pages or more",
    "forced_table_breaks": "a page break forced between two rows of a long table (else only where the page ends)",
    "cell_valign": "table cells aligned to the top, middle or bottom",
    "running_furniture": "a running header and footer on every page",
    "asymmetric_margins": "left and right margins of different widths (else alike)",
    "odd_marker_size": "list bullets in a size of their own (reportlab's 10 pt), not the text's",
    "loose_lines": "a line height of 1.3 to 1.6 (else 1.05 to 1.3): lines of a paragraph stand further apart",
}


_RULE_FEATURES = {"all": None, "outer": "partial_rules", "horizontal": "partial_rules", "none": "unruled_tables"}


@dataclass(frozen=True)
class Layout:
    seed: int
    page: str  # a key of PAGES
    margins: tuple[float, float, float, float]  # mm: top, right, bottom, left
    body_font: str  # SERIF or SANS
    heading_font: str
    body_size: float  # pt
    heading_scale: float  # a heading's size, as a multiple of the body's
    heading_bold: bool
    title_scale: float
    line_height: float  # as a multiple of the font size
    space_before: float  # a paragraph's spacing before and after, in em (inside a block of the text)
    space_after: float
    block_gap: float  # em between blocks (a blank line of the text)
    title_split: bool
    heading_split: bool
    marker: str  # a key of MARKERS: the bullet of a list
    list_indent: float  # em
    cell_size: float  # pt
    cell_padding: tuple[float, float]  # pt: vertical, horizontal
    valign: str  # a key of VALIGNS
    rules: str  # a key of RULES
    column_scale: float  # column widths as a share of their natural width (below 1: cells wrap)
    header_repeated: bool  # a table's header printed again on every page it runs onto
    rows_break: bool  # a row may break across a page
    table_break_at: float  # where in a table the first page break is forced (0: none), as a share of its rows
    running_header: bool
    running_footer: bool
    odd_marker_size: bool  # reportlab only

    @classmethod
    def draw(cls, seed: int, features: frozenset[str] = frozenset(FEATURES)) -> Layout:
        rnd = random.Random(seed)
        page = rnd.choice([page for page in sorted(PAGES) if page != "16:9" or "slide_pages" in features])
        short = PAGES[page][1] < 200  # a slide: smaller margins and type
        top, right, bottom, left = (round(rnd.uniform(10, 18 if short else 28), 1) for _ in range(4))
        margins = (top, right, bottom, left if "asymmetric_margins" in features else right)
        body_size = round(rnd.uniform(9, 11 if short else 12), 1)
        heading_bold = rnd.random() < 0.7
        # Not bold, a heading must be plainly larger than the body text to be one.
        heading_scale = round(rnd.uniform(1.1 if heading_bold else 1.3, 1.7), 2)
        furniture = "running_furniture" in features
        loose = "loose_lines" in features and rnd.random() < 0.4
        return cls(
            seed=seed, page=page, margins=margins,
            body_font=rnd.choice((SERIF, SANS)), heading_font=rnd.choice((SERIF, SANS)),
            body_size=body_size, heading_scale=heading_scale, heading_bold=heading_bold,
            title_scale=round(rnd.uniform(max(heading_scale, 1.4), 2.2), 2),
            line_height=round(rnd.uniform(1.3, 1.6) if loose else rnd.uniform(1.05, 1.3), 2),
            space_before=round(rnd.uniform(0, 0.8), 2), space_after=round(rnd.uniform(0, 0.8), 2),
            block_gap=round(rnd.uniform(0.8, 1.6), 2),
            title_split="title_split" in features and rnd.random() < 0.5,
            heading_split="heading_split" in features and rnd.random() < 0.5,
            marker=rnd.choice(MARKERS), list_indent=round(rnd.uniform(1.0, 2.5), 2),
            cell_size=round(rnd.uniform(7.5, min(body_size, 10)), 1),
            cell_padding=(round(rnd.uniform(1, 8), 1), round(rnd.uniform(2, 8), 1)),
            valign=rnd.choice(VALIGNS) if "cell_valign" in features else "top",
            rules=rnd.choice([rule for rule in RULES if _RULE_FEATURES[rule] in features | {None}]),
            column_scale=round(rnd.uniform(0.45, 1.0), 2) if "narrow_columns" in features else 1.0,
            header_repeated=rnd.random() < 0.5, rows_break=rnd.random() < 0.5,
            table_break_at=round(rnd.choice((0, 0, rnd.uniform(0.2, 0.8))), 2) if "forced_table_breaks" in features
            else 0,
            running_header=furniture and rnd.random() < 0.7, running_footer=furniture and rnd.random() < 0.8,
            odd_marker_size="odd_marker_size" in features and rnd.random() < 0.5,
        )

    @property
    def size_mm(self) -> tuple[float, float]:
        return PAGES[self.page]

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items() if k != "seed")
# The features the PDF reader (tip_gms.pdf) does not read yet, each with what it does to a rendition: the
# in-suite renditions are drawn without them (tests/test_random_renditions.py); `make renditions-check`
# draws them all.
NOT_READ_YET = {
    "odd_marker_size": "a list item whose bullet is printed larger than its text: its wrapped lines are not "
                       "joined to it (the line's size is taken from its first words, the bullet among them)",
    "unruled_tables": "in a table without rules, a header row whose cells stand at equal gaps is read as "
                      "justified text, and cells that wrap are read as rows of their own",
    "slide_pages": "a table over three pages: the part on its third page is not joined to it (the join looks "
                   "for the table on the page before, but finds it under the page its first part is on)",
    "forced_table_breaks": "a table over three pages, as for slide_pages",
    "asymmetric_margins": "a line that wraps short of the page's width less its left margin is not seen as "
                          "filling the width, so it is not joined to the line it wraps onto",
    "partial_rules": "a table with horizontal rules only, or only a frame, is not found as one table: its "
                     "header, or its rows, are read as lines of text",
    "narrow_columns": "header and body cells that wrap onto a second line are read as rows of their own",
}
READ_TODAY = frozenset(FEATURES) - set(NOT_READ_YET)
