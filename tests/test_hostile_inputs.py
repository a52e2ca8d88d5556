"""The files a user hands the pipeline, read as if written to break it: every YAML file is read strictly
(tip_gms.yamlfile), and a source is read only from inside the working folder, never through a symbolic link
(tip_gms.preflight). Each refusal is one line naming the file, the line or the config key, and what to do."""

import copy
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from tip_gms import preflight, yamlfile
from tip_gms.errors import ConfigError

from . import configs
from .conftest import CONFIG, RAW, REPO, Workflow

SCHEMA = REPO / "workflow" / "config.schema.yaml"
# Every YAML file the pipeline reads, as committed.
READ = [REPO / "workflow" / "config.yaml", SCHEMA, REPO / "workflow" / "indicators.yaml",
        REPO / "scripts" / "tip_gms" / "country_aliases.yaml", *sorted((REPO / "workflow" / "reports").glob("*.yaml")),
        REPO / "tests" / "fixtures" / "central_asia_2010" / "key_figures.yaml"]
# Nine levels of nine aliases: a billion strings for whatever walks the tree, from 300 bytes.
BOMB = "\n".join(['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
    f"{level}: &{level} [{', '.join([f'*{previous}'] * 9)}]"
    for previous, level in zip("abcdefgh", "bcdefghi", strict=True)]) + "\n"


