"""Lists that contradict themselves: overlapping age bands, two tiers defined in the same words."""

from __future__ import annotations

import re

import pandas as pd

from tip_gms.checks.base import Inputs, check, month
from tip_gms.checks.findings import Findings


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
