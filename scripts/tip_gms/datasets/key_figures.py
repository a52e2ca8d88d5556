"""Headline figures: a reviewed registry of phrases (settings: `registry`, a YAML file beside the config),
each picking exactly one numeric mention, from which the figure's value, unit and line come."""

from functools import cache
from pathlib import Path

import pandas as pd

from tip_gms import phrases, yamlfile
from tip_gms.datasets import Context
from tip_gms.errors import SourceError
from tip_gms.reports import citation

INPUTS = ("numeric_mentions",)
_FROM_MENTION = ["value", "value_max", "unit", "qualifier", "as_printed", "mention_id", "doc_id", "source_line"]


@cache
def _figures(registry: Path) -> list[dict]:  # read once, however many sources share it
    return yamlfile.load(registry)


def build(context: Context) -> pd.DataFrame:
    registry = context.report.path(context.setting("registry"))
    rows, mentions = [], context.inputs["numeric_mentions"].to_dict("records")
    cite_as = {document.doc_id: document.cite_as or document.doc_id for document in context.report.documents}
    for figure in _figures(registry):
        try:
            mention = phrases.mention(figure["locator"], figure["unit"], mentions)
        except SourceError as error:
            raise SourceError(f"key figure {figure['id']}: {error.problem}; edit {registry}", column="locator",
                              value=figure["locator"], line=error.line) from None
        rows.append({
            "figure_id": figure["id"], "label": figure["label"], "iso3": figure["iso3"], "period": figure["period"],
            "locator": figure["locator"], **{column: mention[column] for column in _FROM_MENTION},
            **_worded(figure["locator"], mention, cite_as[mention["doc_id"]], context),
        })
    return pd.DataFrame(rows)


def _worded(locator: str, mention: dict, cite_as: str, context: Context) -> dict:
    """The figure in the source's words (the locator with the quantity as printed: a phrase of the sentence,
    word for word) and the citation to copy: '"Over one million children" (JICA 2007, line 60)'."""
    worded = locator.replace(phrases.PLACEHOLDER, mention["as_printed"])
    line = int(mention["source_line"])
    where = citation(cite_as, line, context.source.page_of(line))
    return {"worded": worded, "citation": f"\u201c{worded}\u201d ({where})"}
