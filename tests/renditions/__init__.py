"""Generators of PDF renditions of the text source, each by an independent typesetter (`make fixtures`)."""
