"""Every dataset built from every PDF rendition of the source equals the one built from the text.

The renditions are made by independent typesetters (tests/renditions/, committed under
tests/fixtures/renditions/; reportlab's is typeset at test time, tests/pdf_fixture.py). Rows must be equal
in every column but those that say where a value was read (lines and pages differ between a text and a
PDF); quality_findings must have the same checks with the same results.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tip_gms import pipeline
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.pipeline import read_source

from .conftest import REPO, REPORT, SOURCE_CONFIG
from .renditions.check import comparable

FIXTURES = REPO / "tests" / "fixtures" / "renditions"
RENDITIONS = ["reportlab", *sorted(path.stem for path in FIXTURES.glob("*.pdf"))]
DATASETS = SOURCE_CONFIG["datasets"]


class Built:
    """One rendition read once, and every dataset built from it as the pipeline does; if it cannot be built,
    every dataset keeps the problems."""

    def __init__(self, path):
        self.frames, self.errors = {}, {}
        try:
            parsed = read_source(REPORT, str(path), "pdf")
            self.frames = pipeline.build({"r": parsed}, {"r": REPORT}, {"r": str(path)})["r"]
        except (SourceError, SourceErrors) as error:
            self.errors = dict.fromkeys(DATASETS, error)


_built: dict[str, Built] = {}


@pytest.fixture(scope="session")
def rendition(request, pdf_path):
    """The datasets of one rendition, read once per test session."""
    def get(name: str) -> Built:
        if name not in _built:
            _built[name] = Built(pdf_path if name == "reportlab" else FIXTURES / f"{name}.pdf")
        return _built[name]
    return get


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("name", RENDITIONS)
def test_every_dataset_of_every_rendition_equals_the_texts(built, rendition, name, dataset):
    result = rendition(name)
    assert dataset not in result.errors, f"{name}: {result.errors[dataset]}"
    text, pdf = built[0][dataset], result.frames[dataset]
    assert pdf["source_page"].notna().all()
    expected, actual = comparable(text, dataset), comparable(pdf, dataset)
    if not actual.equals(expected):  # show the rows that differ, not two whole columns
        both = expected.astype(str).merge(actual.astype(str), how="outer", indicator=True)
        both["_merge"] = both["_merge"].astype(str).map({"left_only": "text only", "right_only": f"{name} only",
                                                         "both": ""})
        differ = both[both["_merge"] != ""]
        pytest.fail(f"{name}: {len(actual)} rows, the text {len(expected)}; rows that differ:\n"
                    f"{differ.head(10).to_string(max_colwidth=80)}")
    pd.testing.assert_frame_equal(actual, expected)  # also dtypes and order
