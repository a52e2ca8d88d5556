"""Headline figures: a reviewed registry of phrases, each picking exactly one numeric mention."""

from pathlib import Path

import pandas as pd
import yaml

from tip_gms.datasets import numeric_mentions
from tip_gms.document import Source
from tip_gms.errors import SourceError
from tip_gms.findings import Findings

REGISTRY = Path(__file__).parents[1] / "key_figures.yaml"
PLACEHOLDER = "{}"
_FROM_MENTION = ["value", "value_max", "unit", "qualifier", "as_printed", "mention_id", "doc_id", "source_line"]


def pick(figure: dict, mentions: pd.DataFrame) -> pd.Series:
    """The one mention whose text holds the figure's locator with the mention's own as_printed for {}."""
    locator = figure["locator"]
    if locator.count(PLACEHOLDER) != 1:
        raise SourceError(f"key figure {figure['id']}: the locator must contain {PLACEHOLDER} exactly once",
                          column="locator", value=locator)
    hits = mentions[[locator.replace(PLACEHOLDER, printed) in text
                     for printed, text in zip(mentions["as_printed"], mentions["text"], strict=True)]]
    if len(hits) != 1:
        lines = ", ".join(map(str, hits["source_line"])) or "none"
        raise SourceError(
            f"key figure {figure['id']}: the locator picks {len(hits)} mentions (lines: {lines}); it must pick "
            f"exactly one. Edit {REGISTRY.name}", column="locator", value=locator,
        )
    mention = hits.iloc[0]
    if mention["unit"] != figure["unit"]:
        raise SourceError(
            f"key figure {figure['id']}: the registry says unit {figure['unit']}, the source says {mention['unit']}",
            column="unit", value=mention["as_printed"], line=int(mention["source_line"]),
        )
    return mention


def build(source: Source, findings: Findings) -> pd.DataFrame:
    mentions = numeric_mentions.build(source, findings)
    rows = []
    for figure in yaml.safe_load(REGISTRY.read_text()):
        mention = pick(figure, mentions)
        rows.append({
            "figure_id": figure["id"], "label": figure["label"], "iso3": figure["iso3"], "period": figure["period"],
            "locator": figure["locator"], **{column: mention[column] for column in _FROM_MENTION},
        })
    return pd.DataFrame(rows)
