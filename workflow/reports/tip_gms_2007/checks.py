"""The checks that compare this report's own tables with each other and with its prose (registered with
tip_gms.checks; their settings are under quality_findings > checks in the config)."""

from __future__ import annotations

import math
import re

import pandas as pd

from tip_gms import quantities
from tip_gms.checks.base import Inputs, check, month, stated
from tip_gms.checks.findings import Findings


def _decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".")[1]) if "." in text else 0


@check("kredtrakhan_residents_by_nationality")
def printed_shares(inputs: Inputs, findings: Findings) -> None:
    """Every printed share of the residents table equals count / total of its month,
    rounded to the table's printed precision; a share that matches only when the digits are cut off is
    reported as truncated rather than rounded."""
    residents = inputs.frames["kredtrakhan_residents_by_nationality"]
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
            f"kredtrakhan_residents_by_nationality.share.{row['iso3']}.{month(row['as_of'])}",
            datasets="kredtrakhan_residents_by_nationality", doc_id=row["doc_id"],
            passed=verdict == "matches", expected=reported, observed=f"{share:.3f}", lines=[row["source_line"]],
            message=f"{row['nationality']}, {row['as_of']:%b %Y}: the printed share {reported} {verdict} "
            f"({row['persons']} of {month_total}).",
        )


@check("thai_protection_centers", "kredtrakhan_residents_by_nationality", settings=True)
def non_host_share(inputs: Inputs, findings: Findings) -> None:
    """The share of residents from other countries than the host (settings: `host`) that the centers table
    prints for a center (settings: `center`, a word of its name) contains the share computed from the
    residents table, for each month of that table."""
    centers, residents = inputs.frames["thai_protection_centers"], inputs.frames["kredtrakhan_residents_by_nationality"]
    host, name = inputs.settings["host"], inputs.settings["center"]
    center = centers[centers["center_name"].str.contains(name, regex=False) & centers["non_thai_pct_min"].notna()]
    totals = residents[residents["category"] == "total"]
    for _, printed in center.iterrows():
        for as_of, in_month in totals.groupby("as_of", sort=True):
            share = 100 * in_month.loc[in_month["iso3"] != host, "persons"].sum() / in_month["persons"].sum()
            low, high = printed["non_thai_pct_min"], printed["non_thai_pct_max"]
            findings.record(
                f"thai_protection_centers.non_thai_share.{month(as_of)}",
                datasets="thai_protection_centers;kredtrakhan_residents_by_nationality", doc_id=printed["doc_id"],
                passed=low <= round(share) <= high, expected=f"{low:g}-{high:g}%", observed=f"{share:.1f}%",
                lines=[printed["source_line"], *in_month["source_line"]],
                message=f"The centers table says {printed['persons_staying_as_printed']!r}; the residents table "
                f"gives {share:.1f}% from other countries than {host} in {as_of:%b %Y}.",
            )


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


@check("numeric_mentions", "thai_victims_rescued", settings=True)
def countries_of_rescue(inputs: Inputs, findings: Findings) -> None:
    """The number of countries the prose says victims were rescued in (settings: `statement`) agrees with the
    rescued-victims table: its named destinations plus the countries an 'Other (N c.)' row groups."""
    mention = stated(inputs, inputs.settings["statement"], "count")
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
        mention = stated(inputs, phrase, "persons")
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


@check("kredtrakhan_residents_by_age")
def age_groups_do_not_overlap(inputs: Inputs, findings: Findings) -> None:
    """Age groups, in printed order, do not overlap: a group that starts inside the one printed before it
    has a mistyped label."""
    ages = inputs.frames["kredtrakhan_residents_by_age"]
    for as_of, group in ages.groupby("as_of", sort=True):
        previous = None
        for _, band in group.iterrows():
            if previous is not None and not pd.isna(previous["age_max"]):
                overlap = band["age_min"] <= previous["age_max"]
                hint = f" (perhaps {previous['age_max'] + 1}-{band['age_max']})" if overlap and not pd.isna(
                    band["age_max"]) else ""
                findings.record(
                    f"kredtrakhan_residents_by_age.bands.{month(as_of)}.{band['age_group']}",
                    datasets="kredtrakhan_residents_by_age", doc_id=band["doc_id"], passed=not overlap,
                    expected=f"starts after {previous['age_max']}", observed=f"starts at {band['age_min']}",
                    lines=[band["source_line"]],
                    message=f"Age group '{band['age_group']}' {'overlaps' if overlap else 'follows'} "
                    f"'{previous['age_group']}'" + (f": the label looks mistyped{hint}." if overlap else "."),
                )
            previous = band


@check("tier_definitions")
def tier_definitions_differ(inputs: Inputs, findings: Findings) -> None:
    """No two tiers have the same definition (apart from punctuation)."""
    definitions = inputs.frames["tier_definitions"]
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
