"""Randomised renditions, checked: each engine typesets the source in layouts drawn from seeds, and every
dataset built from each PDF must equal the text's.

`python -m tests.renditions.check --seeds N [--engines chromium,writer,reportlab] [--seed S ...]
[--without FEATURE ...] [--read-today]` draws N fresh seeds from the clock (printed, so that a failure can be made again
with `--seed S`), renders every engine's PDF for each, and prints a table: engine, seed, pass or fail, and
the first problem. It exits 1 if any rendition fails. `make renditions-check SEEDS=N` runs it with every
layout feature; `make renditions-check SEEDS=N READ=today` with those the reader reads today, as the tests.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import pandas as pd

from tests.renditions.blocks import CONFIG, RAW, REPO
from tests.renditions.layout import FEATURES, READ_TODAY, Layout
from tip_gms import document, pipeline, source
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.pipeline import read_source
from tip_gms.reports import Report
from tip_gms.shapes import PROVENANCE

REPORT = Report.from_config(CONFIG, REPO)
# Columns that say where a value was read, not what it is (a citation names the page and line).
WHERE = {*PROVENANCE, "mention_id", "first_line", "last_line", "source_lines", "citation"}
# The one thing a PDF cannot carry: the text prints 'anti- trafficking' (a hyphen, then a space), and where a
# line breaks after that hyphen the PDF looks exactly as for 'anti-trafficking' broken there; the reader joins
# the word (READING, 'word broken at a line end'). Both sides are compared with such a space taken out, and
# nothing else: a hyphen before 'and', 'or', 'nor', 'to' ('women- and children-') is left as it is.
HYPHEN_THEN_SPACE = r"(?<=[^\W\d_])- (?=[a-z])(?!(?:and|or|nor|to)\b)"


ENGINES = ("chromium", "writer", "reportlab")


def renderer(engine: str):
    """The engine's render(layout, target), imported only when asked for: each needs its own typesetter."""
    return importlib.import_module(f"tests.renditions.random_{engine}").render


@cache
def text_datasets() -> dict[str, pd.DataFrame]:
    parsed = document.parse(REPORT, source.read_lines(RAW))
    return pipeline.build({"r": parsed}, {"r": REPORT}, {"r": "source.txt"})["r"]


def comparable(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    frame = frame[[c for c in frame.columns if c not in WHERE]]
    text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c])]
    frame = frame.assign(**{c: frame[c].map(lambda v: re.sub(HYPHEN_THEN_SPACE, "-", v) if isinstance(v, str) else v)
                            for c in text})
    if name == "quality_findings":  # messages cite line numbers
        frame = frame.assign(message=frame["message"].str.replace(r"(?i)lines? [\d, ]+\d", "line N", regex=True))
    return frame.reset_index(drop=True)


def datasets_of(path: Path) -> dict[str, pd.DataFrame]:
    """Every dataset built from a PDF as the pipeline builds it (SourceError, SourceErrors if it cannot be)."""
    parsed = read_source(REPORT, str(path), "pdf")
    return pipeline.build({"r": parsed}, {"r": REPORT}, {"r": str(path)})["r"]


def difference(text: pd.DataFrame, pdf: pd.DataFrame, name: str) -> str | None:
    """None if the rendition's dataset equals the text's; else what differs, shortly."""
    expected, actual = comparable(text, name), comparable(pdf, name)
    if actual.equals(expected):
        return None
    both = expected.astype(str).merge(actual.astype(str), how="outer", indicator=True)
    differ = both[both["_merge"] != "both"]
    if differ.empty:
        return f"{name}: same rows, in another order or with other dtypes"
    first = differ.iloc[0]
    where = "text only" if first["_merge"] == "left_only" else "PDF only"
    shown = {k: v for k, v in first.items() if k != "_merge"}
    return f"{name}: {len(actual)} rows, the text {len(expected)}; first row that differs ({where}): {shown}"


def problems(path: Path, text: dict[str, pd.DataFrame] | None = None) -> list[str]:
    """What keeps the rendition's datasets from equalling the text's (`text`, built here if not given): the
    errors that stop the build, or each dataset's first difference."""
    try:
        frames = datasets_of(path)
    except SourceErrors as errors:
        return [str(error) for error in errors.errors]
    except SourceError as error:
        return [str(error)]
    return [found for name, expected in (text or text_datasets()).items()
            if (found := difference(expected, frames[name], name)) is not None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.renditions.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=0, help="how many fresh seeds to draw from the clock")
    parser.add_argument("--seed", type=int, action="append", default=[], help="a seed to render again")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--without", action="append", default=[], choices=sorted(FEATURES),
                        help="a layout feature not to draw")
    parser.add_argument("--read-today", action="store_true",
                        help="draw only the features the reader reads today (layout.READ_TODAY), as the tests do")
    arguments = parser.parse_args(argv)
    features = (READ_TODAY if arguments.read_today else frozenset(FEATURES)) - set(arguments.without)
    clock = time.time_ns()
    seeds = [*arguments.seed, *((clock // 1000 + k * 7919) % 2**31 for k in range(arguments.seeds))]
    print(f"seeds: {' '.join(map(str, seeds))}", flush=True)
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for engine in arguments.engines.split(","):
            for seed in seeds:
                target = Path(folder) / f"{engine}-{seed}.pdf"
                renderer(engine)(Layout.draw(seed, features), target)
                found = problems(target)
                failed += bool(found)
                print(f"{engine:10} {seed:>10}  {'FAIL' if found else 'pass'}  {found[0][:300] if found else ''}",
                      flush=True)
    total = len(seeds) * len(arguments.engines.split(","))
    print(f"{total - failed} of {total} renditions give every dataset equal to the text's")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
