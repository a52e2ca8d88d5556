"""Snakemake entry point: publish the staged datasets as CSV, Parquet and DuckDB, with their documentation."""

from tip_gms.pipeline import publish, run

sm = snakemake  # noqa: F821 (injected by Snakemake)
documentation = {key: sm.output[key] for key in ("codebook", "quality_report", "datapackage", "report", "figures")}
run(publish, sm.log[0], staged=sm.params.staged, csv=sm.params.csv, parquet=sm.params.parquet,
    database_path=sm.output.database, documentation=documentation, sources=sm.params.sources)
