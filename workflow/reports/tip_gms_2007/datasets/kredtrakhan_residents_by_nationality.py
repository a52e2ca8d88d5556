"""Residents of a center by nationality (settings: `caption`): one row per nationality, month and category.

The table has two header rows: the category ('Trafficked Victims', 'Others', 'Total Number (%)') and the
month ('Oct.2005'). The printed Total row is a check, not a row.
"""

import pandas as pd

from tip_gms import countries, parsing
from tip_gms.datasets import Context, PrintedTotal
from tip_gms.document import table_after
from tip_gms.errors import SourceError

_CATEGORIES = {"trafficked victims": "trafficked_victims", "others": "others", "total number": "total"}


def _category(cell: str, line: int) -> str:
    key = cell.split("(")[0].strip().casefold()
    if key not in _CATEGORIES:
        raise SourceError(
            f"unknown column; expected one of {sorted(_CATEGORIES)}", column="category", value=cell, line=line
        )
    return _CATEGORIES[key]


def build(context: Context) -> pd.DataFrame:
    document, table = table_after(context.source, context.setting("caption"))
    categories_row, months_row = table.rows[0], table.rows[1]
    columns = [
        (_category(category, categories_row.line), parsing.month(month, column="as_of", line=months_row.line))
        for category, month in zip(categories_row.cells[1:], months_row.cells[1:], strict=True)
    ]
    rows = []
    body, total_row = table.body_and_total(header_rows=2)
    for row in body:
        iso3 = countries.iso3(row.label, line=row.line, column="nationality")
        for (category, as_of), cell in zip(columns, row.cells[1:], strict=True):
            persons, dash, share = parsing.count_with_share(cell, column=category, line=row.line)
            rows.append({
                "nationality": row.label, "iso3": iso3, "as_of": as_of, "category": category, "persons": persons,
                "reported_as_dash": dash, "share_pct_reported": share,
                "doc_id": document.doc_id, "source_line": row.line,
            })
    frame = pd.DataFrame(rows)
    if total_row is not None:
        for (category, as_of), cell in zip(columns, total_row.cells[1:], strict=True):
            printed, _, _ = parsing.count_with_share(cell, column=category, line=total_row.line)
            parts = frame[(frame["category"] == category) & (frame["as_of"] == as_of)]
            context.totals.append(PrintedTotal(
                f"{context.name}.column_total.{category}.{as_of:%Y-%m}", context.name, document.doc_id,
                f"Total row, {category} in {as_of:%b %Y} (line {total_row.line})", printed,
                parts["persons"].tolist(), [total_row.line, *parts["source_line"]],
            ))
    # Where a month is split into categories, its total must be the sum of the others.
    for (iso3, as_of), group in frame.groupby(["iso3", "as_of"], sort=True):
        by_category = dict(zip(group["category"], group["persons"], strict=True))
        if "total" in by_category and len(by_category) > 1:
            context.totals.append(PrintedTotal(
                f"{context.name}.row_total.{iso3}.{as_of:%Y-%m}", context.name, document.doc_id,
                f"{group['nationality'].iloc[0]} in {as_of:%b %Y}: total against its categories",
                by_category.pop("total"), list(by_category.values()), group["source_line"].tolist(),
            ))
    return frame
