"""Running a pipeline stage as a Snakemake job, called with the rule's params and inputs by name: the stage logs to
its rule's log file (only the records of its own thread: docs/architecture.md), and a refusal (a bad source, a
bad config, a full disk) ends the job with its message, `ERROR tip-gms: ...`, and no traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from tip_gms.errors import Refusal

log = logging.getLogger("tip_gms")


_REFUSED = "ERROR tip-gms:"


class StageFailed(Exception):
    """A stage refused to go on; the message says why (Snakemake prints it, see `refusal_alone`)."""


def refusal_alone(record: logging.LogRecord) -> bool:
    """A filter for Snakemake's log: a job that ended in a refusal is printed as its `ERROR tip-gms:` block alone,
    without the exception's class, the rule file's line and the lines of traceback that Snakemake adds."""
    message = record.getMessage()
    if StageFailed.__name__ in message and _REFUSED in message:
        block = message[message.index(_REFUSED):].splitlines()
        record.msg, record.args = "\n".join(line for line in block if not line.startswith('  File "')), ()
    return True


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
        raise StageFailed(f"{_REFUSED} {refusal}") from None
    finally:
        log.removeHandler(handler)
        handler.close()
