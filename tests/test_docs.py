"""What the README and docs/ name exists: every repository path in backticks, every relative link, every
`make` target. A moved file or a renamed target fails here, not in a reader's terminal."""

from __future__ import annotations

import re

import pytest

from .conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_TOP = ("scripts/", "schemas/", "tests/", "workflow/", "docs/", "raw/", ".ci/", "profiles/")
_FILES = ("Makefile", "Snakefile", "requirements.in", "requirements.lock", "requirements-cluster.txt",
          "environment.yml", "pyproject.toml", "CHANGELOG.md", "CITATION.cff", "LICENSE")
_PATH = re.compile(r"`([^`\s]+)`")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
_MAKE = re.compile(r"`make ([a-z][\w-]*)")
_PLACEHOLDER = re.compile(r"[<>*{}]|\.\.\.")


def named_paths(text: str) -> set[str]:
    """Repository paths the text names in backticks (placeholders such as `schemas/<name>.py` left out)."""
    found = set()
    for token in _PATH.findall(text):
        path = token.split(":")[0].rstrip(".,;)")  # `tests/test_x.py::test_y`, a sentence's full stop
        if (path.startswith(_TOP) or path in _FILES) and not _PLACEHOLDER.search(path):
            found.add(path)
    return found


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_every_path_the_docs_name_exists(doc):
    missing = sorted(path for path in named_paths(doc.read_text()) if not (REPO / path).exists())
    assert not missing, f"{doc.relative_to(REPO)} names what does not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_every_relative_link_of_the_docs_leads_to_a_file(doc):
    links = [link for link in _LINK.findall(doc.read_text()) if not re.match(r"[a-z]+:", link)]
    missing = sorted(link for link in links if not (doc.parent / link).exists())
    assert not missing, f"{doc.relative_to(REPO)} links to what does not exist: {missing}"


def test_every_make_target_the_docs_name_exists():
    targets = set(re.findall(r"^([a-z][\w-]*):", (REPO / "Makefile").read_text(), re.MULTILINE))
    named = {target for doc in DOCS for target in _MAKE.findall(doc.read_text())}
    assert named and not named - targets, sorted(named - targets)


def test_a_path_that_does_not_exist_is_seen():
    assert named_paths("see `scripts/tip_gms/nope.py` and `schemas/<name>.py`, `make run`") == {
        "scripts/tip_gms/nope.py"}
