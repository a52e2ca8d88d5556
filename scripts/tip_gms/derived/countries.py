"""The countries the datasets refer to (a derived dataset): every code of every column that references
`countries`, with ISO names, UN regions and the names the report prints beside the code."""

from collections.abc import Mapping, Sequence

import pandas as pd
import pyarrow as pa
import pycountry
from countryinfo import CountryInfo

from tip_gms.datasets import schema
from tip_gms.errors import SourceError
from tip_gms.reports import Report
from tip_gms.shapes import shape


def _seen(tables: Mapping[str, pa.Table]) -> pd.DataFrame:
    """(iso3, name as printed, doc_id, source_line, source_page) for every code in every referencing column."""
    rows = []
    for name, table in tables.items():
        frame = table.to_pandas()
        declared = schema(name).to_schema().columns
        for column in shape(name, schema(name)).columns:
            if column.references != "countries":
                continue
            # the column of the name printed beside the code: declared by the schema, else `country` beside
            # `iso3` and `<x>` beside `<x>_iso3`
            base = column.name.removesuffix("_iso3") if column.name != "iso3" else "country"
            printed = (declared[column.name].metadata or {}).get("printed_in", base)
            printed = printed if printed in frame else None
            for _, row in frame.dropna(subset=[column.name]).iterrows():
                codes = row[column.name].split(column.separator) if column.separator else [row[column.name]]
                names = [row[printed] if printed and len(codes) == 1 else None] * len(codes)
                rows += [(code, label, row["doc_id"], row["source_line"], row["source_page"])
                         for code, label in zip(codes, names, strict=True)]
    return pd.DataFrame(rows, columns=["iso3", "printed", "doc_id", "source_line", "source_page"])


def derive(tables: Mapping[str, pa.Table], reports: Sequence[Report], inputs: Mapping[str, str]) -> pd.DataFrame:
    seen = _seen(tables).sort_values("source_line", kind="stable")
    regions = [report.region for report in reports if report.region]
    rows = []
    for iso3, group in seen.groupby("iso3", sort=True):
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:
            raise SourceError("not an ISO 3166-1 alpha-3 code", column="iso3", value=iso3,
                              line=int(group["source_line"].iloc[0]), dataset="countries")
        info = CountryInfo(iso3)
        printed = list(dict.fromkeys(group["printed"].dropna()))
        rows.append({
            "iso3": iso3, "name": country.name, "names_as_printed": ";".join(printed) or None,
            "region": info.region(), "subregion": info.subregion(),
            "regions": ";".join(dict.fromkeys((r.named_as or (r.name,))[0] for r in regions if iso3 in r.countries))
            or None,
            "doc_id": group["doc_id"].iloc[0], "source_line": int(group["source_line"].iloc[0]),
            "source_page": group["source_page"].iloc[0],
        })
    return pd.DataFrame(rows)
