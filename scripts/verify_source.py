"""Snakemake entry point: check the source's sha256 against workflow/config.yaml (without loading pandas)."""

from tip_gms.runner import run
from tip_gms.source import verify_source

sm = snakemake  # noqa: F821 (injected by Snakemake)
run(verify_source, sm.log[0], path=sm.input.source, sha256=sm.params.sha256, stamp=sm.output.stamp)
