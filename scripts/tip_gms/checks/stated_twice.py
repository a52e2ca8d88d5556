"""A figure stated twice: where the source states the same figure in two places (the prose and a table, two
tables), the two agree. Checks that compare a report's own tables are the report's
(workflow/reports/<source id>/checks.py)."""

from __future__ import annotations

import re

from tip_gms import parsing, sections
from tip_gms.checks.base import Inputs, check
from tip_gms.checks.findings import Findings
from tip_gms.document import BULLET, NUMBERED, PARAGRAPH

_TIER_IN_PROSE = re.compile(r"\bTier\s*(?P<tier>2\s*-?\s*WL|2 Watch List|[123])\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")
_LEADING_YEAR = re.compile(r"^-?\s*((?:19|20)\d\d)\s*:")


@check("tier_placements")
def tiers_in_prose(inputs: Inputs, findings: Findings) -> None:
    """Every tier the prose gives a country for a year ('re-classified as Tier 3 ... in 2006') is the tier
    of the tier table."""
    tiers = inputs.frames["tier_placements"].set_index(["iso3", "year"])
    region = inputs.report.region
    for document in inputs.source.documents:
        places = sections.places(document, region, inputs.report.section_codes)
        for line in document.lines:
            if line.kind not in (BULLET, NUMBERED, PARAGRAPH):
                continue
            text = line.text
            named = sections.countries_named_in(text, region)
            iso3 = named[0] if len(named) == 1 else places[line.number].iso3
            leading = _LEADING_YEAR.match(text)
            matches = list(_TIER_IN_PROSE.finditer(text))
            for i, match in enumerate(matches):
                clause = text[match.end() : matches[i + 1].start() if i + 1 < len(matches) else len(text)]
                year_match = _IN_YEAR.search(clause) or leading
                if iso3 is None or year_match is None:
                    continue
                year, stated = int(year_match[1]), parsing.tier(match["tier"], line=line.number)
                table = tiers["tier"].get((iso3, year))
                findings.record(
                    f"tier_placements.prose.{iso3}.{year}", datasets="tier_placements", doc_id=document.doc_id,
                    passed=table == stated, expected=stated, observed=table if table is not None else "no row",
                    lines=[line.number, *([tiers.loc[(iso3, year), "source_line"]] if table is not None else [])],
                    message=f"The prose (line {line.number}) puts {iso3} on Tier {stated} in {year}; the tier "
                    f"table says {table if table is not None else 'nothing for that year'}.",
                )


