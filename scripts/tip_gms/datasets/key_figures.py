"""Headline figures: a reviewed registry of phrases (settings: `registry`, a YAML file beside the config),
each picking exactly one numeric mention, from which the figure's value, unit and line come."""

from functools import cache
from pathlib import Path

import pandas as pd

from tip_gms import phrases, yamlfile
from tip_gms.datasets import Context
from tip_gms.errors import SourceError

INPUTS = ("numeric_mentions",)
_FROM_MENTION = ["value", "value_max", "unit", "qualifier", "as_printed", "mention_id", "doc_id", "source_line"]


@cache
def _figures(registry: Path) -> list[dict]:  # read once, however many sources share it
    return yamlfile.load(registry)


def build(context: Context) -> pd.DataFrame:
    registry = context.report.path(context.setting("registry"))
    rows, mentions = [], context.inputs["numeric_mentions"].to_dict("records")
    for figure in _figures(registry):
        try:
            mention = phrases.mention(figure["locator"], figure["unit"], mentions)
        except SourceError as error:
            raise SourceError(f"key figure {figure['id']}: {error.problem}; edit {registry}", column="locator",
                              value=figure["locator"], line=error.line) from None
        rows.append({
            "figure_id": figure["id"], "label": figure["label"], "iso3": figure["iso3"], "period": figure["period"],
            "locator": figure["locator"], **{column: mention[column] for column in _FROM_MENTION},
        })
    return pd.DataFrame(rows)
