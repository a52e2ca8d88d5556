"""Every YAML file the pipeline reads (the workflow config, its schema, a key-figures registry, the indicators,
the country aliases), read strictly: what PyYAML would accept in silence stops the run with one line that
names the file, the line and the key, and says what to do.

Refused: a key given twice in one mapping (PyYAML keeps the last), any alias `*name` (no config needs one, and
nine lines of them expand to a billion values for whatever walks the tree: an "anchor bomb"), a byte that is
not UTF-8, a file larger than MAX_BYTES, and a YAML syntax error. Merge keys (`<<`) go with aliases: they are
refused too, since merging copies what it merges before any alias is seen.

Kept free of pandas, so that the workflow's preflight costs nothing at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tip_gms.errors import ConfigError

# Far above any file the pipeline reads (the largest, a key-figures registry, is 10 KB): a larger file is the
# wrong file, or meant to exhaust the reader.
MAX_BYTES = 1024 * 1024

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where installed, as before


class _Alias(Exception):
    """An alias was met; where is found again from the events (the constructor cannot tell)."""


class _Strict(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader, refusing repeated keys and aliases. Keys are paths such as `sources.0.path`."""

    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self.file = file
        self.key_of: dict[int, str] = {}  # id(node) -> its key path, set by the collection that holds it

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias is the node of its anchor met a second time: constructing it again is the sign.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Alias
        return super().construct_object(node, deep=deep)

    def construct_sequence(self, node: yaml.Node, deep: bool = False) -> list:
        path = self.key_of.get(id(node), "")
        for i, item in enumerate(node.value if isinstance(node, yaml.SequenceNode) else ()):
            self.key_of[id(item)] = f"{path}.{i}" if path else str(i)
        return super().construct_sequence(node, deep=deep)

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict:
        path, mapping, lines = self.key_of.get(id(node), ""), {}, {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":  # merging copies what it merges before any check
                raise ConfigError(f"{self.file}, line {line}: {path or 'top level'} has a merge key (<<), which is "
                                  "not allowed (it merges what an alias names): write the keys out in full")
            key = self.construct_object(key_node, deep=deep)
            here = f"{path}.{key}" if path else str(key)
            try:
                repeated = key in mapping
            except TypeError:  # a list or mapping as a key
                raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                        "found unhashable key", key_node.start_mark) from None
            if repeated:
                raise ConfigError(f"{self.file}, line {line}: key {here} is given twice in the same mapping (first "
                                  f"on line {lines[key]}), and YAML would keep only the last: delete one of them")
            self.key_of[id(value_node)] = here
            mapping[key], lines[key] = self.construct_object(value_node, deep=deep), line
        return mapping


def load(path: str | Path) -> Any:
    """The data of the YAML file `path` (None for an empty file), or a ConfigError naming the file, the line
    and the key."""
    file = str(path)
    with open(path, "rb") as opened:
        raw = opened.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ConfigError(f"{file}: larger than {MAX_BYTES} bytes (1 MiB), the most a YAML file the workflow "
                          "reads may have; check that it is the right file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ConfigError(f"{file}, line {line}: the byte at offset {error.start} "
                          f"(0x{raw[error.start]:02x}) is not UTF-8; save "
                          "the file as UTF-8") from None
    loader = _Strict(text, file)
    try:
        return loader.get_single_data()
    except _Alias:
        raise ConfigError(_where_alias(text, file)) from None
    except yaml.YAMLError as error:
        line = _line(error, text)
        tabbed = line is not None and "\t" in (text.splitlines()[line - 1:line] or [""])[0]
        raise ConfigError(f"{file}, line {line or '?'}: not valid YAML, {_problem(error)}; fix that line"
                          + (" (YAML indents with spaces, never tabs)" if tabbed else "")) from None
    finally:
        loader.dispose()


def _line(error: yaml.YAMLError, text: str) -> int | None:
    """The 1-based line of the problem."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return mark.line + 1
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow: where, in characters
        return text.count("\n", 0, error.position) + 1
    return None


def _problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError):
        problem = " ".join(part for part in (error.context, error.problem) if part)
        started, found = error.context_mark, error.problem_mark
        if started is not None and found is not None and started.line != found.line:
            problem += f" (what it was parsing began on line {started.line + 1})"
        return problem
    return str(error).splitlines()[0]


def _where_alias(text: str, file: str) -> str:
    """The message for the first alias of `text`, naming its line and the key that holds it (read from the
    parser's events, which stay as small as the text however far the aliases would expand)."""
    frames: list[list] = []  # open collections, each [its key path, where it is: _KEY, a key or an index]

    def key_here() -> str:
        path, at = frames[-1]
        return f"a key of {path or 'the top level'}" if at is _KEY else f"the value at {_path(frames[-1])}"

    def done() -> None:  # a node ended: its collection moves on to the next item, key or value
        if frames:
            at = frames[-1][1]
            frames[-1][1] = at + 1 if isinstance(at, int) else "?" if at is _KEY else _KEY

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return (f"{file}, line {event.start_mark.line + 1}: {key_here()} is the alias *{event.anchor}; aliases "
                    "are not allowed (no config needs one, and a few lines of them can expand to billions of "
                    "values): write the value out in full")
        if isinstance(event, yaml.ScalarEvent) and frames and frames[-1][1] is _KEY:
            frames[-1][1] = event.value  # the key of the value that follows
        elif isinstance(event, yaml.ScalarEvent):
            done()
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            path = "" if not frames else _path(frames[-1])
            frames.append([path, _KEY if isinstance(event, yaml.MappingStartEvent) else 0])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frames.pop()
            done()
    return f"{file}: an alias, which is not allowed: write the value out in full"


def _path(frame: list) -> str:
    """The key path of the node a collection's frame is at."""
    path, at = frame
    at = "?" if at is _KEY else at
    return f"{path}.{at}" if path else str(at)


_KEY = object()  # a mapping's place in `_where_alias` when its next node is a key
