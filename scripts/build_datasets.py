"""Snakemake entry point: parse one source and stage every dataset it provides."""

from tip_gms.pipeline import build_source
from tip_gms.runner import run

sm = snakemake  # noqa: F821 (injected by Snakemake)
run(build_source, sm.log[0], source_id=sm.wildcards.source, path=sm.input.source, source_format=sm.params.format,
    documents=sm.params.documents, datasets=sm.params.datasets, staged_dir=sm.output.staged)
