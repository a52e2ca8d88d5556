"""Running a pipeline stage from a Snakemake script: log to the rule's log file and to stderr, and end the
job with a bad source's message instead of a traceback.

Light on imports on purpose: a job is a new Python process, and checking a source's hash should not wait
for pandas (see tip_gms.source.verify_source).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from tip_gms.errors import SourceError, SourceErrors

log = logging.getLogger("tip_gms")


def run(stage: Callable[..., None], log_file: str, **arguments) -> None:
    """Run `stage(**arguments)`; a bad source exits 1 with its message."""
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(message)s",
        handlers=[logging.FileHandler(log_file, mode="w"), logging.StreamHandler(sys.stderr)],
    )
    try:
        stage(**arguments)
    except (SourceError, SourceErrors) as error:
        log.error("tip-gms: %s", error)
        sys.exit(1)
