"""DuckDB views for common questions, each with the comment it gets in the database and one for every column.

A view's SQL may need values of the data (the years of a wide table); those come from validated integer
columns, never from text, so no identifier or literal is taken from the source's words. Sums are cast to
BIGINT (DuckDB sums BIGINT into HUGEINT, which pandas reads as float64). Every view keeps `doc_id`, so that
several reports never mix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from tip_gms.reports import Report


def _years(table: pa.Table) -> str:
    return ", ".join(str(int(year)) for year in sorted(set(table.column("year").to_pylist())))


@dataclass(frozen=True)
class View:
    comment: str
    inputs: tuple[str, ...]  # the datasets it reads: a column named as one of theirs has its description
    sql: Callable[[Mapping[str, pa.Table]], str]
    columns: Mapping[str, str] = field(default_factory=dict)  # the comments of the columns it computes
    per_year: str = ""  # the comment of a column per year, with {year}

    def column_comment(self, column: str, descriptions: Mapping[str, Mapping[str, str]]) -> str | None:
        """The comment of one of the view's columns (`descriptions`: dataset -> column -> description)."""
        if column in self.columns:
            return self.columns[column]
        if self.per_year and column.isdigit():
            return self.per_year.format(year=column)
        return next((descriptions[name][column] for name in self.inputs if column in descriptions.get(name, {})),
                    None)


# The one wording of a figure as the report qualifies it, with its unit: 'over 1,000,000 persons', 'about
# 50,000-55,000 persons', '85%', 'over 220' (a count), '0.3333' (a fraction). A DuckDB macro in the file
# (users may call it too); the view key_figures_cited calls it, and the page and the figures read that view.
_NUMBER = "CASE WHEN {0} = trunc({0}) THEN format('{{:,}}', {0}::BIGINT) ELSE format('{{:.4g}}', {0}) END"
MACROS = {
    "figure_text": (
        ("qualifier", "value", "value_max", "unit"),
        f"concat_ws(' ', replace(qualifier, '_', ' '), {_NUMBER.format('value')} "
        f"|| coalesce('-' || {_NUMBER.format('value_max')}, '') || CASE unit WHEN 'percent' THEN '%' "
        "WHEN 'count' THEN '' WHEN 'fraction' THEN '' ELSE ' ' || unit END)",
        "A figure as the report qualifies it, with its unit: figure_text('over', 1000000, NULL, 'persons') is "
        "'over 1,000,000 persons'.",
    ),
}


# A wide view of a dataset of a shape with a year column: one column per year, a row per what the rows count,
# declared by a report (settings: `wide`, with the view's name, comment and per-year comment).
_YEARS_AS_COLUMNS = {  # builder (shape) -> the value of a year's column, the columns of a row
    "counts_by_year": ("CAST(sum(persons) AS BIGINT)", ("destination", "destination_iso3")),
    "tiers_by_year": ("first(tier)", ("iso3", "country")),
    "tiers_by_year_as_rows": ("first(tier)", ("iso3", "country")),
}


def _wide(dataset: str, settings: Mapping) -> tuple[str, View]:
    value, rows = _YEARS_AS_COLUMNS[settings["builder"]]
    wide = settings["wide"]
    return wide["name"], View(
        wide["comment"], (dataset,),
        lambda t: f"SELECT * FROM (PIVOT {dataset} ON year IN ({_years(t[dataset])}) USING {value} "
        f"GROUP BY doc_id, {', '.join(rows)}) ORDER BY doc_id, {rows[0]}",
        per_year=wide["per_year"],
    )


def declared(reports: Sequence[Report]) -> dict[str, View]:
    """The views of these reports: the wide views their config declares, then the engine's."""
    wide = dict(_wide(name, settings) for report in reports for name, settings in report.datasets.items()
                if "wide" in settings)
    return wide | VIEWS


VIEWS: dict[str, View] = {
    "failed_checks": View(
        "The consistency checks on which the source disagrees with itself.",
        ("quality_findings",),
        lambda t: "SELECT doc_id, check_id, severity, expected, observed, message, source_lines FROM quality_findings "
        "WHERE status = 'fail' ORDER BY doc_id, check_id",
    ),
    "key_figures_cited": View(
        "Each key figure as the report qualifies it, with a citation to copy, the sentence it is read from and its "
        "document.",
        ("key_figures", "numeric_mentions", "documents"),
        lambda t: "SELECT k.doc_id, k.figure_id, k.label, k.iso3, k.period, k.value, k.value_max, k.unit, "
        "k.qualifier, k.as_printed, figure_text(k.qualifier, k.value, k.value_max, k.unit) AS figure, k.worded, "
        "k.citation, k.period_iso, "
        "m.text AS sentence, d.title AS document, d.citation AS document_citation, k.source_line, k.source_page "
        "FROM key_figures k JOIN numeric_mentions m USING (doc_id, mention_id) JOIN documents d USING (doc_id) "
        "ORDER BY k.doc_id, k.figure_id",
        columns={
            "figure": "The figure as the report qualifies it, with its unit: 'over 1,000,000 persons', '85%'.",
            "sentence": "The sentence the figure is read from, as printed (numeric_mentions.text).",
            "document": "Title of the figure's document (documents.title).",
            "document_citation": "How to cite the figure's document in full (documents.citation).",
        },
    ),
}
