"""numeric_mentions, key_figures and indicators on the real source."""

import re

import pandas as pd
import pytest
import yaml

from tip_gms.datasets import schema
from tip_gms.derived import indicators as indicators_module
from tip_gms.derived.indicators import definitions
from tip_gms.document import BULLET, NUMBERED, PARAGRAPH
from tip_gms.errors import SourceErrors
from tip_gms.shapes import shape, to_arrow
from tip_gms.validation import validate

from .conftest import REPO, build_all, report_of


@pytest.fixture(scope="module")
def mentions(built):
    return built[0]["numeric_mentions"]


def mention(mentions, line, as_printed):
    rows = mentions[(mentions["source_line"] == line) & (mentions["as_printed"] == as_printed)]
    assert len(rows) == 1, (line, as_printed, len(rows))
    return rows.iloc[0]


def test_mentions_count_and_ids(mentions):
    assert len(mentions) == 120
    assert mentions["mention_id"].is_unique
    assert mention(mentions, 58, "600,000~800,000")["mention_id"] == "jica_interim_report_2007:58:1"


@pytest.mark.parametrize(
    ("line", "as_printed", "value", "value_max", "unit", "qualifier", "iso3"),
    [
        (58, "US$. 5 to 7 billion", 5e9, 7e9, "usd", "about", None),
        (138, "10,000", 10_000, None, "persons", "about", "KHM"),  # unit carried from "88,000 ... women"
        (204, "1,754-kilometer", 1754, None, "km", None, "LAO"),
        (269, "20", 20, None, "persons", None, "LAO"),  # "20 of them": carried
        (281, "8", 8, None, "count", None, "MMR"),  # "8 out of which": carried from "135 ethnic groups"
        (347, "15", 15, None, "persons", None, "MMR"),  # "15 at in Surat Thani": carried from the line above
        (456, "one (1)", 1, None, "years", None, "VNM"),
        (465, "37,595", 37_595, None, "persons", None, "THA"),
        (566, "between 9-24", 9, 24, "years", None, "THA"),
        (727, "11", 11, None, "count", None, "KHM"),
    ],
)
def test_hand_checked_mentions(mentions, line, as_printed, value, value_max, unit, qualifier, iso3):
    row = mention(mentions, line, as_printed)
    assert row["value"] == pytest.approx(value)
    assert (None if pd.isna(row["value_max"]) else row["value_max"]) == value_max
    assert (row["unit"], None if pd.isna(row["qualifier"]) else row["qualifier"]) == (unit, qualifier)
    assert (None if pd.isna(row["iso3"]) else row["iso3"]) == iso3


def test_sections_are_heading_paths(mentions):
    assert mention(mentions, 170, "67")["section"] == (
        "Cambodia: > C2. Measures for Anti-Trafficking in Persons : > C2-1. Legal Framework (Cont.)")
    assert mention(mentions, 344, "380")["section"] == "Myanmar: M1. Present Situations > Myanmar victims in Thailand"
    assert mention(mentions, 59, "One third")["section"].startswith("Trafficking in Women and Children")


def test_mentions_come_from_prose_only(parsed, mentions):
    kinds = {line.number: line.kind for line in parsed.lines}
    assert {kinds[line] for line in mentions["source_line"]} <= {BULLET, NUMBERED, PARAGRAPH}


