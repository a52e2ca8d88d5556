"""The schemas: complete words for every column, and bad frames rejected with readable messages."""

import pandas as pd
import pytest

from tip_gms.datasets import schema
from tip_gms.errors import SourceErrors
from tip_gms.shapes import PROVENANCE, shape
from tip_gms.validation import validate

from .conftest import SOURCE_CONFIG

COUNT_COLUMNS = {"persons", "age_min", "age_max"}


@pytest.mark.parametrize("name", SOURCE_CONFIG["datasets"])
def test_every_column_is_described_and_counts_have_units(name):
    table = shape(name, schema(name))
    assert table.description and table.key, name
    for column in table.columns:
        assert len(column.description) > 10, f"{name}.{column.name} has no description"
        if column.name in COUNT_COLUMNS:
            assert column.unit in {"persons", "years"}, f"{name}.{column.name} has no unit"
    assert [c.name for c in table.columns][-len(PROVENANCE):] == list(PROVENANCE)
    assert table.key[0] == "doc_id", "keys are per document, so that several reports can be combined"


@pytest.mark.parametrize("name", SOURCE_CONFIG["datasets"])
def test_schema_accepts_the_real_dataset(built, name):
    frames, _ = built
    assert validate(name, schema(name), frames[name]).shape == frames[name].shape


def _fails(name, frame):
    with pytest.raises(SourceErrors) as error:
        validate(name, schema(name), frame)
    return str(error.value)


def test_an_unknown_tier_is_named_with_its_line(built):
    frame = built[0]["tier_placements"].copy()
    frame.loc[3, "tier"] = "4"
    message = _fails("tier_placements", frame)
    assert "dataset tier_placements, column tier, value '4', source line 90" in message


def test_a_negative_count_is_rejected(built):
    frame = built[0]["thai_victims_rescued"].copy()
    frame.loc[0, "persons"] = -1
    assert "column persons, value -1, source line 477" in _fails("thai_victims_rescued", frame)


def test_a_missing_column_is_named(built):
    frame = built[0]["anti_trafficking_measures"].drop(columns=["measure_area"])
    assert "measure_area" in _fails("anti_trafficking_measures", frame)


def test_an_extra_column_is_rejected(built):
    frame = built[0]["tier_definitions"].assign(note="x")
    assert "note" in _fails("tier_definitions", frame)


def test_a_tier_rank_that_contradicts_the_tier_is_rejected(built):
    frame = built[0]["tier_placements"].copy()
    frame.loc[0, "tier_rank"] = 4
    assert "rank_matches_tier" in _fails("tier_placements", frame)


def test_a_dash_must_be_stored_as_zero(built):
    frame = built[0]["thai_victims_rescued"].copy()
    frame.loc[frame["reported_as_dash"], "persons"] = 5
    assert "dash_is_zero" in _fails("thai_victims_rescued", frame)


def test_duplicate_keys_are_reported_once_per_key(built):
    frame = built[0]["tier_definitions"]
    message = _fails("tier_definitions", pd.concat([frame, frame.iloc[[1]]]))
    assert message.count("duplicate key (doc_id, tier)") == 1 and "'2')" in message
