"""The web page of make_chromium printed by another browser engine: wkhtmltopdf (QtWebKit, Debian package
`wkhtmltopdf`).

What this engine does differently: it frames every page with a rectangle, shrinks the page to fit, prints
a table row cut by a page break again, whole, on the next page, and draws its own page header (the
title) and footer ('page N of M') in the margins; US Letter.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.renditions.blocks import FIXTURES
from tests.renditions.make_chromium import html


def main(target: Path = FIXTURES / "wkhtmltopdf_letter.pdf") -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        page = folder / "tip_gms_2007.html"
        page.write_text(html())
        subprocess.run(["wkhtmltopdf", "--quiet", "--page-size", "Letter", "--margin-top", "18mm",
                        "--margin-bottom", "16mm", "--header-center", "[title]", "--header-font-size", "8",
                        "--footer-right", "page [page] of [topage]", "--footer-font-size", "8",
                        str(page), str(target)], check=True, capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
