"""Thai women and children rescued abroad (MoSDHS): one row per destination and year.

The printed Total column and Total row are checks, not rows.
"""

import re

import pandas as pd

from tip_gms import countries, parsing
from tip_gms.document import Source, table_after
from tip_gms.findings import Findings

DATASET = "thai_victims_rescued"
CAPTION = "Thai Women and Children Rescued"
_TOTAL = "total"
_OTHER = re.compile(r"^other\b", re.IGNORECASE)  # an aggregate of countries: no ISO3 code


def build(source: Source, findings: Findings) -> pd.DataFrame:
    document, table = table_after(source, CAPTION)
    header = table.rows[0]
    *year_cells, last = header.cells[1:]
    has_total_column = last.casefold() == _TOTAL
    if not has_total_column:
        year_cells.append(last)
    years = [parsing.year(cell, column="year", line=header.line) for cell in year_cells]

    rows, total_row = [], None
    for row in table.body():
        if row.label.casefold() == _TOTAL:
            total_row = row
            continue
        iso3 = None if _OTHER.match(row.label) else countries.iso3(row.label, line=row.line, column="destination")
        values = []
        for year, cell in zip(years, row.cells[1 : 1 + len(years)], strict=True):
            persons, dash = parsing.count(cell, column=str(year), line=row.line)
            values.append(persons)
            rows.append({"destination": row.label, "destination_iso3": iso3, "year": year, "persons": persons,
                         "reported_as_dash": dash, "doc_id": document.doc_id, "source_line": row.line})
        if has_total_column:
            printed, _ = parsing.count(row.cells[-1], column="Total", line=row.line)
            findings.printed_total(
                f"{DATASET}.row_total.{row.label}", dataset=DATASET, doc_id=document.doc_id,
                what=f"Total column of row '{row.label}' (line {row.line})", printed=printed, parts=values,
                lines=[row.line],
            )
    frame = pd.DataFrame(rows)
    if total_row is not None:
        labels = [*map(str, years), *(["Total"] if has_total_column else [])]
        for label, cell in zip(labels, total_row.cells[1:], strict=True):
            printed, _ = parsing.count(cell, column=label, line=total_row.line)
            parts = frame.loc[frame["year"] == int(label), "persons"] if label != "Total" else frame["persons"]
            findings.printed_total(
                f"{DATASET}.column_total.{label}", dataset=DATASET, doc_id=document.doc_id,
                what=f"Total row, column {label} (line {total_row.line})", printed=printed,
                parts=parts.tolist(), lines=[total_row.line, *frame["source_line"]],
            )
    return frame
