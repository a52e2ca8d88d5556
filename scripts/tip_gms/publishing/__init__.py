"""Publishing: every dataset of every source, and the documents generated from them, as one release.

- `writer`: writes the CSV (whose hash is the data version), the DuckDB file, Parquet and the documents
  (`docs`: codebook, quality report, data package, rights; `figures`: which figure draws which dataset, with
  the kit of `drawing` and the engine's `charts`; `page`: index.html and the HTML documents; `archive`:
  tip_gms-<version>.zip) into a new release folder, and says what changed;
- `release`: switches a complete release in at once, and verifies what is published;
- `database`, `views`: the DuckDB file, generated from the schemas, with the views the reports' config
  declares and the engine's, and the macro that words a figure;
- `templating`: the Jinja2 templates in templates/ and the Markdown they show.
"""
