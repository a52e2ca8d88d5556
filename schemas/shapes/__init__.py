"""Schemas of a shape, not of a dataset: a report's schema module makes its dataset from one, in its own words."""
