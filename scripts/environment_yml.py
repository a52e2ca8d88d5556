"""Print environment.yml for conda users from requirements.lock, so that both carry the same pins."""

import platform
import sys
from pathlib import Path

pins = [line for line in Path(sys.argv[1]).read_text().splitlines() if line and not line.startswith("#")]
python = ".".join(platform.python_version_tuple()[:2])
print("# Generated from requirements.lock by `make lock`; do not edit by hand.")
print("name: tip-gms\nchannels:\n  - conda-forge\ndependencies:")
print(f"  - python={python}\n  - pip\n  - pip:")
print("\n".join(f"      - {pin}" for pin in pins))
