"""Printed shares: every share a table prints against the counts it is a share of."""

from __future__ import annotations

import math

from tip_gms.checks.base import Inputs, check, month
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
