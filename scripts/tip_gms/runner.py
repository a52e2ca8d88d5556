"""Running a pipeline stage from a Snakemake script: log to the rule's log file and to stderr; a bad source
exits 1 with its message instead of a traceback.

Kept free of pandas (as is tip_gms.source), so that the first step, verify_source, starts at once.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from tip_gms.errors import Refusal

log = logging.getLogger("tip_gms")


def run(stage: Callable[..., None], log_file: str, **arguments) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(message)s",
        handlers=[logging.FileHandler(log_file, mode="w"), logging.StreamHandler(sys.stderr)],
    )
    try:
        stage(**arguments)
    except Refusal as error:
        log.error("tip-gms: %s", error)
        sys.exit(1)
