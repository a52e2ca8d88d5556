# Combine the staged datasets of every source and publish them as CSV, Parquet and one DuckDB file, with
# the documents generated from them: codebook, quality report, data package, figures and index.html.


rule publish:
    input:
        staged=expand(rules.build_datasets.output.staged, source=SOURCES),
        derived=rules.derive_datasets.output.staged,
    output:
        csv=expand(f"{OUT}/csv/{{dataset}}.csv", dataset=DATASETS),
        parquet=expand(f"{OUT}/parquet/{{dataset}}.parquet", dataset=DATASETS),
        database=f"{OUT}/tip_gms.duckdb",
        codebook=f"{OUT}/codebook.md",
        quality_report=f"{OUT}/quality_report.md",
        datapackage=f"{OUT}/datapackage.json",
        report=f"{OUT}/index.html",
        figures=directory(f"{OUT}/figures"),
    params:
        staged=staged_files(),
        csv={name: f"{OUT}/csv/{name}.csv" for name in DATASETS},
        parquet={name: f"{OUT}/parquet/{name}.parquet" for name in DATASETS},
        sources=[{key: spec[key] for key in ("id", "path", "sha256")} for spec in SOURCES.values()],
    conda:
        ENV
    log:
        f"{OUT}/logs/publish.log",
    script:
        "../../scripts/publish.py"
