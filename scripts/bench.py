"""Benchmarks of the workflow (`make bench`): prints a table and writes outputs/bench.json.

Every run happens in a copy of the repository in a temporary folder, so the benchmark can edit a builder
and declare a hundred sources without touching the working tree. Runs use the local profile, as `make run`
does. Times are wall-clock seconds, the best of `--repeat` runs (the machine may be shared). Measured, each
against its target (docs/benchmarks.md):
- the floor: `python -c "import pandas, pandera, duckdb, pdfplumber"` plus `snakemake -n` on the workflow;
- a cold full build and a rebuild after a change to one dataset builder (ratios to the floor);
- a no-op rerun, as a ratio to `snakemake -n` on the same built outputs: the two do the same work to within a
  few milliseconds, so they are timed in alternation (the order switched each time), lest the machine's drift
  between two separate measurements decide the verdict;
- `snakemake -n` where SLURM's client tools are installed and no controller answers (an `scontrol` that waits),
  as a ratio to the same without them, in turns: a local run must not ask SLURM anything;
- 1, 10 and 100 copies of the source declared as separate sources, at 1 and 2 cores: seconds per extra source
  beyond the first, and the peak memory of the largest run;
- reading the PDF rendition of the source with the most pages (tests/fixtures/renditions), as a ratio to
  pdfplumber's own `extract_text` over the same pages (timed in turns), and the integrity gate it runs first
  (tip_gms.pdf.integrity) as a ratio to the whole reading;
- drawing the figures of one document (every figure, SVG and PNG), in this process, from the published data:
  CPU seconds, which is what the drawing costs an idle core (wall time on a shared machine is mostly waiting);
- the size of the DuckDB file of one source;
- tables: every table reader scored on the ICDAR 2013 Table Competition's EU half (tests/icdar.py: adjacency
  relations F1, numeric-cell recall, PDFs refused), all in the same run, with the seconds each took, beside
  pdfplumber's `extract_text` over the same PDFs; and the reader's score on the suite's holdout apart.
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
import pyarrow.parquet as pq
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for tests.configs: the source declared again under other names

from tests import icdar  # noqa: E402
from tests.configs import dump, with_doc_ids  # noqa: E402
from tip_gms import pdf  # noqa: E402
from tip_gms.pdf import integrity  # noqa: E402
from tip_gms.publishing import figures  # noqa: E402
from tip_gms.reports import Report  # noqa: E402

CONFIG = yaml.safe_load((REPO / "workflow" / "config.yaml").read_text())
SOURCE = CONFIG["sources"][0]
BUILDER = Path("scripts/tip_gms/datasets/tiers_by_year.py")
PROFILE = "workflow/profiles/default"
_COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "outputs", ".snakemake", "__pycache__", "*.egg-info",
                                      ".pytest_cache", ".ruff_cache", ".lock-venv")
# measure -> (target, "max"): the targets; each row of the report says met or missed.
TARGETS = {
    "cold_build_x_floor": 2.0, "rebuild_after_builder_edit_x_floor": 1.3, "no_op_rerun_x_dry_run": 1.0,
    "s_per_extra_source_2_cores": 0.5, "s_per_extra_source_1_core": 0.8, "reader_x_extract_text": 1.0,
    "duckdb_mb": 2.0, "figures_one_document_s": 0.15, "gate_x_reader": 0.1, "tables_reader_x_extract_text": 1.0,
    "dry_run_with_slurm_tools_x_without": 1.1,
}
# measure -> target, "min": the reader's tables on the ICDAR 2013 EU half (issue 21).
TARGETS_AT_LEAST = {"tables_f1": 0.90, "tables_numeric_recall": 0.95}


def best(repeat: int, measure) -> float:
    return min(measure() for _ in range(repeat))


def best_alternating(repeat: int, first, second) -> tuple[float, float]:
    """The best of `repeat` runs of each of two measures, run in turns, the order switched each turn."""
    times: tuple[list[float], list[float]] = ([], [])
    for turn in range(repeat):
        for which in ((0, 1) if turn % 2 == 0 else (1, 0)):
            times[which].append((first, second)[which]())
    return min(times[0]), min(times[1])


def wall(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return seconds


# Runs a command and prints the peak resident memory (KiB) of its process tree's largest process.
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


class Copy:
    """The repository copied into a folder of its own, with a config of the benchmark's choosing."""

    def __init__(self, root: Path, sources: list[dict]):
        self.dir = Path(tempfile.mkdtemp(dir=root)) / "repo"
        shutil.copytree(REPO, self.dir, ignore=_COPY_IGNORE)
        for source in sources:  # the workflow reads no source outside its folder: each one is a copy of the real one
            if not (self.dir / source["path"]).exists():
                shutil.copy(REPO / SOURCE["path"], self.dir / source["path"])
        (self.dir / "config.yaml").write_text(dump({**CONFIG, "sources": sources}))

    def command(self, *arguments: str) -> list[str]:
        return [sys.executable, "-m", "snakemake", "--profile", PROFILE, "--configfile", "config.yaml", *arguments]

    def snakemake(self, *arguments: str, env: dict | None = None) -> float:
        return wall(self.command(*arguments), self.dir, env)

    def peak_memory_mb(self, *arguments: str) -> float:
        result = subprocess.run([sys.executable, "-c", _PEAK, *self.command(*arguments)], cwd=self.dir,
                                capture_output=True, text=True, check=True)
        return int(result.stdout.split()[-1]) / 1024

    def clean(self) -> None:
        for folder in ("outputs", ".snakemake"):
            shutil.rmtree(self.dir / folder, ignore_errors=True)


