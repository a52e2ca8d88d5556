# Before any job: the config checked and the run lock taken (tip_gms.preflight), what is stale settled
# (tip_gms.built_from); then the names and paths derived from the config, once, for every rule.

import logging
import sys
import threading
from pathlib import Path

from snakemake_interface_executor_plugins.settings import ExecMode

sys.modules.setdefault("hypothesis", None)  # pandera validates without it (docs/architecture.md)

from tip_gms import built_from, paths, preflight, runner
from tip_gms.errors import Refusal

BASEDIR = Path(workflow.basedir)
try:
    preflight.check_config(config, BASEDIR / "workflow" / "config.schema.yaml", workflow.configfiles, BASEDIR)
except Refusal as refusal:
    sys.exit(f"ERROR tip-gms: {refusal}")
OUT = config["outputs"]
SOURCES = {source["id"]: source for source in config["sources"]}
DERIVED = config["derived"]
BATCHES = preflight.batches(config["sources"], config["sources_per_job"])
STAGED = {s: [str(paths.staged(OUT, s, d)) for d in SOURCES[s]["datasets"]] for s in SOURCES}
STAMPS = {s: str(paths.staged(OUT, s)) for s in SOURCES}
LINES = {s: str(paths.lines(OUT, s)) for s in SOURCES}  # each source's lines, for the release's view of it
BUILD_CODE = built_from.code_digest(BASEDIR, built_from.BUILD_CODE)
PUBLISH_CODE = built_from.code_digest(BASEDIR, built_from.PUBLISH_CODE)
PUBLISHED = str(paths.published(OUT))
# Files the config names beside a source (a key-figures registry): a change to one rebuilds the source.
CONFIG_FILES = {source["id"]: preflight.files_named(source, BASEDIR) for source in config["sources"]}
# One environment for every rule, with the same pins as requirements.lock (for --use-conda on a cluster).
ENV = "../../environment.yml"

# Warnings (a file restored, an old release that could not be deleted) and the run's outcome (what was
# published, what changed) reach the console; the rest goes to each rule's log file. A refusal is not repeated
# here: the job ends with it, and Snakemake prints it.
console = logging.StreamHandler(sys.stderr)
console.addFilter(lambda record: record.levelno == logging.WARNING or record.name == "tip_gms.summary")
console.setFormatter(logging.Formatter("tip-gms: %(message)s"))
logging.getLogger("tip_gms").addHandler(console)
logging.getLogger("snakemake.logging").addFilter(runner.refusal_alone)

# The run lock, then what is stale (docs/architecture.md); jobs started elsewhere (a cluster node) run under it.
if workflow.exec_mode == ExecMode.DEFAULT:
    try:
        preflight.hold_run_lock(OUT)
    except Refusal as refusal:
        sys.exit(f"ERROR tip-gms: {refusal}")
    for reason in built_from.settle(OUT, PUBLISHED, config["sources"], BUILD_CODE, PUBLISH_CODE):
        logger.warning(f"tip-gms: {reason}; publishing again")



def cancel_scheduler_timers():
    """The rate limiter's one-second timers, which Python would wait for at exit (docs/architecture.md)."""
    for timer in threading.enumerate():
        if isinstance(timer, threading.Timer):
            timer.cancel()


onsuccess:
    cancel_scheduler_timers()


onerror:
    cancel_scheduler_timers()
