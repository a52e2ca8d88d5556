"""tip-gms: the 2007 GMS trafficking-in-persons report as validated, documented, queryable data."""
