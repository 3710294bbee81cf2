"""The one door to ``quotes/data``: every packaged file is read here, by name."""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError

DATA = resources.files("quotes") / "data"


def data_path(name: str) -> Path:
    """Where the packaged file ``name`` is (or would be): training scripts write there."""
    return Path(str(DATA / name))


def has(name: str) -> bool:
    return (DATA / name).is_file()


@lru_cache(maxsize=32)
def read_text(name: str) -> str:
    """The packaged file ``name`` as text, read once per process."""
    try:
        return (DATA / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"packaged data file {name}: cannot read: {error}") from None


def read_yaml(name: str) -> Any:
    """The packaged YAML file ``name``, parsed anew (callers keep what they build from it)."""
    try:
        return yaml.safe_load(read_text(name))
    except yaml.YAMLError as error:
        raise DataFileError(f"packaged data file {name}: not valid YAML: {error}") from None


def read_json(name: str) -> Any:
    """The packaged JSON file ``name``, parsed anew."""
    try:
        return json.loads(read_text(name))
    except json.JSONDecodeError as error:
        raise DataFileError(f"packaged data file {name}: not valid JSON: {error}") from None


def packaged_files() -> Iterator[tuple[str, bytes]]:
    """(name, content) of every packaged data file, by name: what, besides the code and the
    options, decides the output."""
    for item in sorted(DATA.iterdir(), key=lambda p: p.name):
        if item.is_file():
            yield item.name, item.read_bytes()
