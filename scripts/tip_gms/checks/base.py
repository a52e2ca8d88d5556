"""What every check module shares: the registry, what a check reads, and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tip_gms import phrases
from tip_gms.checks.findings import Findings
from tip_gms.datasets import PrintedTotal
from tip_gms.document import ParsedSource
from tip_gms.errors import SourceError
from tip_gms.reports import Report


@dataclass(frozen=True)
class Inputs:
    """What a check reads: the source, its datasets, its printed totals and the check's settings."""

    source: ParsedSource
    report: Report
    frames: Mapping[str, pd.DataFrame]
    totals: Sequence[PrintedTotal]
    settings: Mapping[str, Any]
    mentions: Sequence[Mapping] = ()  # numeric_mentions as records, for phrases.mention


Check = Callable[[Inputs, Findings], None]
# name -> (datasets it needs, whether it needs settings in the config, the function)
CHECKS: dict[str, tuple[tuple[str, ...], bool, Check]] = {}


def check(*datasets: str, settings: bool = False):
    """Register a check that needs `datasets` (and, with `settings=True`, its settings in the config)."""
    def register(function: Check) -> Check:
        CHECKS[function.__name__] = (datasets, settings, function)
        return function
    return register


def month(day) -> str:
    return f"{day:%Y-%m}"


def stated(inputs: Inputs, phrase: str, unit: str) -> Mapping | None:
    """The one mention of `phrase` ({} where the figure stands) in the prose, or None if the source has none."""
    try:
        return phrases.mention(phrase, unit, inputs.mentions)
    except SourceError:
        return None  # the statement is not in this source: nothing to compare
