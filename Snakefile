# tip-gms: reports on trafficking in persons as validated data. This file only wires; rules live in
# workflow/rules/, code in scripts/, contracts in schemas/, report knowledge in workflow/config.yaml.
from snakemake.utils import min_version

min_version("9.0")


include: "workflow/rules/config_file.smk"  # the config read strictly first: Snakemake's reader is lenient


configfile: "workflow/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/build.smk"
include: "workflow/rules/publish.smk"
include: "workflow/rules/report.smk"


rule all:
    input:
        rules.publish.output,
        rules.report_files.output,
    default_target: True
