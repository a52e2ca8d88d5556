"""Each dataset builder on the real source (hand-checked values) and on small edits of it."""

from datetime import date

import pandas as pd
import pytest

from tip_gms import datasets, document, pipeline, source
from tip_gms.errors import SourceErrors

from .conftest import RAW, REPORT, SOURCE_CONFIG, build_all, report_of

EXPECTED_ROWS = {
    "documents": 3, "tier_placements": 42, "tier_definitions": 4, "thai_victims_rescued": 36,
    "kredtrakhan_residents_by_nationality": 20, "kredtrakhan_residents_by_age": 4, "thai_protection_centers": 7,
    "anti_trafficking_measures": 20, "policy_timeline": 8, "country_policy_events": 63, "thai_registered_migrants": 3,
    "myanmar_victims_in_thai_centers": 4, "missions": 8,
    "numeric_mentions": 120, "key_figures": 51,
}


def build_edited(name: str, edit):
    """Build one dataset (and its checks) from the real source after `edit(lines)` changed its list of lines in
    place: the dataset, and the findings as `.items`."""
    lines = source.read_lines(RAW)
    edit(lines)
    report = report_of(name)
    frames, findings = build_all(document.parse(report, lines), report)
    return frames[name], findings


def replace_line(number: int, old: str, new: str):
    def edit(lines):
        assert old in lines[number - 1], lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new)
    return edit


def row(frame: pd.DataFrame, **where) -> pd.Series:
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, f"{where} selects {len(selected)} rows"
    return selected.iloc[0]


@pytest.mark.parametrize(("name", "rows"), EXPECTED_ROWS.items())
def test_row_counts(built, name, rows):
    frames, _ = built
    assert len(frames[name]) == rows


def test_every_row_has_provenance(built):
    frames, _ = built
    for name, frame in frames.items():
        assert frame["doc_id"].notna().all() and (frame["source_line"] >= 1).all(), name
        assert frame["source_page"].isna().all(), f"{name}: a text source has no pages"


def test_documents(built):
    docs = built[0]["documents"].set_index("doc_id")
    jica = docs.loc["jica_interim_report_2007"]
    assert jica["title"].startswith("Interim Report on Fact Finding Missions")
    assert jica["authors_or_presenters"] == "Yumiko TANAKA; Arphatchanee HONGSWADHI"
    assert jica["date"] == date(2007, 3, 1) and jica["date_as_printed"] == "March 2007"
    cambodia = docs.loc["cambodia_experiences_2007"]
    assert cambodia["authors_or_presenters"] == "H.E. Mrs. You Ay"
    assert cambodia["organisation"] == "Ministry of Women's Affairs"
    assert cambodia["date"] == date(2007, 3, 7)
    shelters = docs.loc["shelters_gms_2007"]
    assert shelters["organisation"] == "AFESIP, CWCC and MoSAVY"
    assert shelters["authors_or_presenters"] == "Chhoeurth SAO"
    assert (shelters["first_line"], shelters["last_line"]) == (859, 917)


def test_tier_placements(built):
    tiers = built[0]["tier_placements"]
    cambodia_2006 = row(tiers, iso3="KHM", year=2006)
    assert (cambodia_2006["tier"], cambodia_2006["tier_rank"], cambodia_2006["tier_as_printed"]) == ("2WL", 3, "2-WL")
    assert cambodia_2006["source_line"] == 90
    assert row(tiers, iso3="LAO", year=2006)["tier"] == "3"
    assert set(tiers.loc[tiers["iso3"] == "MMR", "tier"]) == {"3"}
    assert row(tiers, iso3="JPN", year=2004)["tier_rank"] == 3
    assert sorted(tiers["year"].unique()) == [2001, 2002, 2003, 2004, 2005, 2006]


def test_tier_table_with_one_more_year_still_parses():
    def add_2007(lines):
        header = next(i for i, line in enumerate(lines) if line.startswith("\t2001\t"))
        lines[header] += "\t2007"
        for i in range(header + 1, header + 8):
            lines[i] += "\t2"
    frame, _ = build_edited("tier_placements", add_2007)
    assert len(frame) == 49 and row(frame, iso3="MMR", year=2007)["tier"] == "2"


def test_tier_definitions(built):
    definitions = built[0]["tier_definitions"].set_index("tier")
    assert list(definitions.index) == ["1", "2", "2WL", "3"]
    assert definitions.loc["2WL", "label"] == "Tier 2 Watch List"
    assert definitions.loc["3", "definition"].endswith("are not making significant efforts to do so.")
    assert definitions.loc["1", "source_line"] == 102