# Every run of digits in the prose is either inside a mention or one of these non-quantities.
_NON_QUANTITY_DIGITS = re.compile(
    r"""(?ix)
      (?<![\d,])(?:19|20)\d\d(?!\d|,\d)          # a year
    | B\.E\.\s*\d+                              # a Buddhist-era year
    | ^(?:-\s*)?\d+(?:-\d+)*[.)]\s               # list numbering: "1.", "2-1.", "1)"
    | ^(?:-\s*)?\d+\s+-\s                        # list numbering: "1 - Act as..."
    | tier\s*\d(?:-WL)?                          # a tier code
    | no\.\s*\d+ | section\s+\d+ | article\s+\d+ # law, section and article numbers
    | \(\d\)                                     # a meeting number "(4)"
    | "\d+\s                                     # a name in quotes: "130 office"
    | \+\d+                                      # "Beijing+5"
    | \d+th\b                                    # an ordinal
    | \d{1,2}\s*(?:-\s*\d{1,2}\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}  # a day
    | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{1,2}(?:-\d{1,2})?,\s*\d{4}  # a day
    | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{4}  # a month
    | /\s*\d{4}                                  # "5/ 2005"
    """
)


def test_every_number_in_the_prose_is_a_mention_or_a_known_non_quantity(parsed, mentions):
    by_line = mentions.groupby("source_line")
    for line in parsed.lines:
        if line.kind not in (BULLET, NUMBERED, PARAGRAPH):
            continue
        text = re.sub(r"^-\s*", "", line.text)
        covered = [False] * len(text)
        if line.number in by_line.groups:
            for _, row in by_line.get_group(line.number).iterrows():
                covered[row["position"] - 1 : row["position"] - 1 + len(row["as_printed"])] = [True] * len(
                    row["as_printed"])
        for match in _NON_QUANTITY_DIGITS.finditer(text):
            covered[match.start() : match.end()] = [True] * (match.end() - match.start())
        left = [m.group() for m in re.finditer(r"\d+", text) if not all(covered[m.start() : m.end()])]
        assert not left, f"line {line.number}: {left} in {text!r}"


def test_words_that_are_not_numbers_stay_out(mentions):
    printed = set(mentions["as_printed"].str.casefold())
    assert not printed & {"a few", "many", "most", "several", "majority", "second", "first"}


def test_key_figures_cover_the_region_and_all_five_countries(built):
    figures = built[0]["key_figures"]
    assert len(figures) >= 40
    assert {"KHM", "LAO", "MMR", "THA", "VNM"} <= set(figures["iso3"].dropna())
    assert figures["iso3"].isna().sum() >= 3


KEY_FIGURES = [  # (figure_id, value, value_max, unit, line), checked by hand against the source
        ("victims_worldwide_per_year", 600_000, 800_000, "persons", 58),
        ("victims_share_from_southeast_asia", 1 / 3, None, "fraction", 59),
        ("khm_women_children_crossed_to_thailand", 88_000, None, "persons", 138),
        ("khm_victims_rescued_by_police", 164, None, "persons", 170),
        ("lao_border_with_thailand", 1754, None, "km", 204),
        ("lao_lwu_center_trafficked", 21, None, "persons", 269),
        ("mmr_migrant_workers_in_thailand", 1_000_000, None, "persons", 282),
        ("mmr_girls_at_kredtrakhan", 40, 50, "persons", 344),
        ("vnm_micro_credit_maximum", 1_000_000, None, "vnd", 456),
        ("vnm_reception_stay_weeks", 2, None, "weeks", 440),
        ("tha_registered_migrants", 428_431, None, "persons", 464),
        ("tha_sex_workers", 250_000, 400_000, "persons", 490),
]


@pytest.mark.parametrize(("figure_id", "value", "value_max", "unit", "line"), KEY_FIGURES)
def test_hand_checked_key_figures(built, figure_id, value, value_max, unit, line):
    row = built[0]["key_figures"].set_index("figure_id").loc[figure_id]
    assert row["value"] == pytest.approx(value) and row["unit"] == unit and row["source_line"] == line
    assert (None if pd.isna(row["value_max"]) else row["value_max"]) == value_max


