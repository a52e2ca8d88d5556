"""Publishing as one release: the switch, a failure half-way, reruns, clean-up, verification, and outputs from
before. (Kills at every moment of a publish are in tests/test_faults.py.)"""

import json
import logging
import os
import shutil

import pytest

from tip_gms import release


def publish(outputs, files: dict[str, str]) -> str:
    with release.building(outputs) as root:
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
    return release.current_id(outputs)


def seen(outputs) -> dict[str, str]:
    """What a user reads at the usual paths."""
    return {name: (outputs / name).read_text() for name in ("data.duckdb", "csv/a.csv", "csv/b.csv")}


def releases(outputs) -> list[str]:
    return sorted(p.name for p in (outputs / release.RELEASES).iterdir() if p.is_dir())


def test_a_publish_switches_every_file_at_once(tmp_path):
    publish(tmp_path, {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"})
    assert seen(tmp_path) == {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    publish(tmp_path, {"data.duckdb": "2", "csv/a.csv": "a2", "csv/b.csv": "b2"})
    assert seen(tmp_path) == {"data.duckdb": "2", "csv/a.csv": "a2", "csv/b.csv": "b2"}
    for name in ("data.duckdb", "csv", "current"):
        assert (tmp_path / name).is_symlink() and not os.readlink(tmp_path / name).startswith("/")


def test_a_failure_while_building_leaves_the_current_release(tmp_path):
    publish(tmp_path, {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"})
    with pytest.raises(RuntimeError), release.building(tmp_path) as root:
        (root / "data.duckdb").write_text("2")
        raise RuntimeError("disk full")
    assert seen(tmp_path) == {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    assert releases(tmp_path) == [release.current_id(tmp_path)]


def test_the_same_content_is_the_same_release(tmp_path):
    files = {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    first = publish(tmp_path, files)
    assert publish(tmp_path, files) == first
    assert publish(tmp_path, {**files, "csv/b.csv": "b2"}) != first
    # The same tables give a DuckDB file with other bytes on every run: the id is the same all the same, and
    # on another machine (another folder) too.
    assert publish(tmp_path / "elsewhere", {**files, "data.duckdb": "1, written again"}) == first


def test_a_release_lists_its_files_and_its_run_is_recorded_beside_it(tmp_path):
    release_id = publish(tmp_path, {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"})
    current = tmp_path / release.CURRENT
    assert release.verify(current) == []
    assert sorted(line.split("  ")[1] for line in (current / release.CHECKSUMS).read_text().splitlines()) == [
        "csv/a.csv", "csv/b.csv", "data.duckdb"]
    with release.building(tmp_path, {"sources": [{"id": "s", "sha256": "ab"}], "code": "cd"}) as root:
        for name, text in {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
    assert release.current_id(tmp_path) == release_id
    record = json.loads((tmp_path / release.RELEASES / f"{release_id}.run.json").read_text())
    assert record == release.run_record(tmp_path) == {"release": release_id, "sources": [{"id": "s", "sha256": "ab"}],
                                                      "code": "cd"}


@pytest.mark.parametrize(("damage", "problem"), [
    (lambda folder: (folder / "csv" / "a.csv").write_text("edited"), "csv/a.csv was changed"),
    (lambda folder: (folder / "csv" / "b.csv").unlink(), "csv/b.csv is missing"),
    (lambda folder: (folder / "csv" / "c.csv").write_text("stray"), "csv/c.csv is not part of the release"),
    (lambda folder: (folder / release.CHECKSUMS).unlink(), f"{release.CHECKSUMS} is missing"),
    # edited, and its sum edited to match: the list no longer hashes to the release's name
    (lambda folder: [(folder / "csv" / "a.csv").write_text("edited"), release.write_checksums(folder)],
     f"{release.CHECKSUMS} does not list the content"),
])
def test_verify_finds_any_change_to_a_release(tmp_path, damage, problem):
    publish(tmp_path, {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"})
    current = (tmp_path / release.CURRENT).resolve()
    damage(current)
    assert any(found.startswith(problem) for found in release.verify(current)), release.verify(current)


def test_a_damaged_release_is_never_reused(tmp_path):
    """A clean-up killed half-way through an old release, whose content is later published again (the issue's
    case): the old folder is not taken for the release."""
    files = {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    first = publish(tmp_path, files)
    publish(tmp_path, {**files, "csv/a.csv": "a2"})
    (tmp_path / release.RELEASES / first / "csv" / "b.csv").unlink()  # half deleted
    assert publish(tmp_path, files) == first
    assert seen(tmp_path) == {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    assert release.verify(tmp_path / release.CURRENT) == []


def test_a_file_edited_in_the_current_release_is_restored_and_said(tmp_path, caplog):
    files = {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    first = publish(tmp_path, files)
    (tmp_path / "csv" / "a.csv").write_text("edited by hand")
    with caplog.at_level(logging.WARNING, logger="tip_gms"):
        assert publish(tmp_path, {**files, "data.duckdb": "1, written again"}) == first
    assert seen(tmp_path) == {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    assert release.verify(tmp_path / release.CURRENT) == []
    assert f"restored {tmp_path / 'csv' / 'a.csv'}" in caplog.text
    assert "data.duckdb" not in caplog.text  # its bytes differ every run, but it was not touched


def test_an_old_release_that_cannot_be_deleted_is_a_warning_and_goes_next_time(tmp_path, monkeypatch, caplog):
    ids = [publish(tmp_path, {"data.duckdb": str(n), "csv/a.csv": f"a{n}", "csv/b.csv": "b"}) for n in range(2)]
    rmtree = shutil.rmtree

    def refuse(path, *args, ignore_errors=False, **kwargs):  # as rmtree does where a folder is read-only
        if not ignore_errors:
            raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(shutil, "rmtree", refuse)
    with caplog.at_level(logging.WARNING, logger="tip_gms"):
        third = publish(tmp_path, {"data.duckdb": "2", "csv/a.csv": "a2", "csv/b.csv": "b"})
    assert release.current_id(tmp_path) == third and seen(tmp_path)["data.duckdb"] == "2"
    assert release.verify(tmp_path / release.CURRENT) == []
    assert "could not delete" in caplog.text and "the next run tries again" in caplog.text
    assert ids[0] not in releases(tmp_path)  # renamed out of the way: no half-deleted folder under its id
    monkeypatch.setattr(shutil, "rmtree", rmtree)
    publish(tmp_path, {"data.duckdb": "3", "csv/a.csv": "a3", "csv/b.csv": "b"})
    assert releases(tmp_path) == sorted([third, release.current_id(tmp_path)])


def test_the_previous_release_is_kept_for_open_files_and_older_ones_removed(tmp_path):
    ids = [publish(tmp_path, {"data.duckdb": str(n), "csv/a.csv": f"a{n}", "csv/b.csv": "b"}) for n in range(4)]
    assert releases(tmp_path) == sorted(ids[-2:])
    assert sorted(p.name for p in (tmp_path / release.RELEASES).iterdir() if p.is_file()) == sorted(
        f"{i}.run.json" for i in ids[-2:])


def test_a_file_held_open_stays_readable_after_its_release_is_removed(tmp_path):
    publish(tmp_path, {"data.duckdb": "old", "csv/a.csv": "a", "csv/b.csv": "b"})
    with (tmp_path / "data.duckdb").open() as held:
        for n in range(3):
            publish(tmp_path, {"data.duckdb": f"new {n}", "csv/a.csv": f"a{n}", "csv/b.csv": "b"})
        assert held.read() == "old"
    assert (tmp_path / "data.duckdb").read_text() == "new 2"


def test_outputs_written_before_releases_existed_are_replaced(tmp_path):
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "a.csv").write_text("old")
    (tmp_path / "data.duckdb").write_text("old")
    publish(tmp_path, {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"})
    assert seen(tmp_path) == {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
