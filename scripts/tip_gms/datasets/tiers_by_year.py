"""The US TIP Report tier table (settings: `caption`): one row per country and report year; the years are
the header's columns."""

import pandas as pd

from schemas.tier_placements import TIER_RANKS
from tip_gms import countries, parsing
from tip_gms.datasets import Context
from tip_gms.document import table_after


def build(context: Context) -> pd.DataFrame:
    document, table = table_after(context.source, context.setting("caption"))
    header = table.rows[0]
    years = [parsing.year(cell, column="year", line=header.line) for cell in header.cells[1:]]
    rows = []
    for row in table.body():
        iso3 = countries.iso3(row.label, line=row.line)
        for year, cell in zip(years, row.cells[1:], strict=True):
            tier = parsing.tier(cell, line=row.line)
            rows.append({
                "iso3": iso3, "country": row.label, "year": year, "tier": tier, "tier_rank": TIER_RANKS[tier],
                "tier_as_printed": cell, "doc_id": document.doc_id, "source_line": row.line,
            })
    return pd.DataFrame(rows)
