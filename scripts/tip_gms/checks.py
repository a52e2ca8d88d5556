"""Consistency checks across datasets: where the source states a figure twice, are the two the same?

Each check is a function registered with @check; its docstring says what it verifies (it goes into the
quality report). A check reads the datasets built from one source and records every comparison it makes,
passing ones included, in the Findings. A check whose datasets were not built for a source is skipped.
Printed totals inside one table are checked by that table's builder instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

import pandas as pd

from tip_gms import parsing, quantities, sections
from tip_gms.countries import gms_countries_named_in
from tip_gms.datasets.key_figures import pick
from tip_gms.document import BULLET, NUMBERED, PARAGRAPH, Source
from tip_gms.errors import SourceError
from tip_gms.findings import Findings

Frames = Mapping[str, pd.DataFrame]
Check = Callable[[Source, Frames, Findings], None]
CHECKS: dict[str, tuple[tuple[str, ...], Check]] = {}

KREDTRAKHAN = "Kredtrakhan"  # how the residents table, the centers table and the prose name the center


def check(*datasets: str):
    """Register a check that needs `datasets`."""
    def register(function: Check) -> Check:
        CHECKS[function.__name__] = (datasets, function)
        return function
    return register


def run(source: Source, frames: Frames, findings: Findings) -> None:
    for datasets, function in CHECKS.values():
        if all(name in frames and not frames[name].empty for name in datasets):
            function(source, frames, findings)


def _decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".")[1]) if "." in text else 0


def _month(day) -> str:
    return f"{day:%Y-%m}"


@check("kredtrakhan_residents_by_nationality")
def printed_shares(source: Source, frames: Frames, findings: Findings) -> None:
    """Every printed share of the Baan Kredtrakhan residents table equals count / total of its month,
    rounded to the table's printed precision; a share that matches only when the digits are cut off is
    reported as truncated rather than rounded."""
    residents = frames["kredtrakhan_residents_by_nationality"]
    totals = residents[residents["category"] == "total"]
    printed = totals.dropna(subset=["share_pct_reported"])
    decimals = max((_decimals(v) for v in printed["share_pct_reported"]), default=1)
    for _, row in printed.iterrows():
        month_total = totals.loc[totals["as_of"] == row["as_of"], "persons"].sum()
        share = 100 * row["persons"] / month_total
        rounded, cut = round(share, decimals), math.floor(share * 10**decimals) / 10**decimals
        reported = row["share_pct_reported"]
        if math.isclose(rounded, reported):
            verdict = "matches"
        elif math.isclose(cut, reported):
            verdict = f"looks truncated rather than rounded (rounded it would be {rounded:.{decimals}f})"
        else:
            verdict = f"differs from the computed {rounded:.{decimals}f}"
        findings.record(
            f"kredtrakhan_residents_by_nationality.share.{row['iso3']}.{_month(row['as_of'])}",
            datasets="kredtrakhan_residents_by_nationality", doc_id=row["doc_id"],
            passed=verdict == "matches", expected=reported, observed=f"{share:.3f}", lines=[row["source_line"]],
            message=f"{row['nationality']}, {row['as_of']:%b %Y}: the printed share {reported} {verdict} "
            f"({row['persons']} of {month_total}).",
        )


@check("kredtrakhan_residents_by_age", "kredtrakhan_residents_by_nationality")
def age_groups_add_up(source: Source, frames: Frames, findings: Findings) -> None:
    """The residents counted by age group add up to the residents counted by nationality in the same month."""
    ages, residents = frames["kredtrakhan_residents_by_age"], frames["kredtrakhan_residents_by_nationality"]
    totals = residents[residents["category"] == "total"]
    for as_of, group in ages.groupby("as_of", sort=True):
        by_nationality = totals[totals["as_of"] == as_of]
        if by_nationality.empty:
            continue
        expected, observed = int(by_nationality["persons"].sum()), int(group["persons"].sum())
        findings.record(
            f"kredtrakhan_residents_by_age.total.{_month(as_of)}",
            datasets="kredtrakhan_residents_by_age;kredtrakhan_residents_by_nationality",
            doc_id=group["doc_id"].iloc[0], passed=expected == observed, expected=expected, observed=observed,
            lines=[*group["source_line"], *by_nationality["source_line"]],
            message=f"{as_of:%b %Y}: the age groups add up to {observed}; the residents table counts {expected}.",
        )


@check("kredtrakhan_residents_by_age")
def age_groups_do_not_overlap(source: Source, frames: Frames, findings: Findings) -> None:
    """Age groups, in printed order, do not overlap: a group that starts inside the one printed before it
    has a mistyped label."""
    ages = frames["kredtrakhan_residents_by_age"]
    for as_of, group in ages.groupby("as_of", sort=True):
        previous = None
        for _, band in group.iterrows():
            if previous is not None and not pd.isna(previous["age_max"]):
                overlap = band["age_min"] <= previous["age_max"]
                hint = f" (perhaps {previous['age_max'] + 1}-{band['age_max']})" if overlap and not pd.isna(
                    band["age_max"]) else ""
                findings.record(
                    f"kredtrakhan_residents_by_age.bands.{_month(as_of)}.{band['age_group']}",
                    datasets="kredtrakhan_residents_by_age", doc_id=band["doc_id"], passed=not overlap,
                    expected=f"starts after {previous['age_max']}", observed=f"starts at {band['age_min']}",
                    lines=[band["source_line"]],
                    message=f"Age group '{band['age_group']}' {'overlaps' if overlap else 'follows'} "
                    f"'{previous['age_group']}'" + (f": the label looks mistyped{hint}." if overlap else "."),
                )
            previous = band


@check("thai_protection_centers", "kredtrakhan_residents_by_nationality")
def kredtrakhan_non_thai_share(source: Source, frames: Frames, findings: Findings) -> None:
    """The share of non-Thai girls and young women that the centers table prints for Baan Kredtrakhan
    contains the share computed from the residents table, for each month of that table."""
    centers, residents = frames["thai_protection_centers"], frames["kredtrakhan_residents_by_nationality"]
    center = centers[centers["center_name"].str.contains(KREDTRAKHAN) & centers["non_thai_pct_min"].notna()]
    totals = residents[residents["category"] == "total"]
    for _, printed in center.iterrows():
        for as_of, month in totals.groupby("as_of", sort=True):
            share = 100 * month.loc[month["iso3"] != "THA", "persons"].sum() / month["persons"].sum()
            low, high = printed["non_thai_pct_min"], printed["non_thai_pct_max"]
            findings.record(
                f"thai_protection_centers.non_thai_share.{_month(as_of)}",
                datasets="thai_protection_centers;kredtrakhan_residents_by_nationality", doc_id=printed["doc_id"],
                passed=low <= round(share) <= high, expected=f"{low:g}-{high:g}%", observed=f"{share:.1f}%",
                lines=[printed["source_line"], *month["source_line"]],
                message=f"The centers table says {printed['persons_staying_as_printed']!r}; the residents table "
                f"gives {share:.1f}% non-Thai in {as_of:%b %Y}.",
            )


_TIER_IN_PROSE = re.compile(r"\bTier\s*(?P<tier>2\s*-?\s*WL|2 Watch List|[123])\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")
_LEADING_YEAR = re.compile(r"^-?\s*((?:19|20)\d\d)\s*:")


@check("tier_placements")
def tiers_in_prose(source: Source, frames: Frames, findings: Findings) -> None:
    """Every tier the prose gives a country for a year ('re-classified as Tier 3 ... in 2006') is the tier
    of the tier table."""
    tiers = frames["tier_placements"].set_index(["iso3", "year"])
    for document in source.documents:
        places = sections.places(document)
        for line in document.lines:
            if line.kind not in (BULLET, NUMBERED, PARAGRAPH):
                continue
            text = line.text
            named = gms_countries_named_in(text)
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


@check("tier_definitions")
def tier_definitions_differ(source: Source, frames: Frames, findings: Findings) -> None:
    """No two tiers have the same definition (apart from punctuation)."""
    definitions = frames["tier_definitions"]
    words = {row["tier"]: re.split(r"\W+", re.sub(r"'s\b", "", row["definition"])) for _, row in definitions.iterrows()}
    rows = list(definitions.itertuples())
    for i, first in enumerate(rows):
        for second in rows[i + 1 :]:
            same = words[first.tier] == words[second.tier]
            findings.record(
                f"tier_definitions.distinct.{first.tier}.{second.tier}", datasets="tier_definitions",
                doc_id=first.doc_id, passed=not same, expected="different definitions",
                observed="the same words" if same else "different",
                lines=[first.source_line, second.source_line],
                message=f"'{first.label}' and '{second.label}' are defined "
                + ("with the same words: one of them is probably mistyped." if same else "differently."),
            )


def _mention(frames: Frames, locator: str, unit: str) -> pd.Series | None:
    try:
        return pick({"id": "check", "locator": locator, "unit": unit}, frames["numeric_mentions"])
    except SourceError:
        return None  # the statement is not in this source: nothing to compare


@check("numeric_mentions", "thai_victims_rescued")
def rescue_countries(source: Source, frames: Frames, findings: Findings) -> None:
    """The number of countries Thai women were rescued in, as the prose states it, agrees with the
    rescued-victims table (named destinations plus the countries its 'Other (N c.)' row groups)."""
    mention = _mention(frames, "rescued in more than {} countries", "count")
    if mention is None:
        return
    rescued = frames["thai_victims_rescued"].drop_duplicates("destination")
    grouped = sum(int(n) for label in rescued.loc[rescued["destination_iso3"].isna(), "destination"]
                  for n in re.findall(r"\d+", label))
    in_table = int(rescued["destination_iso3"].notna().sum()) + grouped
    findings.record(
        "thai_victims_rescued.countries", datasets="numeric_mentions;thai_victims_rescued",
        doc_id=mention["doc_id"], passed=in_table > mention["value"], expected=f"more than {mention['value']:g}",
        observed=in_table, lines=[mention["source_line"], *rescued["source_line"]],
        message=f"The prose says Thai women were rescued in more than {mention['value']:g} countries; the table "
        f"covers {in_table}.",
    )


@check("numeric_mentions", "kredtrakhan_residents_by_nationality")
def kredtrakhan_in_prose(source: Source, frames: Frames, findings: Findings) -> None:
    """What the Myanmar section says about Baan Kredtrakhan (its total of residents, its Myanmar girls)
    agrees with the residents table in at least one of its months."""
    residents = frames["kredtrakhan_residents_by_nationality"]
    totals = residents[residents["category"] == "total"]
    statements = {
        "total": ("out of total {} girls and young women", totals),
        "MMR": ("about {} Myanmar girls", totals[totals["iso3"] == "MMR"]),
    }
    for subject, (locator, rows) in statements.items():
        mention = _mention(frames, locator, "persons")
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


@check("anti_trafficking_measures", "thai_protection_centers")
def centers_in_measures_table(source: Source, frames: Frames, findings: Findings) -> None:
    """The number of protection centers the Main Measures table gives for Thailand equals the rows of the
    protection centers table."""
    measures = frames["anti_trafficking_measures"]
    cells = measures[(measures["iso3"] == "THA") & (measures["measure_area"] == "social_delivery")]
    centers = frames["thai_protection_centers"]
    for _, cell in cells.iterrows():
        stated = [q for q in quantities.find(cell["text"]) if "protection" in cell["text"][q.start :][:60]]
        if not stated:
            continue
        findings.record(
            "anti_trafficking_measures.thai_centers", datasets="anti_trafficking_measures;thai_protection_centers",
            doc_id=cell["doc_id"], passed=stated[0].value == len(centers), expected=f"{stated[0].value:g}",
            observed=len(centers), lines=[cell["source_line"], *centers["source_line"]],
            message=f"The Main Measures table says {stated[0].as_printed} protection centers under the Bureau; the "
            f"centers table lists {len(centers)} (with {centers['center_name'].nunique()} distinct names).",
        )
