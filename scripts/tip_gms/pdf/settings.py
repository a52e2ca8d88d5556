"""The reader's settings: every tolerance in one object (as pdfplumber's TableSettings holds its table
finder's), and the rules of reading (READING) and of dropping words (DROPPED) that the codebook prints, which
quote those tolerances rather than restate them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerances:
    """Every tolerance the reader uses, in one place: READING quotes these values (as pdfplumber's
    TableSettings holds its finder's)."""

    letter_gap: float = 0.15  # font sizes: letters further apart belong to two words
    column_gap: float = 0.6  # font sizes: a wider gap separates two cells
    space: float = 0.35  # font sizes: words closer than this stand in one column of a table without rules
    block_gap: float = 0.5  # font sizes: a wider vertical gap between two lines is a blank line
    larger: float = 1.15  # a line printed this much larger than the body text is a heading
    same_x: float = 1.5  # points: left edges or centres this close are aligned
    furniture_lines: int = 2  # running headers and footers are among the first and last lines of a page


TOLERANCES = Tolerances()
_T = TOLERANCES

# How the reader rebuilds the text's lines: the codebook prints these, in this order.
READING = {
    "ruled table": "Cells bounded by rules (pdfplumber's table finder; a white background without an outline is no "
                   "rule) are a table; each row is one line, its cells joined by tabs. A cell's words over several "
                   "lines are one cell. A table cut by a page break, whose vertical rules end without a horizontal "
                   "one, is closed there; a row between two horizontal rules of the same extent, joined by a rule "
                   "between two of its cells, is closed at both ends. A cell that spans columns (no rules between "
                   f"them) and whose words stand apart in columns (a gap wider than {_T.column_gap} of the font size)"
                   " holds one cell per column, each word in the column it stands in. A cell of two or more lines "
                   "that are each a number holds that many rows, for a number does not wrap: each word goes to the "
                   "row of the line it stands on. Tables side by side, framed as one, are split at a column empty in"
                   " every row that no cell spans, where each has two columns or more. A word inside a table but in "
                   "none of its cells is read in the row and column it stands in, and the reading log says so (page "
                   "and word).",
    "unruled table": f"Two or more lines whose words stand in columns (a gap wider than {_T.column_gap} of the "
                     "font size, "
                     "where not all gaps are alike as in justified text, or two words that far apart), "
                     "less than two lines apart, are a table without rules if they form two columns or more; "
                     "its columns are where its words "
                     f"stand, apart by more than a space ({_T.space} of the font size) in all of its lines. A line "
                     "whose first cell is empty and that fills fewer than half of the columns, each under a "
                     "filled cell, is a wrapped cell of the row above. A line of one run of words in the first "
                     "column, between two rows, is a row that holds only a label (a category, 'Actual'). "
                     "Lines atop the first row whose first cell is empty and that stand as close to the line "
                     "below as the lines of one cell, each run of their words over one run of that line's, are "
                     "its header cells wrapped and aligned to the bottom.",
    "table across pages": "A table that ends a page and a table (or lines in its columns) that starts the next "
                          "one, with as many columns, are one table. Rows at the top of the later page equal to "
                          "the table's first rows are its header repeated (dropped); a first row whose first "
                          "cell is empty is the rest of a row split by the page break, and is joined to it; a "
                          "first row that begins with every cell of the row cut at the foot of the page before "
                          "is that row printed whole again, and replaces it. A "
                          "table followed across a page break by a table of another width is read as two tables, "
                          "and the reading log says so (page and widths).",
    "list bullet": "A line that starts with a bullet glyph (such as •, ◦, ▪, ‣, –, any glyph of a symbol "
                   "font or of Unicode's private use area; or any other symbol, or an 'o', set apart from the "
                   "text like a marker) or with a small square or round shape drawn just left of its first word "
                   "is a list item, read as '- ' and the text.",
    "nesting": "A line indented from the left edge of the text by more than half its font size starts with "
               "a space, as a nested item does in the text source.",
    "wrapped line": "A line that filled the width of the text (the next line's first word would not have fit "
                    "after it) and is followed by one at its indent (or at the hanging indent after its list "
                    "marker, or centred like it) is one line with it, also across a page break (but "
                    "not where a paragraph's line ends a sentence and the next page starts with a capital).",
    "word broken at a line end": "Where a wrapped line or a cell's line ends in a hyphen inside a word (not a "
                                 "dash standing alone), the next part is joined without a space ('Inter-' + "
                                 "'Ministerial' is 'Inter-Ministerial', '(-' + '2010)' is '(-2010)'), and so is "
                                 "the rest of a word too long for its table cell (a line of one word about as "
                                 "wide as the cell, ending in a letter or digit, unless it ends in a small letter "
                                 "and the next part does not start with one: 'Suppression' + 'Act.' is two "
                                 "words), and so is a slash between letters ('Centers/' + 'shelters' is "
                                 "'Centers/shelters'); other parts are joined with one "
                                 "space, as is a hyphen left hanging before 'and', 'or', 'nor' or 'to' ('women- "
                                 "and children-trafficking'). A PDF does not say whether the text had a space "
                                 "after any other hyphen ('inter- ministerial'), or after a slash before a "
                                 "letter: broken there, it reads without one ('No. 5/ 2005', before a digit, "
                                 "keeps its space).",
    "block": f"A vertical gap wider than {_T.block_gap} of the font size, and a page break that neither a "
             "wrapped line nor a table crosses, is a blank line (a new block).",
    "heading": f"Where the PDF uses more than one font size, a line printed more than {_T.larger} times larger "
               "than the body text (the size most text is printed in, in the whole PDF or, where smaller, on its "
               "page), or a line all in bold that is not a list item, is a heading.",
}
# Words the reader drops, each by a named rule; anything else on a page reaches a line.
DROPPED = {
    "running header or footer": "A line among the first or last two of its page whose text, with every number "
                                "masked, recurs at the same height on more than half of the pages: page "
                                "headers, footers and page numbers ('Page 3 of 30', '3/30', '- 3 -').",
    "repeated table header": "The header rows of a table repeated at the top of a page it continues on.",
}
