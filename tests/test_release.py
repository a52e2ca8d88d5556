"""Publishing as one release: the switch, a failure half-way, reruns, clean-up, and outputs from before."""

import os

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
    assert sorted(p.name for p in (tmp_path / release.RELEASES).iterdir()) == [release.current_id(tmp_path)]


def test_the_same_content_is_the_same_release(tmp_path):
    files = {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
    first = publish(tmp_path, files)
    assert publish(tmp_path, files) == first
    assert publish(tmp_path, {**files, "csv/b.csv": "b2"}) != first


def test_the_previous_release_is_kept_for_open_files_and_older_ones_removed(tmp_path):
    ids = [publish(tmp_path, {"data.duckdb": str(n), "csv/a.csv": "a", "csv/b.csv": "b"}) for n in range(4)]
    assert sorted(p.name for p in (tmp_path / release.RELEASES).iterdir()) == sorted(ids[-2:])


def test_a_file_held_open_stays_readable_after_its_release_is_removed(tmp_path):
    publish(tmp_path, {"data.duckdb": "old", "csv/a.csv": "a", "csv/b.csv": "b"})
    with (tmp_path / "data.duckdb").open() as held:
        for n in range(3):
            publish(tmp_path, {"data.duckdb": f"new {n}", "csv/a.csv": "a", "csv/b.csv": "b"})
        assert held.read() == "old"
    assert (tmp_path / "data.duckdb").read_text() == "new 2"


def test_outputs_written_before_releases_existed_are_replaced(tmp_path):
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "a.csv").write_text("old")
    (tmp_path / "data.duckdb").write_text("old")
    publish(tmp_path, {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"})
    assert seen(tmp_path) == {"data.duckdb": "1", "csv/a.csv": "a1", "csv/b.csv": "b1"}