@pytest.mark.parametrize(
    ("locator", "unit", "problem"),
    [
        ("a phrase the report never uses {}", "persons", "picks 0 mentions"),
        ("{} victims", "persons", "picks "),  # several
        ("a total of {} migrants had registered", "percent", "expects unit percent, the source states persons"),
        ("no placeholder at all", "persons", "exactly once"),
    ],
)
def test_a_bad_locator_stops_the_run_naming_the_figure(parsed, tmp_path, locator, unit, problem):
    registry = tmp_path / "key_figures.yaml"
    registry.write_text(yaml.safe_dump([{"id": "my_figure", "label": "A figure", "unit": unit, "iso3": None,
                                         "period": None, "locator": locator}]))
    report = report_of("key_figures")
    report.datasets["key_figures"] = {"registry": str(registry)}
    with pytest.raises(SourceErrors, match=problem) as error:
        build_all(parsed, report)
    assert "dataset key_figures" in str(error.value) and "key figure my_figure" in str(error.value)
    assert str(registry) in str(error.value)


@pytest.fixture(scope="module")
def indicators(built):
    tables = {name: to_arrow(frame, shape(name, schema(name))) for name, frame in built[0].items()}
    derived = indicators_module.derive(tables, [], {"indicators": REPO / "workflow" / "indicators.yaml"})
    return validate("indicators", schema("indicators"), derived).set_index(["indicator_id", "breakdown", "period"])


INDICATORS = [  # ((indicator_id, breakdown, period), value, value_text), computed by hand from the tables
        (("tier_latest", "KHM", "2006"), 3, "2WL"),
        (("tier_latest", "LAO", "2006"), 4, "3"),
        (("tier_worst", "VNM", "2001-2006"), 3, "2WL"),
        (("years_on_tier_3", "MMR", "2001-2006"), 6, None),
        (("years_on_tier_3", "KHM", "2001-2006"), 2, None),
        (("years_on_watch_list", "CHN", "2001-2006"), 2, None),
        (("tier_change_first_to_last", "LAO", "2001-2006"), 2, "2 -> 3"),
        (("thai_victims_rescued_total", "all", "2003"), 199, None),
        (("thai_victims_rescued_top_destination", "all", "2002"), 27, "UK"),
        (("thai_victims_rescued_destination_share", "Japan", "2002-2005"), 100 * 168 / 602, "Japan"),
        (("thai_victims_rescued_change", "all", "2002-2005"), 186 - 74, None),
        (("thai_victims_rescued_change_pct", "all", "2002-2005"), 100 * (186 - 74) / 74, None),
        (("kredtrakhan_non_thai_share", "all", "2005-10"), 100 * (380 - 189) / 380, None),
        (("kredtrakhan_trafficked_share", "all", "2005-10"), 100 * 209 / 380, None),
        (("kredtrakhan_share_change", "Myanmar", "2005-10 to 2007-02"), 100 * 116 / 391 - 100 * 38 / 380, "Myanmar"),
        (("kredtrakhan_under_18_share", "all", "2005-10"), 100 * (144 + 135) / 380, None),
        (("registered_migrants_share", "Myanmar", "2002-03"), 100 * 348_747 / (348_747 + 42_085 + 37_595), "Myanmar"),
        (("registered_migrants_share", "Cambodia", "2002-03"), 100 * 37_595 / (348_747 + 42_085 + 37_595), "Cambodia"),
]


@pytest.mark.parametrize(("key", "value", "value_text"), INDICATORS)
def test_hand_checked_indicators(indicators, key, value, value_text):
    row = indicators.loc[key]
    assert row["value"] == pytest.approx(value)
    assert (None if pd.isna(row["value_text"]) else row["value_text"]) == value_text
    assert row["definition"].endswith(".") and row["inputs"]


def test_every_indicator_has_rows_and_its_provenance(indicators):
    frame = indicators.reset_index()
    defined = {indicator["id"] for indicator in definitions(REPO / "workflow" / "indicators.yaml")}
    assert set(frame["indicator_id"]) == defined
    assert all(str(line) in lines.split(";") for line, lines in zip(frame["source_line"], frame["source_lines"],
                                                                   strict=True))
