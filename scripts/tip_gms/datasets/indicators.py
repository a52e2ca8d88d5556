"""Summary indicators: SQL from indicators.yaml run over the other datasets (a derived dataset, built from
the staged tables of every source rather than from one source)."""

from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import yaml

from tip_gms.errors import SourceError

REGISTRY = Path(__file__).parents[1] / "indicators.yaml"
_COLUMNS = ["breakdown", "iso3", "period", "value", "value_text", "doc_id", "source_lines"]


def definitions() -> list[dict]:
    return yaml.safe_load(REGISTRY.read_text())


def derive(tables: Mapping[str, pa.Table]) -> pd.DataFrame:
    frames = []
    with duckdb.connect() as connection:
        for name, table in tables.items():
            connection.register(name, table)
        for indicator in definitions():
            missing = set(indicator["inputs"]) - set(tables)
            if missing:
                raise SourceError(f"indicator {indicator['id']} reads datasets that were not built: {sorted(missing)}; "
                                  "add them to a source's datasets in workflow/config.yaml", dataset="indicators")
            frame = connection.execute(indicator["sql"]).df()[_COLUMNS]
            frames.append(frame.assign(
                indicator_id=indicator["id"], unit=indicator["unit"], definition=indicator["definition"],
                inputs=";".join(indicator["inputs"]),
                source_line=[int(lines[0]) for lines in frame["source_lines"]],
                source_lines=[";".join(map(str, lines)) for lines in frame["source_lines"]],
                source_page=None,  # a value computed from several lines has no one page
            ))
    indicators = pd.concat(frames, ignore_index=True)
    return indicators.sort_values(["doc_id", "indicator_id", "breakdown", "period"], kind="stable", ignore_index=True)
