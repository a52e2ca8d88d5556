"""Protection centers and shelters (settings: `caption`): one row per center and group of residents.

The 'Persons Staying' cell reads like 'Girls and young women; about 40-50% are non-Thai (majority from
Laos and Myanmar)': who stays, the printed range of non-Thai residents, and where most of them come from.
"""

import re

import pandas as pd

from tip_gms import items
from tip_gms.datasets import Context
from tip_gms.document import table_after
from tip_gms.errors import SourceError

# The table's columns, each recognised by the words its header starts with.
_HEADER = ("location", "name of the center", "persons staying")
_RESIDENTS = {"girls and young women": "girls_and_young_women", "boys": "boys"}
_SHARE = re.compile(r"(?P<min>\d+(?:\.\d+)?)(?:\s*-\s*(?P<max>\d+(?:\.\d+)?))?\s*%\s*are non-Thai", re.IGNORECASE)
_MAJORITY = re.compile(r"\(majority from (?P<names>[^)]+)\)", re.IGNORECASE)


def build(context: Context) -> pd.DataFrame:
    document, table = table_after(context.source, context.setting("caption"))
    header = table.rows[0]
    cells = [cell.casefold() for cell in header.cells]
    if len(cells) != len(_HEADER) or not all(map(str.startswith, cells, _HEADER)):
        raise SourceError(f"expected the columns {', '.join(_HEADER)}", column="header",
                          value=" | ".join(header.cells), line=header.line)
    rows = []
    for row in table.body():
        location, center_name, staying = row.cells
        who = staying.split(";")[0].strip().casefold()
        if who not in _RESIDENTS:
            raise SourceError(
                f"unknown group of residents; expected one of {sorted(_RESIDENTS)}",
                column="residents", value=staying, line=row.line,
            )
        share, majority = _SHARE.search(staying), _MAJORITY.search(staying)
        rows.append({
            "location": location, "center_name": center_name, "residents": _RESIDENTS[who],
            "non_thai_pct_min": float(share["min"]) if share else None,
            "non_thai_pct_max": float(share["max"] or share["min"]) if share else None,
            "majority_origin_iso3": items.iso3_list(items.names(majority["names"]), column="majority_origin_iso3",
                                                    line=row.line) if majority else None,
            "persons_staying_as_printed": staying, "doc_id": document.doc_id, "source_line": row.line,
        })
    return pd.DataFrame(rows)
