"""Snakemake entry point: compute the derived datasets (indicators) from the staged datasets of every source."""

from tip_gms.pipeline import derive
from tip_gms.runner import run

sm = snakemake  # noqa: F821 (injected by Snakemake)
run(derive, sm.log[0], staged=sm.params.staged, datasets=sm.params.datasets, staged_dir=sm.output.staged)
