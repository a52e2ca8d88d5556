"""The PDF reader's tables scored on a peer's suite: the ICDAR 2013 Table Competition's EU half
(`../shared/icdar2013-eu/`, tests/icdar.py), with the competition's adjacency metric; and the metric itself."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from . import icdar

# The level the reader reached on the whole EU half (docs/reading-pdfs.md, "Tables"): a regression below it fails.
FLOOR_F1 = 0.97
FLOOR_NUMERIC = 0.99

suite = pytest.mark.skipif(not icdar.SUITE.is_dir(), reason=f"the ICDAR 2013 EU half is not at {icdar.SUITE}")


def test_relations_of_a_table_with_a_spanning_cell():
    cells = [icdar.Cell(0, 0, 0, 1, "Year"), icdar.Cell(1, 0, 1, 0, "2004"), icdar.Cell(1, 1, 1, 1, "5"),
             icdar.Cell(2, 0, 2, 0, ""), icdar.Cell(2, 1, 2, 1, "6")]
    assert icdar.relations(cells) == {("Year", "2004", "below"): 1, ("Year", "5", "below"): 1,
                                      ("2004", "5", "right"): 1, ("5", "6", "below"): 1}


def test_a_reader_is_scored_against_its_best_match_on_the_page():
    truth = icdar.Truth("t", 1, icdar.grid([["a", "1"], ["b", "2"]]))
    exact, other = (1, [["a", "1"], ["b", "2"]]), (1, [["x", "y"]])
    assert icdar.score_document([truth], [other, exact]).f1 == 1.0
    assert icdar.score_document([truth], [(2, exact[1])]).f1 == 0.0  # another page's table is no match
    merged = icdar.score_document([truth], [(1, [["a 1"], ["b 2"]])])
    assert (merged.correct, merged.expected, merged.numbers, merged.numbers_found) == (0, 4, 2, 0)


@suite
def test_the_ground_truth_read_back_scores_full_marks():
    _name, _pdf, (truths, *_) = icdar.documents(("eu-002",))[0]
    rows: dict[int, list[list[str]]] = {}
    for cell in truths[0].cells:
        grid = rows.setdefault(cell.row, [])
        grid += [""] * (cell.col + 1 - len(grid))
        grid[cell.col] = cell.content
    found = icdar.score_document(truths, [(truths[0].page, [rows[r] for r in sorted(rows)])])
    assert found.f1 == 1.0 and found.numeric_recall == 1.0


@suite
def test_the_reader_on_the_eu_half_holds_its_level():
    total, by_pdf = icdar.score(icdar.tip_gms)
    assert len(by_pdf) == 27
    assert not total.refused, total.refused
    assert total.f1 >= FLOOR_F1, f"relations F1 {total.f1:.3f} fell below {FLOOR_F1}"
    assert total.numeric_recall >= FLOOR_NUMERIC, f"numeric-cell recall {total.numeric_recall:.1%} fell"


@suite
def test_the_command_line_prints_every_table_as_json():
    pdf = icdar.SUITE / "eu-002.pdf"
    printed = subprocess.run([sys.executable, "-m", "tip_gms.pdf", str(pdf), "--tables"], capture_output=True,
                             text=True, check=True).stdout
    tables = json.loads(printed)
    assert [table["page"] for table in tables] == [1]
    x0, top, x1, bottom = tables[0]["bbox"]
    assert 0 < x0 < x1 and 0 < top < bottom
    assert tables[0]["rows"][0] == ["", "Q1", "Q2", "Q3", "Q4", "Total"]
