# Combine the staged datasets of every source, derive the datasets computed from them, and publish all as one
# release (tip_gms.pipeline.publish). Why its output is the list of what it published, not the published files:
# docs/architecture.md, "Decisions of design".


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

        runner.run(pipeline.publish, log[0], sources=params.sources, derived=params.derived, basedir=BASEDIR,
                   outputs=OUT, record=output.record, build_code=params.build_code, code=params.code,
                   release=params.release, indicators=input.indicators)
