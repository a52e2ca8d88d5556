"""Editing workflow configs for tests and benchmarks: the same source declared again under other names."""

from __future__ import annotations

import copy

import yaml


class _Written(yaml.SafeDumper):
    """Writes a value that appears twice out in full: the workflow refuses aliases (tip_gms.yamlfile)."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(config: dict) -> str:
    """A config as YAML the workflow accepts, keys in the order given."""
    return yaml.dump(config, Dumper=_Written, sort_keys=False)


def with_doc_ids(source: dict, suffix: str) -> dict:
    """A copy of a source's config entry whose doc_ids, and the settings that name one, end in `suffix`."""
    renamed = {document["doc_id"]: document["doc_id"] + suffix for document in source["documents"]}

    def rename(value):
        if isinstance(value, dict):
            return {key: rename(item) for key, item in value.items()}
        if isinstance(value, list):
            return [rename(item) for item in value]
        return renamed.get(value, value) if isinstance(value, str) else value

    return rename(copy.deepcopy(source))
