"""The datasets' contracts: one pandera DataFrameModel per dataset, in a module named after the dataset.

Each module exposes its model as `SCHEMA`. The model is the single source of truth for columns, dtypes,
allowed values, key (`Config.unique`), descriptions and units (`metadata={"unit": ...}`): the DuckDB DDL
and comments are generated from it.
"""
