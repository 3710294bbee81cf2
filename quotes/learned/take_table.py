"""Reading a learned span table (``cue_span.json``, ``content_span.json``): the decision of each
key under ``children``, read once per process."""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType


@lru_cache(maxsize=8)
def read_takes(path: Path) -> Mapping[str, str] | None:
    """``{key: take}`` of the table at ``path``, or None when the file is not there."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return MappingProxyType({key: entry["take"] for key, entry in data["children"].items()})