def refusal(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ConfigError) as error:
        yamlfile.load(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line ") or message.startswith(f"{path}: "), message
    assert "\n" not in message
    return message.removeprefix(str(path))


@pytest.mark.parametrize("path", READ, ids=[path.name for path in READ])
def test_every_yaml_file_the_pipeline_reads_loads_as_before(path):
    assert yamlfile.load(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_key_given_twice_is_refused_naming_the_line_and_the_key(tmp_path):
    message = refusal(tmp_path, "sources:\n  - id: a\n    path: raw/a.txt\n    id: b\n")
    assert message.startswith(", line 4: key sources.0.id is given twice in the same mapping (first on line 2)")
    assert "delete one of them" in message
    (tmp_path / "fine.yaml").write_text("sources:\n  - id: a\n    path: raw/a.txt\n  - id: a\n")
    assert yamlfile.load(tmp_path / "fine.yaml") == {"sources": [{"id": "a", "path": "raw/a.txt"}, {"id": "a"}]}


def test_an_anchor_bomb_is_refused_at_once(tmp_path):
    assert len(BOMB.splitlines()) == 9 and BOMB.count("*") == 72
    start = time.perf_counter()
    message = refusal(tmp_path, BOMB)
    assert time.perf_counter() - start < 0.5
    assert message.startswith(", line 2: the value at b.0 is the alias *a; aliases are not allowed")
    assert "write the value out in full" in message


@pytest.mark.parametrize(("text", "where"), [
    ("release: &r {title: T}\nother: *r\n", ", line 2: the value at other is the alias *r"),
    ("a: &one 1\nb:\n  c: [0, *one]\n", ", line 3: the value at b.c.1 is the alias *one"),
    ("a: &k key\n? *k\n: 1\n", ", line 2: a key of the top level is the alias *k"),
    ("a: &x [*x]\n", ", line 1: the value at a.0 is the alias *x"),  # a tree that holds itself
    ("a:\n  b: {c: 1}\n  d:\n    <<: {c: 2}\n", ", line 4: a.d has a merge key (<<), which is not allowed"),
], ids=["a mapping", "a number in a list", "a key", "recursive", "a merge key"])
def test_any_alias_is_refused_naming_its_line_and_key(tmp_path, text, where):
    assert refusal(tmp_path, text).startswith(where)


def test_a_byte_that_is_not_utf8_is_refused_naming_its_offset_and_line(tmp_path):
    message = refusal(tmp_path, b"release:\n  title: Caf\xe9\n")
    assert message == ", line 2: the byte at offset 21 (0xe9) is not UTF-8; save the file as UTF-8"
    (tmp_path / "fine.yaml").write_bytes("release:\n  title: Café\n".encode())
    assert yamlfile.load(tmp_path / "fine.yaml") == {"release": {"title": "Café"}}


def test_a_file_larger_than_the_limit_is_refused(tmp_path):
    line = b"# " + b"x" * 1021 + b"\n"  # 1 KiB of comment
    (tmp_path / "fine.yaml").write_bytes(line * (yamlfile.MAX_BYTES // len(line)))
    assert yamlfile.load(tmp_path / "fine.yaml") is None  # at the limit: read (all comments)
    message = refusal(tmp_path, line * (yamlfile.MAX_BYTES // len(line)) + b"a: 1\n")
    assert message.startswith(f": larger than {yamlfile.MAX_BYTES} bytes (1 MiB)")


@pytest.mark.parametrize(("text", "line"), [
    ("release:\n  title: T\n bad: 1\n", 3),
    ("release:\n\ttitle: T\n", 2),
    ("release: [unclosed\nsources: []\n", 2),
], ids=["indentation", "a tab", "a bracket left open"])
def test_a_syntax_error_is_refused_naming_its_line(tmp_path, text, line):
    message = refusal(tmp_path, text)
    assert message.startswith(f", line {line}: not valid YAML, ") and message.endswith("fix that line" + (
        " (YAML indents with spaces, never tabs)" if "\t" in text else "")), message
    assert "began on line 1" in message or "[" not in text  # the bracket's line, too


# The workflow config: read strictly before the schema is checked.

def test_each_config_file_is_read_strictly_before_the_schema(tmp_path):
    text = (REPO / "workflow" / "config.yaml").read_text()
    assert "    format: text\n" in text
    configfile = tmp_path / "config.yaml"
    configfile.write_text(text.replace("    format: text\n", "    format: text\n    format: pdf\n", 1))
    config = yaml.safe_load(configfile.read_text())
    assert config["sources"][0]["format"] == "pdf"  # what Snakemake would run with, silently
    with pytest.raises(ConfigError, match=rf"^{configfile}, line \d+: key sources\.0\.format is given twice"):
        preflight.check_config(config, SCHEMA, [str(configfile)], REPO)


# Source paths: inside the working folder, no symbolic link on the way.

def check(tmp_path: Path, monkeypatch, path: str, basedir: Path = REPO, **datasets) -> None:
    """The config check of the real config with source path `path`, run in `tmp_path`."""
    monkeypatch.chdir(tmp_path)
    config = copy.deepcopy(CONFIG)
    config["sources"][0]["path"] = path
    config["sources"][0]["datasets"].update(datasets)
    (tmp_path / "config.yaml").write_text(configs.dump(config))
    preflight.check_config(config, SCHEMA, ["config.yaml"], basedir)


@pytest.fixture
def folder(tmp_path):
    """A working folder with the source in raw/, and a copy of it outside the folder."""
    (tmp_path / "work" / "raw").mkdir(parents=True)
    (tmp_path / "work" / "raw" / "source.txt").write_bytes(RAW.read_bytes())
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "source.txt").write_bytes(RAW.read_bytes())
    return tmp_path / "work"


def test_a_source_inside_the_working_folder_is_read(folder, monkeypatch):
    check(folder, monkeypatch, "raw/source.txt")
    check(folder, monkeypatch, str(folder / "raw" / "source.txt"))  # absolute, but inside
    check(folder, monkeypatch, "raw/../raw/source.txt")


@pytest.mark.parametrize("path", ["../elsewhere/source.txt", "raw/../../elsewhere/source.txt", "ABSOLUTE",
                                  "../../../../../../../../etc/passwd", "/etc/passwd"])
def test_a_source_outside_the_working_folder_is_refused(folder, monkeypatch, path):
    path = str(folder.parent / "elsewhere" / "source.txt") if path == "ABSOLUTE" else path
    with pytest.raises(ConfigError) as error:
        check(folder, monkeypatch, path)
    assert str(error.value) == (f"config.yaml: sources.0.path: source {path} is outside {folder}; copy the file "
                                'into raw/ and pin it (README, "Updating the source")')


@pytest.mark.parametrize(("link", "target", "path", "named"), [
    ("raw/linked.txt", "ELSEWHERE", "raw/linked.txt", "raw/linked.txt"),  # the file, to outside
    ("raw/linked.txt", "source.txt", "raw/linked.txt", "raw/linked.txt"),  # the file, to inside
    ("data", "ELSEWHERE_FOLDER", "data/source.txt", "data"),  # a folder on the way
    ("data", "raw", "data/../raw/source.txt", "data"),  # a link before `..`
], ids=["a file to outside", "a file to inside", "a folder", "a folder before .."])
def test_a_source_through_a_symbolic_link_is_refused(folder, monkeypatch, link, target, path, named):
    target = {"ELSEWHERE": str(folder.parent / "elsewhere" / "source.txt"),
              "ELSEWHERE_FOLDER": str(folder.parent / "elsewhere")}.get(target, target)
    (folder / link).symlink_to(target)
    with pytest.raises(ConfigError) as error:
        check(folder, monkeypatch, path)
    assert str(error.value) == (f"config.yaml: sources.0.path: source {path} goes through a symbolic link ({named} "
                                f'-> {target}); copy the file into raw/ and pin it (README, "Updating the source")')


@pytest.fixture
def workflow_folder(tmp_path):
    """A workflow folder (the base of the files a source's settings name) whose code is the repository's."""
    base = tmp_path / "repo"
    base.mkdir()
    for name in ("schemas", "scripts", "workflow/reports"):
        (base / name).parent.mkdir(exist_ok=True)
        (base / name).symlink_to(REPO / name)
    (base / "figures.yaml").write_text("[]\n")
    (tmp_path / "outside.yaml").write_text("[]\n")
    (base / "linked.yaml").symlink_to(base / "figures.yaml")
    return base


@pytest.mark.parametrize(("registry", "why"), [
    ("../outside.yaml", "is outside {base}"),
    ("linked.yaml", "goes through a symbolic link (linked.yaml -> {base}/figures.yaml)"),
])
def test_a_registry_outside_the_workflow_folder_or_through_a_link_is_refused(monkeypatch, workflow_folder, registry,
                                                                             why):
    (workflow_folder / "raw").mkdir()
    (workflow_folder / "raw" / "s.txt").write_bytes(RAW.read_bytes())
    check(workflow_folder, monkeypatch, "raw/s.txt", workflow_folder, key_figures={"registry": "figures.yaml"})
    with pytest.raises(ConfigError) as error:
        check(workflow_folder, monkeypatch, "raw/s.txt", workflow_folder, key_figures={"registry": registry})
    assert str(error.value) == (f"config.yaml: sources.0.datasets.key_figures.registry: {registry} "
                                f"{why.format(base=workflow_folder)}; copy the file into the workflow's folder, "
                                "beside the config")


def test_folders_reached_through_a_link_are_fine(monkeypatch, workflow_folder, tmp_path):
    """Where a user keeps the folders is theirs: only the paths below them are checked."""
    (workflow_folder / "raw").mkdir()
    (workflow_folder / "raw" / "s.txt").write_bytes(RAW.read_bytes())
    (tmp_path / "alias").symlink_to(workflow_folder)
    check(tmp_path / "alias", monkeypatch, "raw/s.txt", tmp_path / "alias", key_figures={"registry": "figures.yaml"})


# End to end: what a user sees.

@pytest.mark.workflow
def test_a_hostile_config_stops_the_workflow_with_one_line(tmp_path):
    """A repeated key in a --configfile, and a byte that is not UTF-8 in workflow/config.yaml (which Snakemake's
    own reader meets first, with a traceback): one `ERROR tip-gms:` line each, before any job."""
    workflow = Workflow(tmp_path)
    command = workflow.prepare(RAW.read_bytes())
    configfile = workflow.workdir / "config.yaml"
    text = configfile.read_text()
    configfile.write_text(re.sub(r"^( *)format: text\n", r"\g<0>\1format: pdf\n", text, count=1, flags=re.MULTILINE))
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output and len(output.splitlines()) == 1, output[-3000:]
    assert f"ERROR tip-gms: {configfile}, line " in output and "key sources.0.format is given twice" in output

    configfile.write_text(text)
    (workflow.workdir / "workflow").mkdir()
    (workflow.workdir / "workflow" / "config.yaml").write_bytes(text.encode() + b"# caf\xe9\n")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output and len(output.splitlines()) == 1, output[-3000:]
    assert f"ERROR tip-gms: workflow/config.yaml, line {len(text.splitlines()) + 1}: the byte at offset " in output
    assert not workflow.outputs.exists()


@pytest.mark.workflow
def test_a_source_through_a_symbolic_link_stops_the_workflow(tmp_path):
    workflow = Workflow(tmp_path / "work")
    workflow.workdir.mkdir()
    command = workflow.prepare(RAW.read_bytes())
    (tmp_path / "source.txt").write_bytes((workflow.workdir / "source.txt").read_bytes())
    (workflow.workdir / "source.txt").unlink()
    os.symlink(tmp_path / "source.txt", workflow.workdir / "source.txt")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    assert (f"ERROR tip-gms: {workflow.workdir / 'config.yaml'}: sources.0.path: source source.txt goes through a "
            f"symbolic link (source.txt -> {tmp_path / 'source.txt'}); copy the file into raw/ and pin it") in output
