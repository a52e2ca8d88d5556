# Combine the staged datasets of every source, derive the datasets computed from them (countries,
# indicators), and publish all as one release: the DuckDB file, CSV, Parquet and the documents generated from
# them, switched in at once (tip_gms.publishing). The published files are not declared as outputs, because
# Snakemake deletes a job's outputs before running it: a failed run would lose the last good ones. The job's
# output is the list of what it published.


rule publish:
    input:
        staged=[path for s in SOURCES for path in [*STAGED[s], STAMPS[s], LINES[s]]],
        indicators=BASEDIR / "workflow" / "indicators.yaml",
    output:
        record=PUBLISHED,
    params:
        sources=list(SOURCES.values()),
        derived=DERIVED,
        release=config["release"],
        build_code=BUILD_CODE,
        code=PUBLISH_CODE,
    resources:
        mem_mb=4000,
        runtime=20,  # minutes, on a cluster
    log:
        f"{OUT}/logs/publish.log",
    conda:
        ENV
    run:
        from tip_gms import pipeline, runner

        runner.run(pipeline.publish, log[0], basedir=BASEDIR, outputs=OUT, record=output.record, **dict(params.items()))
