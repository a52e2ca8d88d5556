"""Finding a figure by the phrase the report states it in: "a total of {} cases were reported".

Used by the key figures (a reviewed registry of phrases) and by the checks that compare a figure the prose
states with a table. A phrase never holds a value: `{}` stands where the quantity is printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tip_gms.errors import SourceError

PLACEHOLDER = "{}"


def mention(phrase: str, unit: str, mentions: Sequence[Mapping]) -> Mapping:
    """The one row of `mentions` (numeric_mentions, as records) whose text holds `phrase` with the row's own
    as_printed in place of {}, and whose unit is `unit`; none, several, or another unit stop the run."""
    if phrase.count(PLACEHOLDER) != 1:
        raise SourceError(f"the phrase must contain {PLACEHOLDER} exactly once", column="phrase", value=phrase)
    hits = [row for row in mentions if phrase.replace(PLACEHOLDER, row["as_printed"]) in row["text"]]
    if len(hits) != 1:
        lines = ", ".join(str(row["source_line"]) for row in hits) or "none"
        raise SourceError(f"the phrase picks {len(hits)} mentions (lines: {lines}); it must pick exactly one",
                          column="phrase", value=phrase)
    found = hits[0]
    if found["unit"] != unit:
        raise SourceError(f"the phrase expects unit {unit}, the source states {found['unit']}", column="unit",
                          value=found["as_printed"], line=int(found["source_line"]))
    return found