def test_thai_victims_rescued(built):
    rescued = built[0]["thai_victims_rescued"]
    japan_2003 = row(rescued, destination="Japan", year=2003)
    assert (japan_2003["persons"], japan_2003["destination_iso3"], japan_2003["source_line"]) == (57, "JPN", 480)
    bahrain_2002 = row(rescued, destination="Bahrain", year=2002)
    assert (bahrain_2002["persons"], bahrain_2002["reported_as_dash"]) == (0, True)
    other = row(rescued, destination="Other(22 c.)", year=2005)
    assert pd.isna(other["destination_iso3"]) and other["persons"] == 24
    assert row(rescued, destination="UK", year=2002)["destination_iso3"] == "GBR"
    assert rescued["reported_as_dash"].sum() == 2
    assert "Total" not in set(rescued["destination"])


def test_thai_victims_rescued_totals_are_checked(built):
    findings = {f.check_id: f for f in built[1].items}
    japan = findings["thai_victims_rescued.row_total.Japan"]
    assert (japan.status, japan.expected, japan.observed) == ("pass", "168", "168")
    assert findings["thai_victims_rescued.column_total.2003"].status == "pass"
    # The printed grand total (610) is not the sum of the table (602): a finding, not a crash.
    grand = findings["thai_victims_rescued.column_total.Total"]
    assert (grand.status, grand.severity, grand.expected, grand.observed) == ("fail", "warning", "610", "602")


def test_a_changed_total_is_a_finding_not_an_error():
    frame, findings = build_edited("thai_victims_rescued", replace_line(480, "\t168", "\t170"))
    japan = next(f for f in findings.items if f.check_id == "thai_victims_rescued.row_total.Japan")
    assert japan.status == "fail" and japan.source_lines == (480,)
    assert len(frame) == 36


def test_kredtrakhan_residents_by_nationality(built):
    residents = built[0]["kredtrakhan_residents_by_nationality"]
    lao = row(residents, iso3="LAO", as_of=date(2005, 10, 1), category="trafficked_victims")
    assert (lao["persons"], lao["nationality"], lao["source_line"]) == (133, "Laos", 571)
    lao_others = row(residents, iso3="LAO", as_of=date(2005, 10, 1), category="others")
    assert (lao_others["persons"], lao_others["reported_as_dash"]) == (0, True)
    thai_2007 = row(residents, iso3="THA", as_of=date(2007, 2, 1), category="total")
    assert (thai_2007["persons"], thai_2007["share_pct_reported"]) == (111, 28.4)
    assert row(residents, iso3="VNM", as_of=date(2007, 2, 1), category="total")["share_pct_reported"] == 0.7
    assert residents.loc[residents["category"] != "total", "share_pct_reported"].isna().all()


def test_kredtrakhan_totals_are_checked(built):
    findings = {f.check_id: f for f in built[1].items if "_total." in f.check_id
                and f.datasets == "kredtrakhan_residents_by_nationality"}
    assert findings["kredtrakhan_residents_by_nationality.column_total.total.2007-02"].expected == "391"
    assert findings["kredtrakhan_residents_by_nationality.row_total.MMR.2005-10"].observed == "38"
    assert all(f.status == "pass" for f in findings.values())
    assert len(findings) == 4 + 5  # four printed column totals, five nationalities split by category


def test_kredtrakhan_residents_by_age(built):
    ages = built[0]["kredtrakhan_residents_by_age"].set_index("age_group")
    assert list(ages.index) == ["under 15", "15-18", "9-24", "over 25"]
    assert (ages.loc["under 15", "age_min"], ages.loc["under 15", "age_max"], ages.loc["under 15", "persons"]) == (
        0, 14, 144)
    assert ages.loc["9-24", "persons"] == 75 and ages.loc["9-24", "age_min"] == 9
    assert pd.isna(ages.loc["over 25", "age_max"]) and ages.loc["over 25", "persons"] == 26
    assert set(ages["source_line"]) == {566} and set(ages["as_of"]) == {date(2005, 10, 1)}


