"""The datasets read from the report's lists and bullets (policy milestones and events, registered migrants,
Myanmar victims in Thai centers, missions): hand-checked values on the real source, and edited sources."""

from datetime import date

import pandas as pd
import pytest

from tip_gms import items
from tip_gms.errors import SourceErrors

from .test_datasets import build_edited, replace_line, row

POLICY_DATASETS = ["policy_timeline", "country_policy_events", "thai_registered_migrants",
                   "myanmar_victims_in_thai_centers", "missions"]


def test_policy_timeline(built):
    timeline = built[0]["policy_timeline"]
    manila = row(timeline, source_line=71)
    assert (manila["start_year"], manila["end_year"], manila["event"]) == (
        1996, 2000, "Manila Process (International Migration and Human Trafficking)")
    open_ended = row(timeline, source_line=70)
    assert open_ended["start_year"] == 1996 and pd.isna(open_ended["end_year"])
    assert open_ended["date_as_printed"] == "1996~"
    bali = row(timeline, source_line=74)
    assert (bali["start_year"], bali["end_year"], bali["date_as_printed"]) == (2002, 2003, "2002, 2003")
    commit = row(timeline, source_line=75)
    assert (commit["month"], commit["participants_iso3"]) == (10, "KHM;CHN;LAO;MMR;THA;VNM")
    assert commit["event"].startswith("COMMIT Process (Coordinated Mekong")
    asean = row(timeline, source_line=76)
    assert (asean["start_year"], asean["end_year"], asean["month"]) == (2004, 2004, 11)
    assert pd.isna(asean["participants_iso3"])  # '10th ASEAN Summit in Laos' is a venue
    mou = row(timeline, source_line=77)
    assert mou["event"] == "Bilateral Memorandum of Understanding (MOU)"
    assert mou[["start_year", "end_year", "month", "date_as_printed"]].isna().all()


def test_country_policy_events_from_the_measures_sections(built):
    events = built[0]["country_policy_events"]
    mou = row(events, source_line=177)
    assert (mou["iso3"], mou["year"], mou["area"], mou["status"], mou["partner"], mou["partner_iso3"]) == (
        "KHM", 2005, "national_policy", "signed", "Viet Nam", "VNM")
    law = row(events, source_line=310)
    assert (law["iso3"], law["year"], law["month"], law["area"], law["status"]) == (
        "MMR", 2005, 9, "legal_framework", "adopted")
    laptu = row(events, source_line=258)
    assert (laptu["iso3"], laptu["country"], laptu["year"], laptu["month"], laptu["area"], laptu["status"]) == (
        "LAO", "Lao PDR", 2003, 5, "focal_point_mechanism", "established")
    assert laptu["section"] == "L2-3. National Focal Point and National Mechanism (Cont.)"
    vietnam_mou = row(events, source_line=413)
    assert (vietnam_mou["iso3"], vietnam_mou["partner"], vietnam_mou["partner_iso3"]) == ("VNM", "Cambodia", "KHM")
    assert row(events, source_line=532)["text"] == (
        "Anti-Trafficking Bureau on Women and Children under the Ministry of Social Development and Human "
        "Security (MoSDHS) has been established in 2002.")
    # Dated but not events (enforcement result, incident, US tier rating, situation) and undated items.
    assert not {170, 171, 176, 407, 164, 526} & set(events["source_line"])
    measures = events[events["doc_id"] == "jica_interim_report_2007"]
    assert measures["iso3"].value_counts().to_dict() == {"VNM": 14, "THA": 7, "KHM": 6, "MMR": 5, "LAO": 3}
    assert measures["year"].notna().all() and measures["area"].ne("international_agreement").all()


def test_country_policy_events_from_the_cambodia_presentation(built):
    events = built[0]["country_policy_events"]
    presentation = events[events["doc_id"] == "cambodia_experiences_2007"]
    assert len(presentation) == 28 and set(presentation["iso3"]) == {"KHM"}
    gms = row(events, source_line=728)
    assert (gms["year"], gms["month"], gms["status"], gms["partner"], gms["area"]) == (
        2004, 10, "signed", "GMS (6 countries)", "international_agreement")
    assert pd.isna(gms["partner_iso3"])
    extradition = row(events, source_line=737)
    assert (extradition["partner_iso3"], extradition["status"]) == ("LAO", "signed") and pd.isna(extradition["year"])
    assert row(events, source_line=744)[["partner_iso3", "status"]].tolist() == ["USA", "concluded"]
    go_ngo = row(events, source_line=730)
    assert (go_ngo["year"], go_ngo["month"]) == (2007, 2) and pd.isna(go_ngo["partner"])
    assert row(events, source_line=729)["status"] == "under_discussion"
    mechanism = row(events, source_line=808)
    assert (mechanism["year"], mechanism["month"], mechanism["area"]) == (2006, 6, "focal_point_mechanism")
    assert presentation["status"].value_counts()["ratified"] == 9
    assert (presentation["status"] == "draft").sum() == 3 and row(events, source_line=683)["year"] == 1993


