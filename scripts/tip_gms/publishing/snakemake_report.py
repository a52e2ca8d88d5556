"""What `snakemake --report report.zip` shows (workflow/rules/report.smk): the published release's figures and
quality report, copied where Snakemake's report finds them. The release's own files are not Snakemake outputs
(Snakemake deletes a job's outputs before it runs it, and a failed run would lose the last good release)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tip_gms.publishing import release


def copy(outputs: str | Path, figures: str | Path, quality_report: str | Path) -> None:
    current = Path(outputs) / release.CURRENT
    shutil.copytree(current / "figures", figures, ignore=shutil.ignore_patterns("*.png"))  # the SVG says it all
    shutil.copy(current / "quality_report.html", quality_report)