def test_thai_protection_centers(built):
    centers = built[0]["thai_protection_centers"]
    kredt = row(centers, center_name="Baan Kredtrakhan Protection and Vocational Development Center",
                residents="girls_and_young_women")
    assert (kredt["non_thai_pct_min"], kredt["non_thai_pct_max"], kredt["majority_origin_iso3"]) == (40, 50, "LAO;MMR")
    assert kredt["location"] == "Bangkok (Nontaburi)" and kredt["source_line"] == 556
    boys = row(centers, center_name="Chiang Mai Home for Boys")
    assert boys["residents"] == "boys" and pd.isna(boys["non_thai_pct_min"]) and pd.isna(boys["majority_origin_iso3"])
    assert row(centers, location="Surattani")["majority_origin_iso3"] == "MMR"


def test_anti_trafficking_measures(built):
    measures = built[0]["anti_trafficking_measures"]
    assert row(measures, iso3="LAO", measure_area="legal_framework")["text"] == "2004 Law on Protection of W and C."
    myanmar = row(measures, iso3="MMR", measure_area="focal_point_mechanism")
    assert myanmar["text"].startswith("Central Body for Suppression of TIP , chaired by Minister of Home Affairs")
    assert myanmar["source_line"] == 615
    assert row(measures, iso3="THA", measure_area="social_delivery")["text"].startswith(
        "In total 7 protection and rehabilitation centers")
    assert sorted(measures["iso3"].unique()) == ["KHM", "LAO", "MMR", "THA", "VNM"]


# Bad input: each stops with the dataset, column, value and line.
@pytest.mark.parametrize(
    ("dataset", "edit", "expected"),
    [
        ("tier_placements", replace_line(91, "\t2-WL", "\t2-XL"), ["column tier", "'2-XL'", "source line 91"]),
        ("thai_victims_rescued", replace_line(481, "\t25\t", "\t2S\t"), ["column 2002", "'2S'", "source line 481"]),
        ("kredtrakhan_residents_by_nationality", replace_line(572, "\t28\t", "\t2B\t"),
         ["column trafficked_victims", "'2B'", "source line 572"]),
        ("tier_placements", replace_line(93, "Viet Nam", "Atlantis"), ["column country", "'Atlantis'", "line 93"]),
        ("thai_victims_rescued", replace_line(484, "UK\t27\t2\t", "UK\t27\t"), ["row", "'UK'", "line 484", "missing"]),
        ("anti_trafficking_measures", replace_line(612, "Social Delivery Measures", "Budget"),
         ["column measure_area", "'Budget'", "line 612"]),
        ("kredtrakhan_residents_by_age", replace_line(566, "Oct.2005", "Octember 2005"), ["as_of", "line 566"]),
        ("thai_protection_centers", replace_line(555, "Persons Staying", "Persons Staying\tRemarks"),
         ["column header", "Remarks", "line 555"]),
    ],
)
def test_bad_cells_stop_with_a_precise_message(dataset, edit, expected):
    with pytest.raises(SourceErrors) as error:
        build_edited(dataset, edit)
    message = str(error.value)
    for part in expected:
        assert part in message, message


def test_a_duplicated_row_breaks_the_key_and_names_both_lines():
    def duplicate_laos(lines):
        lines.insert(91, lines[90])  # Laos again, as line 92
    with pytest.raises(SourceErrors) as error:
        build_edited("tier_placements", duplicate_laos)
    message = str(error.value)
    assert "duplicate key (doc_id, iso3, year)" in message and "source lines 91, 92" in message
    assert "tier_placements" in message


def test_every_configured_dataset_has_a_schema_and_a_builder():
    for name in SOURCE_CONFIG["datasets"]:
        schema = datasets.schema(name)
        assert schema.to_schema().columns
        assert name == "quality_findings" or callable(datasets.builder_for(REPORT, name).build)


def test_a_dataset_the_source_no_longer_yields_stops_the_run(tmp_path, monkeypatch):
    real = datasets.builder_for

    def builder_for(report, name):
        found = real(report, name)
        empty = datasets.Builder(name, found.schema, lambda _: pd.DataFrame(), ())
        return empty if name == "tier_definitions" else found

    monkeypatch.setattr(datasets, "builder_for", builder_for)
    source_spec = {**SOURCE_CONFIG, "path": str(RAW)}
    with pytest.raises(SourceErrors, match="dataset tier_definitions: no rows"):
        pipeline.build_sources([source_spec], basedir=str(RAW.parents[1]), outputs=str(tmp_path), code="c")
    assert not list(tmp_path.iterdir())  # nothing staged