def test_thai_registered_migrants(built):
    migrants = built[0]["thai_registered_migrants"]
    assert row(migrants, iso3="MMR")[["nationality", "registered", "source_line"]].tolist() == ["Myanmar", 348747, 465]
    assert row(migrants, iso3="LAO")["registered"] == 42085
    assert row(migrants, iso3="KHM")["registered"] == 37595
    assert set(migrants["as_of"]) == {date(2002, 3, 1)}


def test_the_registered_migrants_total_is_a_finding(built):
    finding = next(f for f in built[1].items if f.check_id == "thai_registered_migrants.total.2002-03")
    # 348,747 + 42,085 + 37,595 = 428,427, four fewer than the printed 428,431.
    assert (finding.status, finding.expected, finding.observed, finding.source_lines) == (
        "fail", "428431", "428427", (464, 465))


def test_a_corrected_migrants_total_passes():
    _, findings = build_edited("thai_registered_migrants", replace_line(464, "428,431", "428,427"))
    assert [f.status for f in findings.items] == ["pass"]


def test_myanmar_victims_in_thai_centers(built):
    victims = built[0]["myanmar_victims_in_thai_centers"]
    kredtrakhan = row(victims, center="Kredtrakhan Center")
    assert (kredtrakhan["persons_min"], kredtrakhan["persons_max"], kredtrakhan["as_printed"]) == (
        40, 50, "about 40 to 50")
    assert (kredtrakhan["qualifier"], kredtrakhan["residents_total"], kredtrakhan["usual_level"]) == (
        "about", 380, True)
    assert pd.isna(kredtrakhan["as_of"]) and kredtrakhan["source_line"] == 344
    korat = row(victims, center="Nakorn Rachasima center")
    assert (korat["persons_min"], korat["persons_max"], korat["as_of"]) == (5, 5, date(2007, 1, 1))
    assert pd.isna(korat["qualifier"]) and pd.isna(korat["residents_total"])
    few = row(victims, center="Pisanuloke center")
    assert (few["as_printed"], few["qualifier"], few["as_of"]) == ("A few", "a_few", date(2007, 2, 1))
    assert pd.isna(few["persons_min"]) and pd.isna(few["persons_max"])
    assert row(victims, center="Surat Thani center")["persons_min"] == 15


def test_missions(built):
    missions = built[0]["missions"]
    cambodia = row(missions, mission_no=2)
    assert cambodia[["country_or_area", "iso3", "start_month", "status", "partner"]].tolist() == [
        "Cambodia", "KHM", date(2006, 1, 1), "done", "NVEC"]
    assert row(missions, mission_no=3)["partner"] == "ASEAN/SOMSVD"
    north = row(missions, mission_no=1)
    assert (north["iso3"], north["start_year"], north["date_as_printed"]) == ("THA", 2006, "2006")
    assert pd.isna(north["start_month"]) and north["note"] == "and government centers/shelters in 2006 -2007"
    myanmar_field_visit = row(missions, mission_no=6)
    assert (myanmar_field_visit["status"], myanmar_field_visit["note"]) == ("planned", "field visit to be planned")
    china = row(missions, mission_no=7)
    assert (china["iso3"], china["status"], china["date_as_printed"]) == ("CHN", "planned", "?")
    assert pd.isna(china["start_year"]) and pd.isna(china["start_month"])
    formulation = row(missions, mission_type="project_formulation")
    assert formulation[["country_or_area", "iso3", "start_month", "end_month", "status", "note"]].tolist() == [
        "Thailand", "THA", date(2007, 5, 1), date(2007, 6, 1), "planned", "to be planned"]
    assert pd.isna(formulation["mission_no"]) and formulation["source_line"] == 31
    assert (missions["status"] == "done").sum() == 5


