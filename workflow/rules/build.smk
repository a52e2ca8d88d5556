# Build the datasets of each batch of sources and stage each as Parquet (tip_gms.pipeline.build_sources). Why
# batches, and every staged dataset a declared output: docs/architecture.md, "Decisions of design".

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

            runner.run(pipeline.build_sources, log[0], sources=params.sources, basedir=BASEDIR, outputs=OUT,
                       code=params.code)
