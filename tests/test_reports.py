"""What the config says about a source (tip_gms.reports), and the datasets a source builds in order."""

import dataclasses

import pytest

from tip_gms import datasets
from tip_gms.errors import SourceError
from tip_gms.reports import Report

from .conftest import REPORT, SOURCE_CONFIG


def test_a_missing_setting_names_where_it_belongs():
    where = r"\(workflow/config.yaml, sources > tip_gms_2007 > datasets > tier_placements\)"
    with pytest.raises(SourceError, match=rf"no `caption` for dataset tier_placements of source tip_gms_2007 {where}"):
        dataclasses.replace(REPORT, datasets={"tier_placements": {}}).setting("tier_placements", "caption")


@pytest.mark.parametrize(("header", "area"), [
    ("Legal Framework", "legal_framework"), ("National FP and Mechanism", "focal_point_mechanism"),
    ("C2-3. National Focal Point and National Mechanism", "focal_point_mechanism"), ("Budget", None),
])
def test_measure_areas_are_named_in_the_reports_words(header, area):
    assert REPORT.measure_area(header) == area


def test_the_region_is_named_as_the_config_says():
    assert REPORT.region.named_in("What has been done at the policy level in GMS ?")
    assert not REPORT.region.named_in("GMSX is not it")
    assert Report.from_config({**SOURCE_CONFIG, "region": None}).region is None


def test_datasets_come_after_the_datasets_they_read():
    order = datasets.in_build_order([REPORT])
    assert order.index("numeric_mentions") < order.index("key_figures") and "quality_findings" not in order


def test_a_dataset_reading_one_the_source_does_not_build_stops_the_run():
    report = dataclasses.replace(REPORT, datasets={"key_figures": REPORT.settings("key_figures")})
    with pytest.raises(SourceError, match="reads dataset numeric_mentions, which source tip_gms_2007 does not build"):
        datasets.in_build_order([report])
