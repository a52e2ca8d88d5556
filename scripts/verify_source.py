"""Snakemake entry point: check the source's sha256 against workflow/config.yaml."""

from tip_gms.runner import run
from tip_gms.source import verify_source

run(verify_source, snakemake.log[0], path=snakemake.input.source,  # noqa: F821 (injected by Snakemake)
    sha256=snakemake.params.sha256, stamp=snakemake.output.stamp)  # noqa: F821
