"""Random records through the command-line path: every record accounted for, every error line
names its record, and every offset of every quote points at its text."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from quotes.run.corpus import read_records
from quotes.run.resume import load_state
from quotes.run.runner import FileSink, local_processor, run

QUOTE_SOUP = list('"“”‘’„‟«»‹›\'`') + [" said ", " told reporters", " according to ", "Jane Doe", " he ", ", ", ". ", "\n\n"]
SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
CONTROLS = st.sampled_from([chr(c) for c in [*range(0, 32), 127, 0x85, 0x200B, 0x2028, 0xFEFF]])
SENTENCES = st.sampled_from([
    '"We will win," Jane Doe said. ', "Ann Lee said the plan would fail. ", '"No," he told reporters.\n',
    "“It is late,” the mayor, Tom Ode, said, “and dark.” ", "According to police, it was stolen. ",
])
PIECES = st.one_of(st.sampled_from(QUOTE_SOUP), SENTENCES, st.text(max_size=12), SURROGATES, CONTROLS)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@st.composite
def line(draw, number: int) -> bytes:
    """One JSONL line: a record (maybe without id or text, or with text that is not text), a
    JSON value that is not an object, or bytes that are not JSON at all."""
    kind = draw(st.sampled_from(["record", "record", "record", "no id", "no text", "bad text", "not object", "raw"]))
    if kind == "raw":
        return draw(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b" ")))
    if kind == "not object":
        value = draw(st.one_of(st.lists(st.integers(), max_size=3), st.integers(), TEXTS, st.none()))
        return json.dumps(value).encode()
    record: dict = {"id": f"r{number}|" + draw(st.one_of(st.just(""), TEXTS)), "text": draw(TEXTS)}
    if kind == "no id":
        del record["id"]
    if kind == "no text":
        del record["text"]
    if kind == "bad text":
        record["text"] = draw(st.one_of(st.integers(), st.lists(st.text(max_size=3), max_size=2), st.none()))
    if draw(st.booleans()):
        record["id" if "id" in record else "other"] = number  # a number as the id
    return json.dumps(record).encode()  # ensure_ascii: lone surrogates arrive as \ud800 escapes


@st.composite
def corpora(draw) -> list[bytes]:
    count = draw(st.integers(1, 12))
    return [draw(line(number)) for number in range(count)]


def surrogates(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def expected(path: Path, lines: list[bytes]) -> tuple[list[str], set[str], dict[str, str]]:
    """The id each non-blank line must be reported under (all different, by construction),
    the ids of those that cannot be read, and the texts of the others by id."""
    ids, unreadable, texts = [], set(), {}
    for number, raw in enumerate(lines, 1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte order mark opening the file is no text
        if not raw.strip():
            continue
        fallback = f"{path}:{number}"
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        record_id = data.get("id") if isinstance(data, dict) and "id" in data else fallback
        record_id = record_id if isinstance(record_id, str) else json.dumps(record_id)
        ids.append(fallback if surrogates(record_id) else record_id)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or surrogates(text) or surrogates(record_id):
            unreadable.add(ids[-1])
        else:
            texts[ids[-1]] = text
    return ids, unreadable, texts


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=corpora())
@example(lines=[b"\xef\xbb\xbf"])  # a byte order mark alone, then one opening a record
@example(lines=[b'\xef\xbb\xbf{"id": "a", "text": "\\"Hi,\\" she said."}'])
def test_random_records_are_accounted_for(nlp, lines):
    with tempfile.TemporaryDirectory() as folder:
        corpus, out, errors = Path(folder, "in.jsonl"), Path(folder, "out.jsonl"), Path(folder, "err.jsonl")
        corpus.write_bytes(b"\n".join(lines) + b"\n")
        sink = FileSink(out, errors, {})
        try:
            summary = run(read_records([str(corpus)]), local_processor(nlp, batch_size=4), sink)
        finally:
            sink.close()
        ids, unreadable, texts = expected(corpus, lines)
        before = out.read_bytes(), errors.read_bytes()
        state = load_state(out, errors, {})
        resumed = FileSink(out, errors, {}, state)
        try:
            again = run(read_records([str(corpus)]), local_processor(nlp), resumed, state)
        finally:
            resumed.close()
        assert again.skipped == again.read == summary.read and (out.read_bytes(), errors.read_bytes()) == before
        error_lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").split("\n") if x]
        quotes = [json.loads(x) for x in out.read_text(encoding="utf-8").split("\n") if x]

    event("some quotes" if quotes else "no quotes")
    event("some records failed" if error_lines else "no record failed")
    assert summary.read == len(ids) == summary.processed + summary.failed
    assert len(error_lines) == summary.failed and len(quotes) == summary.quotes
    assert all(isinstance(e["error"], str) and e["error"] for e in error_lines)
    failed = [e["id"] for e in error_lines]
    assert failed == [i for i in ids if i in failed], "one error line per failed record, in input order"
    assert unreadable <= set(failed)
    for quote in quotes:
        assert quote["id"] in ids and quote["id"] not in failed
        text = texts[quote["id"]]
        assert text[quote["start"]:quote["end"]] == quote["text"]
        for part in ("speaker", "cue", "speaker_role"):
            if quote[part] is not None:
                assert text[quote[part]["start"]:quote[part]["end"]] == quote[part]["text"], part
