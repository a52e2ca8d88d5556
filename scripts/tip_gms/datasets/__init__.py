"""Dataset builders: one module per dataset, named after it, each with `build(source, findings)`.

A builder reads the document model and returns a tidy DataFrame with `doc_id` and `source_line` on every
row. It does not validate, write files or know about Snakemake; the runner (tip_gms.build) does that.
"""
