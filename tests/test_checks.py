"""Every consistency check, on the real source and on a source edited so that its result flips."""

import pytest

from tip_gms import document
from tip_gms.checks.base import CHECKS

from .conftest import RAW, REPORT, build_all


def findings_after(*edits) -> dict:
    """check_id -> status, after replacing text in the real source (each `old` must occur exactly once)."""
    text = RAW.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    parsed = document.parse(REPORT, text.split("\n"))
    return {f.check_id: f for f in build_all(parsed)[1].items}


@pytest.fixture(scope="module")
def real(built):
    return {f.check_id: f for f in built[1].items}


# (check_id, status on the real source, an edit, status after the edit)
CASES = [
    ("thai_victims_rescued.row_total.Japan", "pass", ("\t53\t45\t168", "\t53\t45\t169"), "fail"),
    ("thai_victims_rescued.column_total.Total", "fail", ("\t143\t186\t610", "\t143\t186\t602"), "pass"),
    ("kredtrakhan_residents_by_nationality.column_total.trafficked_victims.2005-10", "pass",
     ("Total\t209\t171", "Total\t210\t171"), "fail"),
    ("kredtrakhan_residents_by_nationality.row_total.MMR.2005-10", "pass", ("\t28\t10\t38", "\t28\t11\t38"), "fail"),
    ("kredtrakhan_residents_by_nationality.share.VNM.2007-02", "fail", ("3 (0.7)", "3 (0.8)"), "pass"),
    ("kredtrakhan_residents_by_nationality.share.THA.2005-10", "pass", ("189 (49.7)", "189 (48.7)"), "fail"),
    ("kredtrakhan_residents_by_age.total.2005-10", "pass", ("144 persons under 15", "140 persons under 15"), "fail"),
    ("kredtrakhan_residents_by_age.bands.2005-10.9-24", "fail", ("between 9-24", "between 19-24"), None),
    ("kredtrakhan_residents_by_age.bands.2005-10.15-18", "pass", ("persons under 15", "persons under 16"), "fail"),
    ("thai_protection_centers.non_thai_share.2005-10", "pass", ("about 40-50% are", "about 10-20% are"), "fail"),
    ("thai_protection_centers.non_thai_share.2007-02", "fail", ("about 40-50% are", "about 60-75% are"), "pass"),
    ("tier_placements.prose.KHM.2005", "pass", ("re-classified as Tier 3", "re-classified as Tier 2"), "fail"),
    ("tier_definitions.distinct.2.2WL", "fail",
     ("Tier 2 Watch List: Countries whose governments do not fully comply", "Tier 2 Watch List: Countries on watch"),
     "pass"),
    ("thai_victims_rescued.countries", "fail", ("Other(22 c.)\t2", "Other(23 c.)\t2"), "pass"),
    ("kredtrakhan_residents_by_nationality.prose.total", "pass", ("out of total 380", "out of total 390"), "fail"),
    ("kredtrakhan_residents_by_nationality.prose.MMR", "fail", ("about 40 to 50 Myanmar", "about 30 to 40 Myanmar"),
     "pass"),
    ("thai_registered_migrants.total.2002-03", "fail", ("a total of 428,431 migrants", "a total of 428,427 migrants"),
     "pass"),
    ("anti_trafficking_measures.thai_centers", "pass", ("In total 7 protection", "In total 8 protection"), "fail"),
]


@pytest.mark.parametrize(("check_id", "status", "edit", "after"), CASES, ids=[c[0] for c in CASES])
def test_check_flips_when_the_source_is_edited(real, check_id, status, edit, after):
    assert real[check_id].status == status
    edited = findings_after(edit)
    if after is None:  # the edit corrected the label: the check now passes under its new name
        assert check_id not in edited and all(
            f.status == "pass" for k, f in edited.items() if k.startswith("kredtrakhan_residents_by_age.bands"))
    else:
        assert edited[check_id].status == after, edited[check_id].message


def test_every_check_function_is_covered_by_a_case():
    prefixes = {
        "printed_totals": "thai_victims_rescued.row_total.",
        "printed_shares": "kredtrakhan_residents_by_nationality.share.",
        "age_groups_add_up": "kredtrakhan_residents_by_age.total.",
        "age_groups_do_not_overlap": "kredtrakhan_residents_by_age.bands.",
        "non_host_share": "thai_protection_centers.non_thai_share.",
        "tiers_in_prose": "tier_placements.prose.",
        "tier_definitions_differ": "tier_definitions.distinct.",
        "countries_of_rescue": "thai_victims_rescued.countries",
        "center_residents_in_prose": "kredtrakhan_residents_by_nationality.prose.",
        "centers_in_measures_table": "anti_trafficking_measures.thai_centers",
    }
    assert set(prefixes) == set(CHECKS)
    for prefix in prefixes.values():  # each check is seen failing, on the real or on an edited source
        assert any(case[0].startswith(prefix) and "fail" in (case[1], case[3]) for case in CASES), prefix


def test_findings_carry_severity_and_lines(real):
    truncated = real["kredtrakhan_residents_by_nationality.share.VNM.2007-02"]
    assert truncated.severity == "warning" and "truncated" in truncated.message and truncated.source_lines == (574,)
    assert real["tier_placements.prose.KHM.2006"].severity == "info"
