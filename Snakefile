# tip-gms: the 2007 GMS trafficking-in-persons report as validated data. This file only wires;
# rules live in workflow/rules/, code in scripts/, contracts in schemas/.
from snakemake.utils import min_version

min_version("9.0")


configfile: "workflow/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/extract.smk"
include: "workflow/rules/load.smk"


rule all:
    input:
        rules.publish.output,
    default_target: True
