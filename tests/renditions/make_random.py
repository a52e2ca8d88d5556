"""The committed randomised renditions (`make random-fixtures`): `python -m tests.renditions.make_random ENGINE
SEED...` typesets the source with ENGINE (chromium or writer) in the layout drawn from each seed, with the
features the reader reads today (layout.READ_TODAY), into tests/fixtures/renditions/random/ENGINE_SEED.pdf.
"""

from __future__ import annotations

import sys

from tests.renditions.blocks import FIXTURES
from tests.renditions.check import renderer
from tests.renditions.layout import READ_TODAY, Layout

RANDOM = FIXTURES / "random"


def main(engine: str, *seeds: str) -> None:
    RANDOM.mkdir(exist_ok=True)
    for seed in map(int, seeds):
        target = RANDOM / f"{engine}_{seed}.pdf"
        renderer(engine)(Layout.draw(seed, READ_TODAY), target)
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