def copies(n: int) -> list[dict]:
    """`n` copies of the source file (in the repository copy's raw/), each declared as a source with doc_ids of
    its own."""
    return [{**with_doc_ids(SOURCE, f"_{i}"), "id": f"copy{i}", "path": f"raw/copy{i}.txt"} for i in range(n)]


def bench_workflow(root: Path, repeat: int) -> dict:
    repo = Copy(root, [SOURCE])
    imports = best(repeat, lambda: wall([sys.executable, "-c", "import pandas, pandera, duckdb, pdfplumber"], root))
    dry_run = best(repeat, lambda: repo.snakemake("-n"))

    def cold() -> float:
        repo.clean()
        return repo.snakemake("--cores", "2")

    cold_build = best(repeat, cold)
    duckdb_mb = (repo.dir / "outputs" / "tip_gms.duckdb").stat().st_size / 1e6
    drawn = bench_figures(repo.dir / "outputs", root / "figures", max(repeat, 5))
    no_op, dry_run_built = best_alternating(max(repeat, 6), lambda: repo.snakemake("--cores", "2"),
                                            lambda: repo.snakemake("-n"))
    edits = iter(range(repeat))

    def after_edit() -> float:
        with open(repo.dir / BUILDER, "a") as builder:
            builder.write(f"# edit {next(edits)} by make bench\n")  # a change of content: a touch is not one
        return repo.snakemake("--cores", "2")

    rebuild = best(repeat, after_edit)
    # SLURM's client tools installed and no controller answering: an `scontrol` that waits as the real one
    # retries. A local run must not call it (the SLURM plugin is an install of its own, `make cluster-deps`).
    tools = root / "slurm_tools"
    tools.mkdir(exist_ok=True)
    (tools / "scontrol").write_text("#!/bin/sh\nsleep 10\n")
    (tools / "scontrol").chmod(0o755)
    with_tools = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    dry_with_tools, dry_without = best_alternating(max(repeat, 4), lambda: repo.snakemake("-n", env=with_tools),
                                                   lambda: repo.snakemake("-n"))
    floor = imports + dry_run
    return {
        "floor_imports_s": imports, "floor_snakemake_dry_run_s": dry_run, "floor_s": floor,
        "cold_build_s": cold_build, "cold_build_x_floor": cold_build / floor,
        "no_op_rerun_s": no_op, "no_op_rerun_x_floor": no_op / floor, "dry_run_built_s": dry_run_built,
        "no_op_rerun_x_dry_run": no_op / dry_run_built,
        "rebuild_after_builder_edit_s": rebuild, "rebuild_after_builder_edit_x_floor": rebuild / floor,
        "duckdb_mb": duckdb_mb, "figures_one_document_s": drawn,
        "dry_run_with_slurm_tools_s": dry_with_tools, "dry_run_without_slurm_tools_s": dry_without,
        "dry_run_with_slurm_tools_x_without": dry_with_tools / dry_without,
    }


def bench_figures(outputs: Path, folder: Path, repeat: int) -> float:
    """CPU seconds to draw every figure of the one document of `outputs` that has them, SVG and PNG."""
    tables = {path.stem: pq.read_table(path) for path in (outputs / "parquet").glob("*.parquet")}
    cite_as = {row["doc_id"]: row["cite_as"] for row in tables["documents"].to_pylist()}

    def draw() -> float:
        start = time.process_time()
        figures.write(tables, cite_as, folder, [Report.from_config(SOURCE, REPO)])
        return time.process_time() - start

    return best(repeat, draw)


