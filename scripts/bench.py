"""Benchmarks of the workflow (`make bench`): prints a table and writes outputs/bench.json.

Every run happens in a copy of the repository in a temporary folder, so the benchmark can edit a builder
and declare a hundred sources without touching the working tree. Times are wall-clock seconds, the best
of `--repeat` runs (the machine may be shared). Measured:
- the floor: `python -c "import pandas, pandera, duckdb, pdfplumber"` plus `snakemake -n` on the workflow;
- a cold full build, a no-op rerun, and a rebuild after a change to one dataset builder, each as a ratio
  to the floor (target: cold <= 3x; no-op <= 1.5x `snakemake -n`);
- 1, 10 and 100 copies of the source declared as separate sources, at 1 and 2 cores: seconds per source,
  and per extra source beyond the first (target: <= 0.5 s at 2 cores);
- reading the largest PDF rendition of the source (the one with the most pages among those committed in
  tests/fixtures/renditions/): pages per second, as a ratio to pdfplumber's own `extract_text` over the
  same pages (target: <= 1.5x).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import yaml

from tip_gms import pdf

REPO = Path(__file__).resolve().parents[1]
RENDITIONS = REPO / "tests" / "fixtures" / "renditions"

CONFIG = yaml.safe_load((REPO / "workflow" / "config.yaml").read_text())
SOURCE = CONFIG["sources"][0]
BUILDER = Path("scripts/tip_gms/datasets/tier_placements.py")
_COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "outputs", ".snakemake", "__pycache__", "*.egg-info",
                                      ".pytest_cache", ".ruff_cache", ".lock-venv")


def best(repeat: int, measure) -> float:
    return min(measure() for _ in range(repeat))


def wall(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return seconds


class Copy:
    """The repository copied into a folder of its own, with a config of the benchmark's choosing."""

    def __init__(self, root: Path, sources: list[dict]):
        self.dir = Path(tempfile.mkdtemp(dir=root)) / "repo"
        shutil.copytree(REPO, self.dir, ignore=_COPY_IGNORE)
        (self.dir / "config.yaml").write_text(yaml.safe_dump({**CONFIG, "sources": sources}))

    def snakemake(self, *arguments: str) -> float:
        return wall([sys.executable, "-m", "snakemake", "--configfile", "config.yaml", *arguments], self.dir)

    def clean(self) -> None:
        for folder in ("outputs", ".snakemake"):
            shutil.rmtree(self.dir / folder, ignore_errors=True)


def copies(root: Path, n: int) -> list[dict]:
    """`n` copies of the source file, each declared as a source with doc_ids of its own."""
    (root / "raw").mkdir(exist_ok=True)
    sources = []
    for i in range(n):
        path = root / "raw" / f"copy{i}.txt"
        shutil.copy(REPO / SOURCE["path"], path)
        documents = [{**doc, "doc_id": f"{doc['doc_id']}_{i}"} for doc in SOURCE["documents"]]
        sources.append({**SOURCE, "id": f"copy{i}", "path": str(path), "documents": documents})
    return sources


def bench_workflow(root: Path, repeat: int) -> dict:
    repo = Copy(root, [{**SOURCE, "path": str(REPO / SOURCE["path"])}])
    imports = best(repeat, lambda: wall([sys.executable, "-c", "import pandas, pandera, duckdb, pdfplumber"], root))
    dry_run = best(repeat, lambda: repo.snakemake("-n"))

    def cold() -> float:
        repo.clean()
        return repo.snakemake("--cores", "2")

    cold_build = best(repeat, cold)
    no_op = best(repeat, lambda: repo.snakemake("--cores", "2"))
    edits = iter(range(repeat))

    def after_edit() -> float:
        with open(repo.dir / BUILDER, "a") as builder:
            builder.write(f"# edit {next(edits)} by make bench\n")  # a change of content: a touch is not one
        return repo.snakemake("--cores", "2")

    rebuild = best(repeat, after_edit)
    floor = imports + dry_run
    return {
        "floor_imports_s": imports, "floor_snakemake_dry_run_s": dry_run, "floor_s": floor,
        "cold_build_s": cold_build, "cold_build_x_floor": cold_build / floor,
        "no_op_rerun_s": no_op, "no_op_rerun_x_floor": no_op / floor, "no_op_rerun_x_dry_run": no_op / dry_run,
        "rebuild_after_builder_edit_s": rebuild, "rebuild_after_builder_edit_x_floor": rebuild / floor,
    }


