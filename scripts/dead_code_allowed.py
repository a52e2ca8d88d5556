"""Names the dead-code check (vulture, `make lint`) cannot see used: what the Snakemake rules call (the .smk
files are not Python to it) and what a library reads. Each line is a use; a name used nowhere does not belong here.
"""

import logging

from tip_gms import built_from, paths, pipeline, preflight, runner, yamlfile
from tip_gms.publishing import archive, snakemake_report

# workflow/rules/*.smk
pipeline.build_sources, pipeline.publish, paths.published
built_from.BUILD_CODE, built_from.PUBLISH_CODE, built_from.code_digest, built_from.settle, preflight.check_config
preflight.batches, preflight.files_named, preflight.hold_run_lock, runner.refusal_alone, snakemake_report.copy
# logging reads it from the record a filter rewrites
logging.LogRecord.msg
# PyYAML calls it while it constructs a mapping
yamlfile._Strict.construct_mapping
# zipfile reads them from the ZipInfo it writes
archive.zipfile.ZipInfo.external_attr, archive.zipfile.ZipInfo.compress_type
