"""The code is in layers, and imports only run down: reading the source <- datasets <- checks <- derived
datasets <- publishing <- the stages. A module that imports from a layer above it is a dependency hidden in
the wrong place."""

import ast
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "scripts" / "tip_gms"
# Bottom to top. A module not listed by name belongs to the layer of its package.
LAYERS = [
    {"errors", "files", "paths", "reports", "yamlfile"},
    {"source", "pdf", "document", "sections", "parsing", "quantities", "countries", "items", "phrases", "shapes",
     "validation"},
    {"datasets"},
    {"checks"},
    {"derived"},
    {"publishing"},
    {"pipeline", "preflight", "runner", "built_from"},
]


def layer(module: str) -> int:
    """The layer of `tip_gms.<module>` (a dotted name below the package)."""
    top = module.split(".")[0]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def imports(path: Path) -> set[str]:
    """The tip_gms modules a file imports, as names below the package."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tip_gms"):
            below = node.module.removeprefix("tip_gms").lstrip(".")
            found |= {below} if below else {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name.removeprefix("tip_gms.") for alias in node.names if alias.name.startswith("tip_gms.")}
    return found


MODULES = sorted(path for path in PACKAGE.rglob("*.py") if path.name != "__init__.py" or path.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_imports_run_down(path):
    own = layer(path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."))
    upward = [name for name in imports(path) if layer(name) > own]
    assert not upward, f"{path.relative_to(REPO)} imports from a layer above it: {upward}"


# A report's own modules (workflow/reports/<source id>/) sit in the layer of their kind; its schemas, like schemas/,
# below every layer of the library (they import none of it).
REPORTS = REPO / "workflow" / "reports"
REPORT_MODULES = sorted(path for path in REPORTS.glob("*/**/*.py") if path.name != "__init__.py")
KINDS = {"datasets": "datasets", "checks": "checks", "charts": "publishing"}


@pytest.mark.parametrize("path", REPORT_MODULES, ids=[str(p.relative_to(REPO)) for p in REPORT_MODULES])
def test_a_reports_own_modules_import_only_down(path):
    kind = path.relative_to(REPORTS).parts[1].removesuffix(".py")
    own = layer(KINDS[kind]) if kind in KINDS else -1
    upward = [name for name in imports(path) if layer(name) > own]
    assert not upward, f"{path.relative_to(REPO)} imports from a layer above it: {upward}"


def test_every_module_has_a_layer():
    assert len(MODULES) > 40 and len(REPORT_MODULES) > 20
    for path in MODULES:
        layer(path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."))


def test_an_upward_import_is_seen(tmp_path):
    builder = tmp_path / "a_builder.py"
    builder.write_text("from tip_gms.publishing import release\nfrom tip_gms import checks, document\n")
    assert imports(builder) == {"publishing", "checks", "document"}
    assert [name for name in imports(builder) if layer(name) > layer("datasets")] != []


def test_no_code_is_dead_and_the_check_would_see_it(tmp_path):
    """`make lint` runs vulture over the library: it passes today, and a function that nothing calls fails it."""
    import subprocess
    import sys

    vulture = [sys.executable, "-m", "vulture"]
    assert subprocess.run(vulture, cwd=REPO, capture_output=True, text=True).returncode == 0
    (tmp_path / "m.py").write_text("def used():\n    return 1\n\n\ndef forgotten():\n    return 2\n\n\nused()\n")
    found = subprocess.run([*vulture, str(tmp_path / "m.py"), "--min-confidence", "60"], capture_output=True,
                           text=True)
    assert found.returncode != 0 and "unused function 'forgotten'" in found.stdout
