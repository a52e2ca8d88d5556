"""Snakemake entry point: publish the staged datasets as CSV, Parquet and DuckDB."""

from tip_gms.pipeline import publish
from tip_gms.stage import run

sm = snakemake  # noqa: F821 (injected by Snakemake)
run(publish, sm.log[0], staged=sm.params.staged, csv=sm.params.csv, parquet=sm.params.parquet,
    database_path=sm.output.database)
