"""A figure stated twice: where the source states the same figure in two places (the prose and a table, two
tables), the two agree."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from tip_gms import parsing, phrases, quantities, sections
from tip_gms.checks.base import Inputs, check, month
from tip_gms.checks.findings import Findings
from tip_gms.document import BULLET, NUMBERED, PARAGRAPH
from tip_gms.errors import SourceError

_TIER_IN_PROSE = re.compile(r"\bTier\s*(?P<tier>2\s*-?\s*WL|2 Watch List|[123])\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")
_LEADING_YEAR = re.compile(r"^-?\s*((?:19|20)\d\d)\s*:")


def _stated(inputs: Inputs, phrase: str, unit: str) -> Mapping | None:
    """The one mention of `phrase` ({} where the figure stands) in the prose, or None if the source has none."""
    try:
        return phrases.mention(phrase, unit, inputs.mentions)
    except SourceError:
        return None  # the statement is not in this source: nothing to compare


@check("kredtrakhan_residents_by_age", "kredtrakhan_residents_by_nationality")
def age_groups_add_up(inputs: Inputs, findings: Findings) -> None:
    """The residents counted by age group add up to the residents counted by nationality in the same month."""
    ages = inputs.frames["kredtrakhan_residents_by_age"]
    residents = inputs.frames["kredtrakhan_residents_by_nationality"]
    totals = residents[residents["category"] == "total"]
    for as_of, group in ages.groupby("as_of", sort=True):
        by_nationality = totals[totals["as_of"] == as_of]
        if by_nationality.empty:
            continue
        expected, observed = int(by_nationality["persons"].sum()), int(group["persons"].sum())
        findings.record(
            f"kredtrakhan_residents_by_age.total.{month(as_of)}",
            datasets="kredtrakhan_residents_by_age;kredtrakhan_residents_by_nationality",
            doc_id=group["doc_id"].iloc[0], passed=expected == observed, expected=expected, observed=observed,
            lines=[*group["source_line"], *by_nationality["source_line"]],
            message=f"{as_of:%b %Y}: the age groups add up to {observed}; the residents table counts {expected}.",
        )


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


@check("numeric_mentions", "thai_victims_rescued", settings=True)
def countries_of_rescue(inputs: Inputs, findings: Findings) -> None:
    """The number of countries the prose says victims were rescued in (settings: `statement`) agrees with the
    rescued-victims table: its named destinations plus the countries an 'Other (N c.)' row groups."""
    mention = _stated(inputs, inputs.settings["statement"], "count")
    if mention is None:
        return
    rescued = inputs.frames["thai_victims_rescued"].drop_duplicates("destination")
    grouped = sum(int(n) for label in rescued.loc[rescued["destination_iso3"].isna(), "destination"]
                  for n in re.findall(r"\d+", label))
    in_table = int(rescued["destination_iso3"].notna().sum()) + grouped
    findings.record(
        "thai_victims_rescued.countries", datasets="numeric_mentions;thai_victims_rescued",
        doc_id=mention["doc_id"], passed=in_table > mention["value"], expected=f"more than {mention['value']:g}",
        observed=in_table, lines=[mention["source_line"], *rescued["source_line"]],
        message=f"The prose (line {mention['source_line']}) states more than {mention['value']:g} countries of "
        f"rescue; the rescued-victims table covers {in_table}.",
    )


@check("numeric_mentions", "kredtrakhan_residents_by_nationality", settings=True)
def center_residents_in_prose(inputs: Inputs, findings: Findings) -> None:
    """What the prose says about the residents of the center (settings: `total`, and `by_nationality`, each a
    phrase with {} for the figure) agrees with the residents table in at least one of its months."""
    residents = inputs.frames["kredtrakhan_residents_by_nationality"]
    totals = residents[residents["category"] == "total"]
    statements = {"total": (inputs.settings["total"], totals)} | {
        iso3: (phrase, totals[totals["iso3"] == iso3]) for iso3, phrase in inputs.settings["by_nationality"].items()}
    for subject, (phrase, rows) in statements.items():
        mention = _stated(inputs, phrase, "persons")
        if mention is None:
            continue
        low = mention["value"]
        high = low if pd.isna(mention["value_max"]) else mention["value_max"]
        by_month = rows.groupby("as_of", sort=True)["persons"].sum()
        passed = any(low <= count <= high for count in by_month)
        findings.record(
            f"kredtrakhan_residents_by_nationality.prose.{subject}",
            datasets="numeric_mentions;kredtrakhan_residents_by_nationality", doc_id=mention["doc_id"],
            passed=passed, expected=mention["as_printed"],
            observed="; ".join(f"{as_of:%b %Y}: {count}" for as_of, count in by_month.items()),
            lines=[mention["source_line"], *rows["source_line"]],
            message=f"Line {mention['source_line']} says {mention['as_printed']!r}; the residents table counts "
            + ", ".join(f"{count} in {as_of:%b %Y}" for as_of, count in by_month.items()) + ".",
        )


@check("anti_trafficking_measures", "thai_protection_centers", settings=True)
def centers_in_measures_table(inputs: Inputs, findings: Findings) -> None:
    """The number of centers the Main Measures table gives for a country (settings: `country`, and the word
    that follows the number, `counted`) equals the rows of the protection centers table."""
    measures = inputs.frames["anti_trafficking_measures"]
    country, counted = inputs.settings["country"], inputs.settings["counted"]
    cells = measures[(measures["iso3"] == country) & (measures["measure_area"] == "social_delivery")]
    centers = inputs.frames["thai_protection_centers"]
    for _, cell in cells.iterrows():
        stated = [q for q in quantities.find(cell["text"]) if counted in cell["text"][q.start :][:60]]
        if not stated:
            continue
        findings.record(
            "anti_trafficking_measures.thai_centers", datasets="anti_trafficking_measures;thai_protection_centers",
            doc_id=cell["doc_id"], passed=stated[0].value == len(centers), expected=f"{stated[0].value:g}",
            observed=len(centers), lines=[cell["source_line"], *centers["source_line"]],
            message=f"The Main Measures table says {stated[0].as_printed} {counted} centers for {country}; the "
            f"centers table lists {len(centers)} (with {centers['center_name'].nunique()} distinct names).",
        )
