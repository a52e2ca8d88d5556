"""Headline figures: a reviewed registry of phrases (settings: `registry`, a YAML file beside the config),
each picking exactly one numeric mention, from which the figure's value, unit and line come."""

import re
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
            "period_iso": _iso(figure["period"], figure["id"], registry),
            "locator": figure["locator"], **{column: mention[column] for column in _FROM_MENTION},
            **_worded(figure["locator"], mention, cite_as[mention["doc_id"]], context),
        })
    return pd.DataFrame(rows)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_WHEN = r"(?:(?P<{0}month>[A-Za-z]+) )?(?P<{0}year>\d{{4}})"
_PERIOD = re.compile(rf"(?P<since>since )?{_WHEN.format('a')}(?: to {_WHEN.format('b')})?")
_RECURRING = ("per year", "each year", "every year")


def _iso(period: str | None, figure_id: str, registry: Path) -> str | None:
    """A period in words as ISO 8601: '2004', 'March 2002' -> '2002-03', '2002 to 2005' -> '2002/2005',
    'since January 2006' -> '2006-01/..'; None for none or a recurring period ('per year')."""
    if period is None or period in _RECURRING:
        return None
    found = _PERIOD.fullmatch(period)
    months = [found[f"{end}month"] for end in "ab"] if found else []
    if not found or any(m and m.casefold() not in _MONTHS for m in months) or (found["since"] and found["byear"]):
        raise SourceError(f"key figure {figure_id}: the period does not read as a year, a month, 'YYYY to YYYY', "
                          f"'since ...' or 'per year'; edit {registry}", column="period", value=period)
    when = [f"{found[f'{end}year']}-{_MONTHS.index(m.casefold()) + 1:02d}" if m else found[f"{end}year"]
            for end, m in zip("ab", months, strict=True) if found[f"{end}year"]]
    return f"{when[0]}/.." if found["since"] else "/".join(when)


def _worded(locator: str, mention: dict, cite_as: str, context: Context) -> dict:
    """The figure in the source's words (the locator with the quantity as printed: a phrase of the sentence,
    word for word) and the citation to copy: '"Over one million children" (Author 2007, line 60)'."""
    worded = locator.replace(phrases.PLACEHOLDER, mention["as_printed"])
    line = int(mention["source_line"])
    where = citation(cite_as, line, context.source.page_of(line))
    return {"worded": worded, "citation": f"\u201c{worded}\u201d ({where})"}
