"""Summary indicators: SQL from workflow/indicators.yaml (the publish rule's input `indicators`) run over the
other datasets (a derived dataset, built from the staged tables of every source rather than from one source).
An indicator whose datasets no source builds has no rows."""

from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from tip_gms import yamlfile
from tip_gms.errors import SourceError

_COLUMNS = ["breakdown", "iso3", "period", "value", "value_text", "doc_id", "source_lines"]


def definitions(path: str | Path) -> list[dict]:
    """The indicators' definitions (beside the workflow's config: which indicators a report's datasets give is
    knowledge about the report)."""
    return yamlfile.load(path)


def derive(tables: Mapping[str, pa.Table], reports: Sequence, inputs: Mapping[str, str]) -> pd.DataFrame:
    frames = []
    with duckdb.connect() as connection:
        for name, table in tables.items():
            connection.register(name, table)
        for indicator in definitions(inputs["indicators"]):
            if not set(indicator["inputs"]) <= set(tables):
                continue
            frame = connection.execute(indicator["sql"]).df()[_COLUMNS]
            frames.append(frame.assign(
                indicator_id=indicator["id"], unit=indicator["unit"], definition=indicator["definition"],
                inputs=";".join(indicator["inputs"]),
                source_line=[int(lines[0]) for lines in frame["source_lines"]],
                source_lines=[";".join(map(str, lines)) for lines in frame["source_lines"]],
                source_page=None,  # a value computed from several lines has no one page
            ))
    if not frames:
        raise SourceError("no indicator can be computed: no source builds the datasets workflow/indicators.yaml "
                          "reads", dataset="indicators")
    indicators = pd.concat(frames, ignore_index=True)
    return indicators.sort_values(["doc_id", "indicator_id", "breakdown", "period"], kind="stable", ignore_index=True)
