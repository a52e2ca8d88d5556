"""Renditions in layouts drawn from seeds (tests/renditions/layout.py) give every dataset equal to the text's.

reportlab's are typeset at test time; Chromium's and LibreOffice Writer's, which CI cannot run, are committed
(`make random-fixtures`, tests/fixtures/renditions/random/). All are drawn with the layout features the PDF
reader reads today (layout.READ_TODAY); those it does not read yet are listed, with what goes wrong, in
layout.NOT_READ_YET, and `make renditions-check` draws them all on fresh seeds.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.renditions import random_reportlab
from tests.renditions.check import problems
from tests.renditions.layout import FEATURES, READ_TODAY, Layout
from tests.renditions.make_random import RANDOM

REPORTLAB_SEEDS = (101, 102, 103, 104)
COMMITTED = sorted(RANDOM.glob("*.pdf"))


@pytest.mark.parametrize("seed", REPORTLAB_SEEDS)
def test_every_dataset_of_a_reportlab_rendition_in_a_drawn_layout_equals_the_texts(built, tmp_path, seed):
    target = tmp_path / f"reportlab_{seed}.pdf"
    random_reportlab.render(Layout.draw(seed, READ_TODAY), target)
    found = problems(target, built[0])
    assert not found, f"reportlab, seed {seed} ({Layout.draw(seed, READ_TODAY).describe()}):\n" + "\n".join(found)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda path: path.stem)
def test_every_dataset_of_a_committed_rendition_in_a_drawn_layout_equals_the_texts(built, path):
    found = problems(path, built[0])
    assert not found, f"{path.name}:\n" + "\n".join(found)


def test_each_engine_has_committed_renditions():
    engines = {path.stem.split("_")[0] for path in COMMITTED}
    assert engines == {"chromium", "writer"}, f"committed randomised renditions: {[p.name for p in COMMITTED]}"


def test_a_layout_is_drawn_from_its_seed_and_varies_between_seeds():
    assert Layout.draw(7) == Layout.draw(7)
    layouts = [Layout.draw(seed) for seed in range(60)]
    for field in dataclasses.fields(Layout):
        values = {getattr(layout, field.name) for layout in layouts}
        assert len(values) > 1, f"{field.name} is the same in 60 drawn layouts: {values}"


def test_a_feature_switched_off_is_not_drawn():
    layouts = [Layout.draw(seed, frozenset(FEATURES) - {"narrow_columns", "partial_rules", "title_split",
                                                        "slide_pages"}) for seed in range(40)]
    assert {layout.column_scale for layout in layouts} == {1.0}
    assert {layout.rules for layout in layouts} == {"all", "none"}
    assert {layout.page for layout in layouts} == {"A4", "Letter"}
    assert not any(layout.title_split for layout in layouts)
