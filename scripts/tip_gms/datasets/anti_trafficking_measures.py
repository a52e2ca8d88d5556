"""The 'Main Measures taken to Combat Trafficking' table: one row per country and measure area."""

import pandas as pd

from tip_gms import countries
from tip_gms.document import Source, table_after
from tip_gms.errors import SourceError
from tip_gms.findings import Findings

CAPTION = "Main Measures taken to Combat Trafficking"
# Each column header is recognised by a phrase it contains.
_AREAS = {
    "legal framework": "legal_framework",
    "national policy": "national_policy",
    "national fp": "focal_point_mechanism",
    "social delivery": "social_delivery",
}


def _area(header: str, line: int) -> str:
    matches = [area for phrase, area in _AREAS.items() if phrase in header.casefold()]
    if len(matches) != 1:
        raise SourceError(
            f"unknown column; expected a header containing one of {sorted(_AREAS)}",
            column="measure_area", value=header, line=line,
        )
    return matches[0]


def build(source: Source, findings: Findings) -> pd.DataFrame:
    document, table = table_after(source, CAPTION)
    header = table.rows[0]
    areas = [_area(cell, header.line) for cell in header.cells[1:]]
    rows = []
    for row in table.body():
        iso3 = countries.iso3(row.label, line=row.line)
        for area, text in zip(areas, row.cells[1:], strict=True):
            if not text:
                raise SourceError("empty cell", column=area, value=text, line=row.line)
            rows.append({"iso3": iso3, "country": row.label, "measure_area": area, "text": text,
                         "doc_id": document.doc_id, "source_line": row.line})
    return pd.DataFrame(rows)
