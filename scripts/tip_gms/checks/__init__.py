"""The consistency checks: the step after the datasets, whose output is the quality_findings dataset.

Checks are grouped by kind, one module each:
- `totals`: every total a table prints against the sum of its parts;
- `stated_twice`: a figure the source states in two places (prose and table, two tables) is the same.
A report's checks of its own tables (shares a table prints, lists that contradict themselves, a figure its
prose and its tables both state) are in its own package, `workflow/reports/<source id>/checks.py`, registered alike.

Each check is a small function registered with `@check(*datasets)` (tip_gms.checks.base); its docstring
says what it verifies and goes into the quality report. It reads the datasets built from one source, with
the check's settings from that source's config: a check that needs settings the config does not give is
skipped, as is one whose datasets were not built. It records every comparison, passing ones included.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Mapping, Sequence

import pandas as pd

from tip_gms.checks import stated_twice, totals  # noqa: F401 (importing registers them)
from tip_gms.checks.base import CHECKS, Inputs
from tip_gms.checks.findings import Findings
from tip_gms.datasets import PrintedTotal, report_packages
from tip_gms.document import ParsedSource
from tip_gms.reports import CHECKED, Report

OUTPUT = CHECKED  # the dataset this step produces

for _package in report_packages():  # each report's own checks, registered by importing them
    if importlib.util.find_spec(f"{_package}.checks"):
        importlib.import_module(f"{_package}.checks")


def run(source: ParsedSource, report: Report, frames: Mapping[str, pd.DataFrame],
        totals_printed: Sequence[PrintedTotal]) -> pd.DataFrame:
    """Every check that applies to this source; the findings, as the rows of quality_findings."""
    configured = report.settings(OUTPUT).get("checks") or {}
    mentions = frames["numeric_mentions"].to_dict("records") if "numeric_mentions" in frames else []
    findings = Findings()
    for name, (datasets, needs_settings, function) in CHECKS.items():
        if all(d in frames and not frames[d].empty for d in datasets) and (name in configured or not needs_settings):
            function(Inputs(source, report, frames, totals_printed, configured.get(name) or {}, mentions), findings)
    return findings.frame()
