"""The learned tables one component runs with, as stored: the confidence model of its scope and
PolNeAR's cue and content spans. A component takes the shipped ones when it is made and keeps
its own copy when saved (``to_disk``), so that a saved pipeline gives the same quotes after the
package's tables change."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import confidence, content_span, cue_span
from .confidence import ConfidenceModel
from .content_span import ContentSpanTable
from .cue_span import CueSpanTable

# The names a saved component stores them under (and that ``exclude`` takes).
NAMES = ("confidence", "cue_span", "content_span")


@dataclass(frozen=True)
class LearnedTables:
    confidence: Mapping[str, Any] | None = None
    cue_span: Mapping[str, Any] | None = None
    content_span: Mapping[str, Any] | None = None

    @classmethod
    def shipped(cls, scope: str) -> LearnedTables:
        """The tables in ``quotes/data`` for ``scope`` (None where a file is not shipped)."""
        return cls(confidence.shipped_data(scope), cue_span.shipped_data(), content_span.shipped_data())

    def to_data(self) -> dict[str, Mapping[str, Any] | None]:
        return {name: getattr(self, name) for name in NAMES}

    def replaced(self, data: Mapping[str, Mapping[str, Any] | None]) -> LearnedTables:
        """These tables with those named in ``data`` replaced (a saved component's own)."""
        return LearnedTables(**{**self.to_data(), **{k: v for k, v in data.items() if k in NAMES}})

    @cached_property
    def confidence_model(self) -> ConfidenceModel | None:
        return None if self.confidence is None else ConfidenceModel.from_dict(self.confidence)

    @cached_property
    def cue_spans(self) -> CueSpanTable | None:
        return None if self.cue_span is None else CueSpanTable.from_data(self.cue_span)

    @cached_property
    def content_spans(self) -> ContentSpanTable | None:
        return None if self.content_span is None else ContentSpanTable.from_data(self.content_span)
