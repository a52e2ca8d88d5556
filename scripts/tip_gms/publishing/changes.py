"""What changed since the release before, per dataset, for a user who updates an analysis: the rows added and
removed (by the dataset's key), the rows changed (by key, each changed column with its old and new value), and
how many rows kept their values but moved to other lines of the source (their `source_line` or `source_page`
alone changed: a line inserted above them). Written into the release as changes.json (every row) and
changes.md (the first rows of each kind), shown on the page and summed up on the console.

The changes belong to a data version: a release that publishes the same data again (a file restored, the
documents rebuilt) keeps the changes its data version was published with."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import files
from tip_gms.shapes import Shape

JSON, MARKDOWN = "changes.json", "changes.md"
PROVENANCE = ("source_line", "source_page", "source_lines")  # where a row was read, not what it says
LISTED = 20  # rows of each kind per dataset in changes.md; changes.json lists all


def previous(current: Path) -> dict[str, pa.Table]:
    """The datasets of the release being replaced (none if there is none)."""
    try:
        return {path.stem: pq.read_table(path) for path in sorted((current / "parquet").glob("*.parquet"))}
    except (OSError, pa.ArrowInvalid):
        return {}


def _keyed(table: pa.Table, key: Sequence[str]) -> dict[tuple, dict]:
    return {tuple(row[column] for column in key): row for row in table.to_pylist()}


def _order(key: tuple) -> tuple:
    return tuple(str(value) for value in key)


def dataset(before: pa.Table | None, after: pa.Table, key: Sequence[str]) -> dict:
    """One dataset's changes: rows added, removed and changed by `key`, rows moved, and columns added or removed."""
    key = list(key) or [c for c in after.column_names if c not in PROVENANCE]
    old = _keyed(before, key) if before is not None else {}
    new = _keyed(after, key)
    changed, moved = [], 0
    for k in sorted(old.keys() & new.keys(), key=_order):
        columns = {c: [old[k].get(c), value] for c, value in new[k].items()
                   if c not in PROVENANCE and c in old[k] and old[k][c] != value}
        if columns:
            changed.append({"key": dict(zip(key, k, strict=True)), "columns": columns})
        elif any(old[k].get(c) != new[k].get(c) for c in PROVENANCE):
            moved += 1
    columns_before = set(before.column_names) if before is not None else set(after.column_names)
    return {"rows": after.num_rows,
            "added": [dict(zip(key, k, strict=True)) for k in sorted(new.keys() - old.keys(), key=_order)],
            "removed": [dict(zip(key, k, strict=True)) for k in sorted(old.keys() - new.keys(), key=_order)],
            "changed": changed, "moved": moved,
            "columns_added": sorted(set(after.column_names) - columns_before),
            "columns_removed": sorted(columns_before - set(after.column_names))}


def compare(before: Mapping[str, pa.Table], tables: Sequence[tuple[Shape, pa.Table]], since: str | None,
            version: str) -> dict:
    """Every dataset's changes from `before` (the release before, data version `since`) to `tables`."""
    datasets = {shape.name: dataset(before.get(shape.name), table, shape.key) for shape, table in tables} \
        if before else {}
    datasets |= {name: {"rows": 0, "added": [], "removed": [], "changed": [], "moved": 0, "columns_added": [],
                        "columns_removed": [], "dataset_removed": True}
                 for name in sorted(set(before) - {shape.name for shape, _ in tables})}
    return {"version": version, "since": since if before else None, "datasets": datasets}


def touched(changes: Mapping) -> dict[str, dict]:
    """The datasets that changed, with their changes."""
    return {name: d for name, d in changes["datasets"].items()
            if d["added"] or d["removed"] or d["changed"] or d["moved"] or d["columns_added"]
            or d["columns_removed"] or d.get("dataset_removed")}


def counts(changes: Mapping) -> list[str]:
    """'tier_placements: 1 changed' for every dataset that changed."""
    out = []
    for name, d in touched(changes).items():
        parts = [f"{len(d[kind])} {kind}" for kind in ("added", "removed", "changed") if d[kind]]
        parts += [f"{d['moved']} moved to other lines"] if d["moved"] else []
        parts += [f"column{'s' * (len(d[kind]) > 1)} {', '.join(d[kind])} {kind.split('_')[1]}"
                  for kind in ("columns_added", "columns_removed") if d[kind]]
        out.append(f"{name}: {'removed' if d.get('dataset_removed') else ', '.join(parts)}")
    return out


def describe(row: Mapping) -> str:
    """A changed row in words: 'destination Japan, year 2003: persons 57 -> 58'."""
    key = ", ".join(f"{column} {value}" for column, value in row["key"].items() if column != "doc_id")
    if "columns" not in row:
        return key
    return f"{key}: " + "; ".join(f"{column} {old} \u2192 {new}" for column, (old, new) in row["columns"].items())


def summary(changes: Mapping) -> str:
    if changes["since"] is None:
        return "the first release: nothing to compare with"
    found = counts(changes)
    return f"since data version {changes['since']}: " + ("; ".join(found) if found else "no dataset changed")


def markdown(changes: Mapping) -> str:
    out = ["# What changed in this version", "", f"Data version `{changes['version']}`, {summary(changes)}.", ""]
    for name, d in touched(changes).items():
        out += [f"## {name}", "", f"{d['rows']} rows now. " + counts({"datasets": {name: d}})[0].split(": ", 1)[1]
                + ".", ""]
        for kind in ("added", "removed", "changed"):
            rows = d[kind]
            out += [f"- {kind}: {describe(row if kind == 'changed' else {'key': row})}" for row in rows[:LISTED]]
            out += [f"- and {len(rows) - LISTED} more {kind} ({JSON})"] if len(rows) > LISTED else []
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write(changes: Mapping, root: Path, current: Path, same_data: bool) -> dict:
    """Write changes.json and changes.md into the release being built; for the same data as the release before,
    the changes that release was published with. Return the changes written."""
    if same_data and (current / JSON).is_file():
        changes = json.loads((current / JSON).read_text())
    files.write_text(json.dumps(changes, indent=1, ensure_ascii=False, default=str) + "\n", root / JSON)
    files.write_text(markdown(changes), root / MARKDOWN)
    return json.loads((root / JSON).read_text())
