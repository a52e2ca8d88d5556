"""What is particular to one report, a package each, named by its source id (`sources.id` in the config):
the builders and schemas of its own datasets (`datasets/`, `schemas/`), the checks that compare its own
tables (`checks.py`) and its charts (`charts.py`). The config binds them: it lists the datasets, names each
one's builder and gives the checks, figures and views their datasets. The engine (scripts/tip_gms, schemas/)
names no report."""
