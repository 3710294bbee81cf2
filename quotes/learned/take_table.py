"""Reading a learned span table (``cue_span.json``, ``content_span.json``): the decision of each
key under ``children``."""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


def takes_of(data: Mapping[str, Any]) -> Mapping[str, str]:
    """``{key: take}`` of a table as stored."""
    return MappingProxyType({key: entry["take"] for key, entry in data["children"].items()})
