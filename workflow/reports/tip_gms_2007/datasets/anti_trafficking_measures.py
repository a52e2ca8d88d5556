"""The table of the main measures each country takes (settings: `caption`): one row per country and measure
area. Its column headers name the areas in the words the config lists under `measure_areas`."""

import pandas as pd

from tip_gms import countries
from tip_gms.datasets import Context
from tip_gms.document import table_after
from tip_gms.errors import SourceError


def build(context: Context) -> pd.DataFrame:
    document, table = table_after(context.source, context.setting("caption"))
    header = table.rows[0]
    areas = []
    for cell in header.cells[1:]:
        area = context.report.measure_area(cell)
        if area is None:
            raise SourceError(f"unknown column; expected a header naming one of {sorted(context.report.measure_areas)} "
                              "in the words the config's `measure_areas` lists", column="measure_area", value=cell,
                              line=header.line)
        areas.append(area)
    rows = []
    for row in table.body():
        iso3 = countries.iso3(row.label, line=row.line)
        for area, text in zip(areas, row.cells[1:], strict=True):
            if not text:
                raise SourceError("empty cell", column=area, value=text, line=row.line)
            rows.append({"iso3": iso3, "country": row.label, "measure_area": area, "text": text,
                         "doc_id": document.doc_id, "source_line": row.line})
    return pd.DataFrame(rows)
