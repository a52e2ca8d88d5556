"""tip-gms: reports on trafficking in persons as validated, documented, queryable data."""
