"""The US TIP Report tier table printed with one row per year and one column per country (settings:
`caption`; choose it with `builder: tiers_by_year_as_rows`): rows of the tier_placements dataset."""

import pandas as pd

from schemas.tier_placements import TIER_RANKS
from tip_gms import countries, parsing
from tip_gms.datasets import Context
from tip_gms.document import table_after


def build(context: Context) -> pd.DataFrame:
    document, table = table_after(context.source, context.setting("caption"))
    header = table.rows[0]
    named = [(cell, countries.iso3(cell, line=header.line)) for cell in header.cells[1:]]
    rows = []
    for row in table.body():
        year = parsing.year(row.label, column="year", line=row.line)
        for (country, iso3), cell in zip(named, row.cells[1:], strict=True):
            tier = parsing.tier(cell, line=row.line)
            rows.append({
                "iso3": iso3, "country": country, "year": year, "tier": tier, "tier_rank": TIER_RANKS[tier],
                "tier_as_printed": cell, "doc_id": document.doc_id, "source_line": row.line,
            })
    return pd.DataFrame(rows)