def bench_sources(root: Path, counts: list[int]) -> list[dict]:
    rows = []
    for cores in (1, 2):
        first = None
        for n in counts:
            repo = Copy(root, copies(n))
            seconds = repo.snakemake("--cores", str(cores))
            first = first if first is not None else (n, seconds)
            extra = (seconds - first[1]) / (n - first[0]) if n > first[0] else None
            row = {"cores": cores, "sources": n, "build_s": seconds, "s_per_source": seconds / n,
                   "s_per_extra_source": extra}
            if n == max(counts) and cores == 2:  # the largest run again, for its memory
                repo.clean()
                row["peak_memory_mb"] = repo.peak_memory_mb("--cores", str(cores))
            rows.append(row)
            shutil.rmtree(repo.dir)
    return rows


def largest_rendition() -> Path:
    """The committed PDF rendition of the source with the most pages (tests/fixtures/renditions)."""
    def pages(path: Path) -> int:
        with pdfplumber.open(path) as opened:
            return len(opened.pages)

    return max(sorted((REPO / "tests" / "fixtures" / "renditions").glob("*.pdf")), key=pages)


def bench_pdf(repeat: int) -> dict:
    target = largest_rendition()
    with pdfplumber.open(target) as opened:
        pages = len(opened.pages)

    def extract_text() -> float:
        start = time.perf_counter()
        with pdfplumber.open(target) as opened:
            for page in opened.pages:
                page.extract_text()
        return time.perf_counter() - start

    def reader() -> float:
        start = time.perf_counter()
        pdf.read(target)
        return time.perf_counter() - start

    def gate() -> float:  # the integrity gate alone, which the reader runs first (tip_gms.pdf.integrity)
        data = target.read_bytes()
        start = time.perf_counter()
        integrity.check(data, target)
        return time.perf_counter() - start

    ours, theirs = best_alternating(repeat, reader, extract_text)
    checked = best(repeat, gate)
    return {"file": target.name, "pages": pages, "reader_s": ours, "reader_pages_per_s": pages / ours,
            "extract_text_s": theirs, "extract_text_pages_per_s": pages / theirs,
            "reader_x_extract_text": ours / theirs, "gate_s": checked, "gate_x_reader": checked / ours}