@pytest.mark.parametrize("name", POLICY_DATASETS)
def test_items_are_found_by_their_headings_not_their_line_numbers(built, name):
    def two_blank_lines_on_top(lines):
        lines[0:0] = ["", ""]
    frame, _ = build_edited(name, two_blank_lines_on_top)
    original = built[0][name]
    assert len(frame) == len(original)
    assert (frame["source_line"].to_numpy() == original["source_line"].to_numpy() + 2).all()


# Bad input: each stops with the column, the value as printed and the line.
@pytest.mark.parametrize(
    ("dataset", "edit", "expected"),
    [
        ("policy_timeline", replace_line(75, "Oct. 2004", "Okt. 2004"), ["column month", "'Okt. 2004'", "line 75"]),
        ("policy_timeline", replace_line(71, "1996~2000", "1996~20O0"), ["column end_year", "'20O0'", "line 71"]),
        ("policy_timeline", replace_line(71, "1996~2000", "2000~1996"), ["column date", "'2000~1996'", "line 71"]),
        ("policy_timeline", replace_line(72, "1998 ASEAN", "199 ASEAN"), ["column date", "'199'", "line 72"]),
        ("policy_timeline", replace_line(75, "Burma", "Atlantis"), ["column participants_iso3", "'Atlantis'",
                                                                    "line 75"]),
        ("country_policy_events", replace_line(310, "in September 2005", "in Septembre 2005"),
         ["column month", "'Septembre 2005'", "line 310"]),
        ("country_policy_events", replace_line(177, "with Viet Nam", "with Atlantis"),
         ["column partner_iso3", "'Atlantis'", "line 177"]),
        ("country_policy_events", replace_line(738, "China - signed", "Chima - signed"),
         ["column partner_iso3", "'Chima'", "line 738"]),
        ("country_policy_events", replace_line(173, "National Policies and Action Plans", "National Budget"),
         ["column area", "'C2-2. National Budget'", "line 175"]),
        ("thai_registered_migrants", replace_line(465, "42,085", "42,O85"), ["column registered", "'42,O85'",
                                                                             "line 465"]),
        ("thai_registered_migrants", replace_line(465, "from Laos", "from Atlantis"),
         ["column nationality", "'Atlantis'", "line 465"]),
        ("thai_registered_migrants", replace_line(464, "March 2002", "Marsh 2002"), ["column as_of", "line 464"]),
        ("myanmar_victims_in_thai_centers", replace_line(344, "40 to 50", "40 to 5O"),
         ["column persons_max", "'5O'", "line 344"]),
        ("myanmar_victims_in_thai_centers", replace_line(345, "January 2007", "Janvier 2007"),
         ["column as_of", "'Janvier 2007'", "line 345"]),
        ("missions", replace_line(25, "Jan.2006", "Jam.2006"), ["column start_month", "'Jam.2006'", "line 25"]),
        ("missions", replace_line(30, "China", "Atlantis"), ["column country_or_area", "'Atlantis'", "line 30"]),
        ("missions", replace_line(27, "Lao PDR, Dec.2006", "Lao PDR Dec.2006"), ["column mission", "line 27"]),
    ],
)
def test_bad_items_stop_with_a_precise_message(dataset, edit, expected):
    with pytest.raises(SourceErrors) as error:
        build_edited(dataset, edit)
    message = str(error.value)
    for part in expected:
        assert part in message, message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1996: Law on the Suppression of Kidnapping", (1996, None)),
        ("The Law (Law No. 5/ 2005) was adopted in September 2005.", (2005, 9)),
        ("MOU between GO's and NGOs: signed on 6 Feb 2007", (2007, 2)),
        ("notice agreement dated June15,2006 and letter dated July 17,2006", (2006, 6)),
        ("Plan 2005-2009, addressed anti-trafficking programs.", (2005, None)),
        ("Prevention Act (B.E. 2539) was made mainly to prevent", (None, None)),
        ("Law on Foreign Adoption", (None, None)),
    ],
)
def test_the_year_and_month_an_item_is_dated_by(text, expected):
    assert items.year_and_month(text, line=1) == expected


def test_names_in_a_printed_list():
    assert items.names("Cambodia, China, Laos, Burma, Thailand and Vietnam") == [
        "Cambodia", "China", "Laos", "Burma", "Thailand", "Vietnam"]
    assert items.names("Vietnam and Cambodia") == ["Vietnam", "Cambodia"]