def bench_sources(root: Path, counts: list[int]) -> list[dict]:
    rows = []
    for cores in (1, 2):
        first = None
        for n in counts:
            repo = Copy(root, copies(root, n))
            seconds = repo.snakemake("--cores", str(cores))
            first = first if first is not None else (n, seconds)
            extra = (seconds - first[1]) / (n - first[0]) if n > first[0] else None
            rows.append({"cores": cores, "sources": n, "build_s": seconds, "s_per_source": seconds / n,
                         "s_per_extra_source": extra})
            shutil.rmtree(repo.dir)
    return rows


def bench_pdf(repeat: int) -> dict:
    counts = {}
    for path in sorted(RENDITIONS.glob("*.pdf")):
        with pdfplumber.open(path) as document_:
            counts[path] = len(document_.pages)
    target = max(counts, key=counts.get)
    pages = counts[target]

    def extract_text() -> float:
        start = time.perf_counter()
        with pdfplumber.open(target) as document_:
            for page in document_.pages:
                page.extract_text()
        return time.perf_counter() - start

    def reader() -> float:
        start = time.perf_counter()
        pdf.read(target)
        return time.perf_counter() - start

    ours, theirs = best(repeat, reader), best(repeat, extract_text)
    return {"rendition": target.name, "pages": pages, "reader_s": ours, "reader_pages_per_s": pages / ours,
            "extract_text_s": theirs, "extract_text_pages_per_s": pages / theirs,
            "reader_x_extract_text": ours / theirs}


TARGETS = {
    "cold_build_x_floor": 3.0, "no_op_rerun_x_dry_run": 1.5, "reader_x_extract_text": 1.5, "s_per_extra_source": 0.5,
}


def report(results: dict) -> str:
    """The results as a table: measure, value, and the target with whether it was met."""
    w, p = results["workflow"], results["pdf"]
    rows = [
        ("floor: imports + snakemake -n (s)", w["floor_s"], None),
        ("  imports (s)", w["floor_imports_s"], None),
        ("  snakemake -n (s)", w["floor_snakemake_dry_run_s"], None),
        ("cold full build (s)", w["cold_build_s"], None),
        ("  x floor", w["cold_build_x_floor"], "cold_build_x_floor"),
        ("no-op rerun (s)", w["no_op_rerun_s"], None),
        ("  x floor", w["no_op_rerun_x_floor"], None),
        ("  x snakemake -n", w["no_op_rerun_x_dry_run"], "no_op_rerun_x_dry_run"),
        ("rebuild after editing one builder (s)", w["rebuild_after_builder_edit_s"], None),
        ("  x floor", w["rebuild_after_builder_edit_x_floor"], None),
    ]
    for row in results["sources"]:
        rows.append((f"{row['sources']} source(s), {row['cores']} core(s): s per source", row["s_per_source"], None))
        if row["s_per_extra_source"] is not None:
            rows.append(("  s per extra source", row["s_per_extra_source"],
                         "s_per_extra_source" if row["cores"] == 2 else None))
    rows += [
        (f"PDF reader, {p['rendition']}, {p['pages']} pages (pages/s)", p["reader_pages_per_s"], None),
        ("pdfplumber extract_text (pages/s)", p["extract_text_pages_per_s"], None),
        ("  reader time x extract_text time", p["reader_x_extract_text"], "reader_x_extract_text"),
    ]
    lines = [f"{'measure':<46}{'value':>8}  target"]
    for label, value, target in rows:
        line = f"{label:<46}{value:>8.2f}"
        if target:
            line += f"  <= {TARGETS[target]:<4} {'met' if value <= TARGETS[target] else 'MISSED'}"
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the best counts (default 3)")
    parser.add_argument("--sources", default="1,10,100", help="numbers of source copies (default 1,10,100)")
    parser.add_argument("--output", type=Path, default=REPO / "outputs" / "bench.json")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tip-gms-bench-") as folder:
        root = Path(folder)
        results = {
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                        "platform": platform.platform(), "load_average_at_start": os.getloadavg()},
            "workflow": bench_workflow(root, arguments.repeat),
            "sources": bench_sources(root, [int(n) for n in arguments.sources.split(",")]),
            "pdf": bench_pdf(arguments.repeat),
            "targets": TARGETS,
        }
    results["machine"]["load_average_at_end"] = os.getloadavg()  # other work on the machine skews the times
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    machine = results["machine"]
    print(f"\n{machine['cpus']} CPUs; load average {machine['load_average_at_start'][0]:.1f} at the start, "
          f"{machine['load_average_at_end'][0]:.1f} at the end. Written to {arguments.output}")


if __name__ == "__main__":
    main()
