"""DuckDB views for common questions, each with the comment it gets in the database.

A view's SQL may need values of the data (the years of a wide table); those come from validated integer
columns, never from text, so no identifier or literal is taken from the source's words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyarrow as pa


def _years(table: pa.Table) -> str:
    return ", ".join(str(int(year)) for year in sorted(set(table.column("year").to_pylist())))


# name -> (comment, tables it reads, SQL from the tables)
VIEWS: dict[str, tuple[str, tuple[str, ...], Callable[[Mapping[str, pa.Table]], str]]] = {
    "tier_history_wide": (
        "One row per country, one column per TIP Report year holding the tier (1, 2, 2WL, 3).",
        ("tier_placements",),
        lambda t: f"SELECT * FROM (PIVOT tier_placements ON year IN ({_years(t['tier_placements'])}) "
        "USING first(tier) GROUP BY iso3, country) ORDER BY iso3",
    ),
    "thai_victims_rescued_wide": (
        "Women and children rescued abroad: one row per destination, one column per year (persons).",
        ("thai_victims_rescued",),
        lambda t: f"SELECT * FROM (PIVOT thai_victims_rescued ON year IN ({_years(t['thai_victims_rescued'])}) "
        "USING sum(persons) GROUP BY destination, destination_iso3) ORDER BY destination",
    ),
    "failed_checks": (
        "The consistency checks on which the source disagrees with itself.",
        ("quality_findings",),
        lambda t: "SELECT check_id, severity, expected, observed, message, source_lines FROM quality_findings "
        "WHERE status = 'fail' ORDER BY check_id",
    ),
    "key_figures_cited": (
        "Each key figure with the sentence it is read from and the title of its document, ready to cite.",
        ("key_figures", "numeric_mentions", "documents"),
        lambda t: "SELECT k.figure_id, k.label, k.iso3, k.period, k.value, k.value_max, k.unit, k.as_printed, "
        "m.text AS sentence, d.title AS document, k.source_line FROM key_figures k "
        "JOIN numeric_mentions m USING (mention_id) JOIN documents d ON d.doc_id = k.doc_id ORDER BY k.figure_id",
    ),
}
