"""Reading a PDF source (pdfplumber) into the lines the text reader gives, so every builder reads either.

A PDF has no lines, only words and shapes where a typesetter put them. The reader rebuilds the text's lines
by the rules in READING (printed in the codebook, "Reading PDF sources"), page by page, top to bottom:
table rows with their cells joined by tabs, list items starting "- " (nested ones " - "), wrapped lines
joined again, and a blank line wherever the text has a gap between blocks. Words that are not content
(running page headers and footers, page numbers, a table's header repeated on the page it continues on) are
dropped by the rules in DROPPED, and every word on every page is accounted for: a word that reaches neither
a line nor a dropping rule stops the run, naming its page. Layout that the rules cannot read as they say (a
word in a table but in none of its cells, a table whose width changes across a page break) is no reason to
stop: it is read as well as it can be and logged (logger `tip_gms.pdf`), naming the page.

Each line carries its page, its number on the page, whether it starts in bold, and, where the PDF uses more
than one font size, whether it is printed larger than the body text (a heading).

`python -m tip_gms.pdf FILE.pdf [--pages 3-5]` prints the lines with their numbers and pages, which is what
`source_line` and `source_page` refer to for a PDF source, and then what was dropped, by which rule; with
`--tables`, the tables it found (`tables`), as JSON, so that anyone can score them.

One module a pass, in the order they run (`reading` runs them): `integrity` (the damage gate), `words` (a
page's words, as `Word`s), `ruled` (tables bounded by rules), `furniture` (running headers and footers),
`bullets`, `unruled` (tables without rules), `continued` (tables across pages), `lines` (wrapped lines joined,
blocks, numbering); beneath them `settings` (the tolerances, READING and DROPPED), `layout` (the page, its
lines and tables' grids that the passes hand on) and `breaks` (text broken over lines, joined again).
"""

from tip_gms.pdf.reading import Table, located, read, tables
from tip_gms.pdf.settings import DROPPED, READING, TOLERANCES

__all__ = ["DROPPED", "READING", "TOLERANCES", "Table", "located", "read", "tables"]
