"""The result of every comparison the checks make: a finding when the source disagrees with itself.

A failed check is a finding about the source (a warning), never a crash and never a silent fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Finding:
    check_id: str
    datasets: str
    status: str
    expected: str
    observed: str
    message: str
    source_lines: tuple[int, ...]
    doc_id: str

    @property
    def severity(self) -> str:
        return "info" if self.status == "pass" else "warning"


@dataclass
class Findings:
    items: list[Finding] = field(default_factory=list)

    def record(
        self, check_id: str, *, datasets: str, doc_id: str, passed: bool, expected: object, observed: object,
        message: str, lines: list[int],
    ) -> None:
        self.items.append(Finding(
            check_id, datasets, "pass" if passed else "fail", str(expected), str(observed), message,
            tuple(sorted({int(line) for line in lines})), doc_id,
        ))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "check_id": f.check_id, "datasets": f.datasets, "severity": f.severity, "status": f.status,
                    "expected": f.expected, "observed": f.observed, "message": f.message,
                    "source_lines": ";".join(map(str, f.source_lines)),
                    "doc_id": f.doc_id, "source_line": f.source_lines[0],
                }
                for f in sorted(self.items, key=lambda f: f.check_id)
            ],
            columns=["check_id", "datasets", "severity", "status", "expected", "observed", "message",
                     "source_lines", "doc_id", "source_line"],
        )
