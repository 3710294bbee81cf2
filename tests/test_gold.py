"""The YAML gold: every file loads, its labels are found, and bad files fail with file:line."""
from __future__ import annotations

from pathlib import Path

import pytest

from quotes.evaluation.gold import GoldError, load_gold_dir, load_gold_file

from .conftest import GOLD

DOCUMENTS = load_gold_dir(GOLD)


def test_gold_set_covers_every_kind():
    assert len(DOCUMENTS) >= 10
    kinds = {q.kind for d in DOCUMENTS for q in d.quotes}
    assert kinds == {"direct", "indirect", "mixed", "belief"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.id)
def test_offset_invariant_on_every_gold_document(nlp, document):
    """doc_text[q.start:q.end] == q.text for every part of every predicted quote."""
    text = document.text
    for quote in nlp(text)._.quotes:
        assert text[quote.start : quote.end] == quote.text
        for part in (quote.speaker, quote.cue):
            if part is not None:
                assert text[part.start : part.end] == part.text
    for gold in document.quotes:
        assert text[gold.start : gold.end] == gold.text


def write(tmp_path: Path, body: str, text: str = "He said \"yes\". She said \"yes\".") -> Path:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text("id: a\ntext_file: a.txt\nquotes:\n" + body, encoding="utf-8")
    return path


def test_quote_not_found_names_file_and_line(tmp_path):
    path = write(tmp_path, "  - text: hello\n    kind: direct\n    speaker: X\n")
    with pytest.raises(GoldError, match=r"a\.yaml:4: quote text not found"):
        load_gold_file(path)


def test_ambiguous_quote_asks_for_occurrence(tmp_path):
    path = write(tmp_path, "  - text: 'yes'\n    kind: direct\n    speaker: X\n")
    with pytest.raises(GoldError, match=r"a\.yaml:4: .*occurs 2 times.*occurrence"):
        load_gold_file(path)
    path = write(tmp_path, "  - text: 'yes'\n    kind: direct\n    speaker: X\n    occurrence: 2\n")
    (quote,) = load_gold_file(path).quotes
    assert quote.start == path.with_suffix(".txt").read_text().rindex("yes")


def test_bad_kind_and_unknown_key(tmp_path):
    with pytest.raises(GoldError, match="'kind' must be one of"):
        load_gold_file(write(tmp_path, "  - text: He said\n    kind: quote\n"))
    with pytest.raises(GoldError, match="unknown keys"):
        load_gold_file(write(tmp_path, "  - text: He said\n    kind: direct\n    speakr: X\n"))


def test_malformed_yaml_reports_a_line(tmp_path):
    path = write(tmp_path, "  - text: [unclosed\n    kind: direct\n")
    with pytest.raises(GoldError, match=r"a\.yaml:\d+: not valid YAML"):
        load_gold_file(path)


def test_missing_text_file(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("id: b\ntext_file: nowhere.txt\nquotes: []\n")
    with pytest.raises(GoldError, match="cannot read text_file"):
        load_gold_file(path)
