"""The YAML gold: every file loads, its labels are found, and bad files fail with file:line."""
from __future__ import annotations

from pathlib import Path

import pytest

from quotes.errors import QuotesError
from quotes.evaluation.gold import GoldError, load_gold_dir, load_gold_file
from quotes.types import SOURCE_TYPES
from tests.conftest import GOLD

GOLD_FILES = sorted(GOLD.glob("*.yaml"))


def test_gold_set_covers_every_kind():
    documents = load_gold_dir(GOLD, "attributions")
    assert len(documents) >= 10
    kinds = {q.kind for d in documents for q in d.quotes}
    assert kinds == {"direct", "indirect", "mixed", "belief"}
    assert {q.source_type for d in documents for q in d.quotes} <= {None, *SOURCE_TYPES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_offset_invariant_on_every_gold_document(nlp, path):
    """doc_text[q.start:q.end] == q.text for every part of every predicted quote."""
    document = load_gold_file(path, "attributions")
    text = document.text
    for quote in nlp(text)._.quotes:
        assert text[quote.start : quote.end] == quote.text
        for part in (quote.speaker, quote.cue, quote.speaker_role):
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


ROLE_TEXT = (
    "The spokesman was busy. US State Department spokesman Vedant Patel said talks went well. "
    "Patel, a former spokesman, added that more would follow."
)


def test_role_is_found_nearest_the_mention(tmp_path):
    path = write(tmp_path, (
        "  - text: talks went well\n    kind: indirect\n    speaker: Vedant Patel\n"
        "    mention: Vedant Patel\n    source_type: person\n    role: spokesman\n"
        "  - text: that more would follow\n    kind: indirect\n    speaker: Vedant Patel\n"
        "    mention: Patel\n    role: US State Department spokesman\n"
    ), ROLE_TEXT)
    first, second = load_gold_file(path).quotes
    role_at = ROLE_TEXT.index("spokesman Vedant")
    assert first.role == (role_at, role_at + len("spokesman")) and first.source_type == "person"
    assert second.role is not None
    assert ROLE_TEXT[second.role[0] : second.role[1]] == "US State Department spokesman"
    assert second.source_type is None  # not labelled, unlike source_type: none


def test_role_occurrence_picks_one(tmp_path):
    path = write(tmp_path, (
        "  - text: talks went well\n    kind: indirect\n    speaker: Vedant Patel\n"
        "    role: spokesman\n    role_occurrence: 3\n"
    ), ROLE_TEXT)
    (quote,) = load_gold_file(path).quotes
    assert quote.role is not None and quote.role[0] == ROLE_TEXT.rindex("spokesman")
    with pytest.raises(GoldError, match=r"a\.yaml:4: role occurs 3 times; occurrence 4 is out of range"):
        load_gold_file(write(tmp_path, (
            "  - text: talks went well\n    kind: indirect\n    speaker: X\n"
            "    role: spokesman\n    role_occurrence: 4\n"
        ), ROLE_TEXT))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("    source_type: people\n", "'source_type' must be one of"),
        ("    source_type: none\n", "'source_type: none' goes with 'speaker: null'"),
        ("    role: nowhere to be found\n", "role 'nowhere to be found' not found"),
        ("    role_occurrence: 2\n", "'role_occurrence' needs a 'role'"),
        ("    scope: everything\n", "'scope' must be one of"),
        ("    gender: woman\n    gender_evidence: pronoun\n", "'gender' must be one of"),
        ("    gender: female\n", "a 'gender' of female or male needs 'gender_evidence'"),
        ("    gender: unknown\n    gender_evidence: title\n", "a 'gender' of female or male needs 'gender_evidence'; unknown has none"),
        ("    gender: male\n    gender_evidence: hunch\n", "'gender_evidence' must be one of"),
        ("    gender_evidence: title\n", "'gender_evidence' needs a 'gender'"),
        ("    source_type: organisation\n    gender: male\n    gender_evidence: title\n", "'gender' is labelled on person sources only"),
    ],
)
def test_bad_new_labels_name_file_and_line(tmp_path, body, message):
    path = write(tmp_path, "  - text: He said\n    kind: direct\n    speaker: X\n" + body)
    with pytest.raises(GoldError, match=r"a\.yaml:4: " + message):
        load_gold_file(path)


def test_scope_drops_beliefs_and_marked_entries_from_the_quotes_scope(tmp_path):
    text = "Ann said she would win. Ann believes in it. Bob asked whether it would rain."
    body = (
        "  - text: she would win\n    kind: indirect\n    speaker: Ann\n    source_type: person\n"
        "  - text: in it\n    kind: belief\n    speaker: Ann\n"
        "  - text: whether it would rain\n    kind: indirect\n    speaker: Bob\n    scope: attributions\n"
    )
    path = write(tmp_path, body, text)
    assert [q.text for q in load_gold_file(path).quotes] == ["she would win"]
    every = load_gold_file(path, "attributions").quotes
    assert [q.attributions_only for q in every] == [False, True, True]
    assert [len(d.quotes) for d in load_gold_dir(tmp_path, "attributions")] == [3]
    with pytest.raises(GoldError, match="scope must be one of"):
        load_gold_dir(tmp_path, "all")


def test_gold_error_is_a_quotes_error(tmp_path):
    with pytest.raises(QuotesError):
        load_gold_dir(tmp_path)
    assert issubclass(GoldError, ValueError)


def test_every_single_person_source_has_a_gender_label():
    """Labelled from the text (gold/README.md); "A and B" is two people and has none."""
    for document in load_gold_dir(GOLD, "attributions"):
        genders: dict[str, set[str | None]] = {}
        for quote in document.quotes:
            if quote.source_type == "person" and quote.speaker is not None:
                joint = " and " in quote.speaker
                assert (quote.gender is None) == joint, f"{document.id}:{quote.line} {quote.speaker}"
                genders.setdefault(quote.speaker, set()).add(quote.gender)
            else:
                assert quote.gender is None, f"{document.id}:{quote.line}"
        # One person, one label in an article.
        assert all(len(labels) == 1 for labels in genders.values()), (document.id, genders)


def test_gender_labels_load(tmp_path):
    body = ("  - text: He said\n    kind: direct\n    speaker: X\n    source_type: person\n"
            "    gender: male\n    gender_evidence: pronoun\n"
            "  - text: She said\n    kind: direct\n    speaker: Y\n    gender: unknown\n")
    assert [(q.gender, q.gender_evidence) for q in load_gold_file(write(tmp_path, body)).quotes] == [
        ("male", "pronoun"), ("unknown", None)]
