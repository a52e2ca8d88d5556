"""Snakemake entry point: publish the staged datasets and their documentation, all at once."""

from tip_gms.pipeline import publish
from tip_gms.runner import run

sm = snakemake  # noqa: F821 (injected by Snakemake)
run(publish, sm.log[0], staged=sm.params.staged, derived=sm.params.derived, outputs=sm.config["outputs"],
    record=sm.output.record, sources=sm.params.sources,
    code=sm.params.code)
