# Combine the staged datasets of every source, derive the datasets computed from them (indicators,
# countries), and publish all as one release: the DuckDB file, CSV,
# Parquet and the documents generated from them (codebook, quality report, data package, figures,
# index.html), switched in all at once (scripts/tip_gms/release.py). The published files are not declared as
# outputs, because Snakemake deletes a job's outputs before running it: a failed run would lose the last good
# ones. The job's output is the list of what it published.


rule publish:
    input:
        staged=expand(rules.build_datasets.output.staged, source=SOURCES),
        code=CODE,
    output:
        record=PUBLISHED,
    params:
        staged=staged_files(),
        derived=DERIVED,
        sources=[{key: spec[key] for key in ("id", "path", "sha256")} for spec in SOURCES.values()],
        code=CODE_DIGEST,
    conda:
        ENV
    log:
        f"{OUT}/logs/publish.log",
    script:
        "../../scripts/publish.py"
