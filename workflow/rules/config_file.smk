# Before Snakemake reads workflow/config.yaml (the Snakefile's `configfile:`), the file is read strictly
# (tip_gms.yamlfile): Snakemake's own reader stops with a traceback on a byte that is not UTF-8, and keeps the
# last of two equal keys. common.smk reads every config file so again, those given with --configfile too.

import os
import sys

from tip_gms import yamlfile
from tip_gms.errors import Refusal

if os.path.exists("workflow/config.yaml"):  # where `configfile:` looks: the working folder (else --configfile)
    try:
        yamlfile.load("workflow/config.yaml")
    except Refusal as refusal:
        sys.exit(f"ERROR tip-gms: {refusal}")
