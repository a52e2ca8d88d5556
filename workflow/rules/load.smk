# Combine the staged datasets of every source, derive the datasets computed from them (indicators,
# countries), and publish all as one release: the DuckDB file, CSV,
# Parquet and the documents generated from them (codebook, quality report, data package, figures,
# index.html), switched in all at once (scripts/tip_gms/release.py). The published files are not declared as
# outputs, because Snakemake deletes a job's outputs before running it: a failed run would lose the last good
# ones. The job's output is the list of what it published.
#
# That list must be out of date whenever the sources, their settings or the code differ from what the release was
# made of, whatever happened to the files in between: Snakemake reruns a job for an input that changed, not for
# one that is missing, and a failed cluster job removes the outputs of every rule in it, even of rules that never
# ran. So after a source was refused on SLURM (both the check and the staged datasets removed), the next run
# found nothing newer than the list and reported "Nothing to be done" with the old release published. Hence the
# sources are inputs here too (Snakemake compares their content with the last publish), as are their settings
# (params) and the code.


rule publish:
    input:
        staged=expand(rules.build_datasets.output.staged, source=SOURCES),
        sources=[spec["path"] for spec in SOURCES.values()],
        code=CODE,
    output:
        record=f"{OUT}/work/published.sha256",
    params:
        staged=staged_files(),
        derived=DERIVED,
        sources=list(SOURCES.values()),
    conda:
        ENV
    log:
        f"{OUT}/logs/publish.log",
    script:
        "../../scripts/publish.py"
