# Build the datasets of each batch of sources: check each source's pinned sha256, read it, build, validate and
# check its datasets, stage each as Parquet (tip_gms.pipeline.build_sources). One rule per batch, so that
# every staged dataset is a declared output: `snakemake outputs/work/<source>/datasets/<dataset>.parquet`
# builds it, and `--summary` lists it.

for batch, members in BATCHES.items():

    rule:
        name:
            f"build_{batch}"
        input:
            sources=[SOURCES[s]["path"] for s in members],
            config_files=[path for s in members for path in CONFIG_FILES[s]],
        output:
            datasets=[path for s in members for path in STAGED[s]],
            stamps=[STAMPS[s] for s in members],
            lines=[LINES[s] for s in members],
        params:
            sources=[SOURCES[s] for s in members],
            code=BUILD_CODE,
        resources:
            mem_mb=2000,
            runtime=20,  # minutes, on a cluster
        log:
            f"{OUT}/logs/build/{batch}.log",
        conda:
            ENV
        run:
            from tip_gms import pipeline, runner

            runner.run(pipeline.build_sources, log[0], basedir=BASEDIR, outputs=OUT, **dict(params.items()))
