"""Tables across pages (READING 'table across pages'): a table that ends a page and the table that starts the
next one with as many columns are one, its header repeated there dropped (DROPPED 'repeated table header')."""

from __future__ import annotations

from tip_gms.pdf.breaks import joined
from tip_gms.pdf.layout import Line, Page


def join_tables(pages: list[Page]) -> list[Line]:
    """Every page's lines in order, a table continued on the next page joined to it (READING 'table across
    pages')."""
    out: list[Line] = []
    for page in pages:
        lines = list(page.lines)
        last = out[-1] if out else None
        if last is not None and last.table is not None and (last.ends_on or last.page) == page.number - 1 \
                and lines and lines[0].table is not None:
            earlier, later = last.table, lines[0].table
            if later.width != earlier.width:  # read as two tables, and said so
                page.notes.append((page.number, f"the table at the foot of page {page.number - 1} ({earlier.width} "
                                                f"columns) is followed at the top of page {page.number} by a table "
                                                f"of {later.width} columns: read as two tables"))
                out += lines
                continue
            rows = later.rows
            repeated = 0
            while repeated < min(len(rows), len(earlier.rows) - 1) and rows[repeated] == earlier.rows[repeated]:
                repeated += 1
            page.dropped_lines += [("repeated table header", "\t".join(row)) for row in rows[:repeated]]
            rows = rows[repeated:]
            earlier.row_words = [earlier.words_of(k) for k in range(len(earlier.rows))]
            row_words = [later.words_of(k) for k in range(len(later.rows))][repeated:]
            if rows and not rows[0][0]:  # the rest of a row split by the page break
                earlier.rows[-1] = [joined([a, b]) if b else a for a, b in zip(earlier.rows[-1], rows[0], strict=True)]
                earlier.row_words[-1] = earlier.row_words[-1] + row_words[0]
                rows, row_words = rows[1:], row_words[1:]
            elif rows and all(b.startswith(a) for a, b in zip(earlier.rows[-1], rows[0], strict=True)):
                earlier.rows.pop()  # a row cut at the foot of the page and printed whole again on the next
                earlier.row_words.pop()
            earlier.continued |= {len(earlier.rows) + k: page.number for k in range(len(rows))}
            earlier.rows += rows
            earlier.row_words += row_words
            last.ends_on = page.number
            lines = lines[1:]
        out += lines
    return out
