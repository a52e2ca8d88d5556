"""A table of counts by row and year (persons by destination and year; settings: `caption`): one row per
destination and year. The printed Total column and Total row are checks, not rows."""

import re

import pandas as pd

from tip_gms import countries, parsing
from tip_gms.datasets import Context, PrintedTotal
from tip_gms.document import TOTAL, table_after

_OTHER = re.compile(r"^other\b", re.IGNORECASE)  # an aggregate of countries: no ISO3 code


def build(context: Context) -> pd.DataFrame:
    document, table = table_after(context.source, context.setting("caption"))
    header = table.rows[0]
    *year_cells, last = header.cells[1:]
    has_total_column = last.casefold() == TOTAL
    if not has_total_column:
        year_cells.append(last)
    years = [parsing.year(cell, column="year", line=header.line) for cell in year_cells]

    def total(check: str, what: str, printed: str, column: str, line: int, parts, lines) -> PrintedTotal:
        value, _ = parsing.count(printed, column=column, line=line)
        return PrintedTotal(f"{context.name}.{check}", context.name, document.doc_id, what, value, list(parts),
                            list(lines))

    rows = []
    body, total_row = table.body_and_total()
    for row in body:
        iso3 = None if _OTHER.match(row.label) else countries.iso3(row.label, line=row.line, column="destination")
        values = []
        for year, cell in zip(years, row.cells[1 : 1 + len(years)], strict=True):
            persons, dash = parsing.count(cell, column=str(year), line=row.line)
            values.append(persons)
            rows.append({"destination": row.label, "destination_iso3": iso3, "year": year, "persons": persons,
                         "reported_as_dash": dash, "doc_id": document.doc_id, "source_line": row.line})
        if has_total_column:
            what = f"Total column of row '{row.label}' (line {row.line})"
            context.totals.append(total(f"row_total.{row.label}", what, row.cells[-1], "Total", row.line, values,
                                        [row.line]))
    frame = pd.DataFrame(rows)
    if total_row is not None:
        labels = [*map(str, years), *(["Total"] if has_total_column else [])]
        for label, cell in zip(labels, total_row.cells[1:], strict=True):
            parts = frame.loc[frame["year"] == int(label), "persons"] if label != "Total" else frame["persons"]
            context.totals.append(total(f"column_total.{label}", f"Total row, column {label} (line {total_row.line})",
                                        cell, label, total_row.line, parts, [total_row.line, *frame["source_line"]]))
    return frame
