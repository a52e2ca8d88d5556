# Per source: verify the pinned hash, then parse the source and build, validate and stage its datasets.


rule verify_source:
    input:
        source=lambda wildcards: SOURCES[wildcards.source]["path"],
    output:
        stamp=f"{OUT}/work/{{source}}/verified.sha256",
    params:
        sha256=lambda wildcards: SOURCES[wildcards.source]["sha256"],
    conda:
        ENV
    log:
        f"{OUT}/logs/verify_source/{{source}}.log",
    script:
        "../../scripts/verify_source.py"


rule build_datasets:
    input:
        source=lambda wildcards: SOURCES[wildcards.source]["path"],
        stamp=rules.verify_source.output.stamp,
        code=CODE,
    output:
        staged=directory(staged_dir("{source}")),
    params:
        format=lambda wildcards: SOURCES[wildcards.source]["format"],
        documents=lambda wildcards: SOURCES[wildcards.source]["documents"],
        datasets=lambda wildcards: SOURCES[wildcards.source]["datasets"],
    conda:
        ENV
    log:
        f"{OUT}/logs/build_datasets/{{source}}.log",
    script:
        "../../scripts/build_datasets.py"

