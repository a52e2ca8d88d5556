"""Running a pipeline stage as a Snakemake job.

The local profile runs every job inside Snakemake's own process (threads), so the imports are paid once per
run; on a cluster each job is a process of its own. Either way a stage logs to its rule's log file (only the
records of its own thread), and a refusal (a bad source, a bad config, a full disk) ends the job with its
message, `ERROR tip-gms: ...`, and no traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from tip_gms.errors import Refusal

log = logging.getLogger("tip_gms")


class StageFailed(Exception):
    """A stage refused to go on; the message says why (Snakemake prints it)."""


def run(stage: Callable[..., None], log_file: str, **arguments) -> None:
    handler = logging.FileHandler(log_file, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    thread = threading.get_ident()
    handler.addFilter(lambda record: record.thread == thread)  # jobs in other threads log elsewhere
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        stage(**arguments)
    except Refusal as refusal:
        log.error("tip-gms: %s", refusal)
        raise StageFailed(f"ERROR tip-gms: {refusal}") from None
    finally:
        log.removeHandler(handler)
        handler.close()
