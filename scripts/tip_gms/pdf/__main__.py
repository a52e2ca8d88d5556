"""`python -m tip_gms.pdf FILE.pdf`: the lines read from a PDF (see tip_gms.pdf)."""

from tip_gms.pdf import main

main()
