"""Publishing: every dataset of every source, and the documents generated from them, as one release.

- `writer`: writes the DuckDB file, CSV and Parquet, and the documents (`docs`: codebook, quality report,
  data package; `figures`; `page`: index.html) into a new release folder;
- `release`: switches a complete release in at once, and verifies what is published;
- `database`, `views`: the DuckDB file, generated from the schemas.
"""
