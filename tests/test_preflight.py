"""What every run settles before its first job (tip_gms.built_from.settle): what is built and published again,
and which of the reasons reach the console. (The config check is tested end to end in test_workflow.py.)"""

import json

import pytest

from tip_gms import built_from, paths
from tip_gms.publishing import release

SOURCE = {"id": "s", "path": "raw/s.txt", "sha256": "ab"}


@pytest.fixture
def settled(tmp_path):
    """Outputs as a good run leaves them: the source staged by build code "b1", a release published by publish
    code "p1", and publish's record."""
    with release.building(tmp_path, {"sources": [SOURCE], "code": "p1"}) as root:
        (root / "a.csv").write_text("a")
    stamp = paths.staged(tmp_path, "s")
    stamp.parent.mkdir(parents=True)
    stamp.write_text(json.dumps({"source": "s", "sha256": "ab", "code": "b1"}))
    record = paths.published(tmp_path)
    record.write_text("published\n")

    def settle(source=SOURCE, build_code="b1", publish_code="p1"):
        return built_from.settle(tmp_path, record, [source], build_code, publish_code)

    return tmp_path, stamp, record, settle


def test_nothing_is_done_again_when_nothing_changed(settled):
    _, stamp, record, settle = settled
    assert settle() == []
    assert stamp.exists() and record.exists()


@pytest.mark.parametrize("change", [
    {"build_code": "b2"},  # a builder edited
    {"publish_code": "p2"},  # a figure's code edited
    {"source": {**SOURCE, "sha256": "cd"}},  # a new version of the source, pinned
], ids=["build code", "publish code", "source pin"])
def test_an_edit_is_built_and_published_again_without_a_warning(settled, change):
    _, stamp, record, settle = settled
    assert settle(**change) == []
    assert not record.exists()
    assert stamp.exists() == ("publish_code" in change)


def test_staged_datasets_that_went_missing_are_said(settled):
    _, stamp, record, settle = settled
    stamp.unlink()
    assert settle() == ["the datasets staged from raw/s.txt are missing"]
    assert not record.exists()


def test_a_damaged_release_is_said(settled):
    outputs, _, record, settle = settled
    (outputs / release.CURRENT / "a.csv").write_text("edited")
    assert [reason for reason in settle() if "a.csv" in reason]
    assert not record.exists()