def bench_scans(pages: int) -> dict:
    """OCR of scans (tip_gms.pdf.ocr): seconds a page against plain `tesseract` on the same stored images, side
    by side, one thread each; the cold reading of a whole scan at 1 and 2 cores and the rerun from the cache;
    free text's characters wrong and table numbers at their place, against the rendition's own reading."""
    from tests.scans import make_scans, measure
    from tip_gms.pdf import ocr

    rendition = REPO / "tests" / "fixtures" / "renditions" / "random" / "chromium_11.pdf"  # 38 pages
    out: dict = {"file": f"{rendition.name}, scanned clean at 300 dpi"}
    with tempfile.TemporaryDirectory(prefix="tip-gms-scans-") as folder:
        scan = Path(folder) / "scan.pdf"
        scan.write_bytes(make_scans.make("clean", rendition))
        data = scan.read_bytes()
        with pdfplumber.open(scan) as opened:
            found = ocr.scans(opened, data, ocr.DEFAULT)
        out["pages"] = len(found)
        ours = theirs = 0.0
        for page in found[:pages]:  # in turns: ours, then plain tesseract on the stored image
            start = time.perf_counter()
            ocr.ocr(page.image, page.image.size[0] / ((page.bbox[2] - page.bbox[0]) / 72))
            ours += time.perf_counter() - start
            png = Path(folder) / "page.png"
            page.image.save(png)
            theirs += wall(["tesseract", str(png), "stdout", "--psm", "3", "-l", "eng", "hocr"], REPO,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        out |= {"ocr_s_per_page": ours / pages, "tesseract_s_per_page": theirs / pages,
                "ocr_x_tesseract": ours / theirs}
        for threads in (1, 2):
            start = time.perf_counter()
            read, printed = pdf.read(scan, scan=ocr.Options(cache=Path(folder) / f"cache{threads}", threads=threads))
            out[f"cold_read_{threads}_cores_s"] = time.perf_counter() - start
        start = time.perf_counter()
        again = pdf.read(scan, scan=ocr.Options(cache=Path(folder) / "cache2", threads=2))[0]
        out["cached_rerun_s"] = time.perf_counter() - start
        out["rerun_same_lines"] = again == read
    expected, where = pdf.read(rendition)
    out["free_text_cer_300dpi"] = measure.cer_by_page(expected, where, read, printed)
    out["numbers_right"], out["numbers_wrong"], _ = measure.numbers_at_place(expected, read)
    return out


def bench_tables(repeat: int) -> dict:
    """Every table reader scored on the ICDAR EU half (tests/icdar.py, each once, with its seconds), the
    reader's score on the holdout, and its time over the suite against pdfplumber's extract_text over the
    same PDFs (timed in turns)."""
    if not icdar.SUITE.is_dir():
        return {}
    pdfs = [pdf for _, pdf, _ in icdar.documents()]

    def timed(read) -> float:
        start = time.perf_counter()
        for pdf_file in pdfs:
            read(pdf_file)
        return time.perf_counter() - start

    def extract_text(path: Path) -> None:
        with pdfplumber.open(path) as opened:
            for page in opened.pages:
                page.extract_text()

    readers = {}
    for name, reader in icdar.READERS.items():
        start = time.perf_counter()
        total, _ = icdar.score(reader)
        readers[name] = {"f1": total.f1, "numeric_recall": total.numeric_recall, "refused": len(total.refused),
                         "s": time.perf_counter() - start}
    held, _ = icdar.score(icdar.tip_gms, icdar.HOLDOUT)
    ours, theirs = best_alternating(repeat, lambda: timed(pdf.tables), lambda: timed(extract_text))
    return {"readers": readers, "holdout": {"pdfs": list(icdar.HOLDOUT), "f1": held.f1,
                                            "numeric_recall": held.numeric_recall, "refused": len(held.refused)},
            "tables_f1": readers["tip-gms"]["f1"], "tables_numeric_recall": readers["tip-gms"]["numeric_recall"],
            "reader_s": ours, "extract_text_s": theirs, "tables_reader_x_extract_text": ours / theirs}


def report(results: dict) -> str:
    """The results as a table: measure, value, and the target with whether it was met."""
    w, p = results["workflow"], results["pdf"]
    rows = [
        ("floor: imports + snakemake -n (s)", w["floor_s"], None),
        ("  imports (s)", w["floor_imports_s"], None),
        ("  snakemake -n (s)", w["floor_snakemake_dry_run_s"], None),
        ("cold full build (s)", w["cold_build_s"], None),
        ("  x floor", w["cold_build_x_floor"], "cold_build_x_floor"),
        ("rebuild after editing one builder (s)", w["rebuild_after_builder_edit_s"], None),
        ("  x floor", w["rebuild_after_builder_edit_x_floor"], "rebuild_after_builder_edit_x_floor"),
        ("no-op rerun (s)", w["no_op_rerun_s"], None),
        ("snakemake -n, the same outputs, in turns (s)", w["dry_run_built_s"], None),
        ("  no-op x snakemake -n", w["no_op_rerun_x_dry_run"], "no_op_rerun_x_dry_run"),
        ("snakemake -n, SLURM's tools and no controller (s)", w["dry_run_with_slurm_tools_s"], None),
        ("snakemake -n, without them, in turns (s)", w["dry_run_without_slurm_tools_s"], None),
        ("  with x without", w["dry_run_with_slurm_tools_x_without"], "dry_run_with_slurm_tools_x_without"),
    ]
    for row in results["sources"]:
        rows.append((f"{row['sources']} source(s), {row['cores']} core(s) (s)", row["build_s"], None))
        if row["s_per_extra_source"] is not None:
            target = "s_per_extra_source_2_cores" if row["cores"] == 2 else "s_per_extra_source_1_core"
            rows.append(("  s per extra source", row["s_per_extra_source"], target))
        if "peak_memory_mb" in row:
            rows.append(("  peak memory (MB)", row["peak_memory_mb"], None))
    rows += [
        (f"PDF reader, {p['file']}, {p['pages']} pages (s)", p["reader_s"], None),
        ("pdfplumber extract_text (s)", p["extract_text_s"], None),
        ("  reader time x extract_text time", p["reader_x_extract_text"], "reader_x_extract_text"),
        ("  of which the integrity gate (s)", p["gate_s"], None),
        ("  gate time x reader time", p["gate_x_reader"], "gate_x_reader"),
        ("DuckDB file of one source (MB)", w["duckdb_mb"], "duckdb_mb"),
        ("figures of one document, SVG and PNG (CPU s)", w["figures_one_document_s"], "figures_one_document_s"),
    ]
    rows += _table_rows(results.get("tables") or {})
    lines = [f"{'measure':<50}{'value':>8}  target"]
    for label, value, target in rows:
        line = f"{label:<50}{value:>8.2f}"
        if target in TARGETS:
            line += f"  <= {TARGETS[target]:<4} {'met' if value <= TARGETS[target] else 'MISSED'}"
        elif target:
            line += f"  >= {TARGETS_AT_LEAST[target]:<4} {'met' if value >= TARGETS_AT_LEAST[target] else 'MISSED'}"
        lines.append(line)
    return "\n".join(lines)


def _table_rows(t: dict) -> list[tuple[str, float, str | None]]:
    """The ICDAR EU half's rows of the report: each reader's F1, numeric recall, refusals and seconds."""
    if not t:
        return []
    rows = []
    for name, r in t["readers"].items():
        ours = name == "tip-gms"
        rows += [(f"ICDAR EU tables, {name}: relations F1", r["f1"], "tables_f1" if ours else None),
                 ("  numeric cells recovered (share)", r["numeric_recall"], "tables_numeric_recall" if ours else None),
                 ("  PDFs refused (of 27)", r["refused"], None), ("  seconds", r["s"], None)]
    h = t["holdout"]
    rows += [(f"  tip-gms on the holdout ({len(h['pdfs'])} PDFs): F1", h["f1"], None),
             ("  tip-gms on the holdout: numeric cells (share)", h["numeric_recall"], None),
             ("tip-gms reading the 27 PDFs, best of turns (s)", t["reader_s"], None),
             ("pdfplumber extract_text on the same PDFs (s)", t["extract_text_s"], None),
             ("  tip-gms tables time x extract_text time", t["tables_reader_x_extract_text"],
              "tables_reader_x_extract_text")]
    return rows


def verdicts(results: dict) -> dict[str, dict]:
    """Every target with the value measured and whether it was met (the worst value where measured twice)."""
    w, p = results["workflow"], results["pdf"]
    values = {name: w[name] for name in ("cold_build_x_floor", "rebuild_after_builder_edit_x_floor",
                                         "no_op_rerun_x_dry_run", "duckdb_mb", "figures_one_document_s",
                                         "dry_run_with_slurm_tools_x_without")}
    values["reader_x_extract_text"] = p["reader_x_extract_text"]
    values["gate_x_reader"] = p["gate_x_reader"]
    t = results.get("tables") or {}
    if t:
        values["tables_reader_x_extract_text"] = t["tables_reader_x_extract_text"]
    for cores, name in ((2, "s_per_extra_source_2_cores"), (1, "s_per_extra_source_1_core")):
        extras = [row["s_per_extra_source"] for row in results["sources"]
                  if row["cores"] == cores and row["s_per_extra_source"] is not None]
        if extras:
            values[name] = max(extras)
    out = {name: {"value": value, "target": TARGETS[name], "met": value <= TARGETS[name]}
           for name, value in values.items()}
    out |= {name: {"value": t[name], "target": least, "met": t[name] >= least}
            for name, least in TARGETS_AT_LEAST.items() if t}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the best counts (default 3)")
    parser.add_argument("--sources", default="1,10,100", help="numbers of source copies (default 1,10,100)")
    parser.add_argument("--output", type=Path, default=REPO / "outputs" / "bench.json")
    parser.add_argument("--scans-only", action="store_true", help="only the OCR measures (bench_scans)")
    parser.add_argument("--scan-pages", type=int, default=4, help="pages timed against plain tesseract")
    arguments = parser.parse_args()
    if arguments.scans_only:
        results = {"scans": bench_scans(arguments.scan_pages)}
        print(json.dumps(results, indent=2))
        arguments.output.with_name("bench_scans.json").write_text(json.dumps(results, indent=2) + "\n")
        return
    with tempfile.TemporaryDirectory(prefix="tip-gms-bench-") as folder:
        root = Path(folder)
        results = {
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                        "platform": platform.platform(), "load_average_at_start": os.getloadavg()},
            "workflow": bench_workflow(root, arguments.repeat),
            "sources": bench_sources(root, [int(n) for n in arguments.sources.split(",")]),
            "pdf": bench_pdf(arguments.repeat),
            "tables": bench_tables(arguments.repeat),
            "scans": bench_scans(arguments.scan_pages),
        }
    results["targets"] = verdicts(results)
    results["machine"]["load_average_at_end"] = os.getloadavg()  # other work on the machine skews the times
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    machine = results["machine"]
    missed = [name for name, verdict in results["targets"].items() if not verdict["met"]]
    print(f"\n{machine['cpus']} CPUs; load average {machine['load_average_at_start'][0]:.1f} at the start, "
          f"{machine['load_average_at_end'][0]:.1f} at the end. Targets missed: {', '.join(missed) or 'none'}. "
          f"Written to {arguments.output}")


if __name__ == "__main__":
    main()
