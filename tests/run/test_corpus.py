"""Reading inputs (quotes/run/corpus.py): how standard input and streams are sniffed, byte
order marks, ids, error messages, folders, pipes and devices."""
from __future__ import annotations

import io
import json

from quotes.run.corpus import read_records

GOOD = [{"id": "a", "text": '"Fine," said Jane Doe.'}, {"id": "b", "text": '"Good," said Tom Ode.'}]
GOOD_LINES = "".join(json.dumps(r) + "\n" for r in GOOD).encode()


def from_stdin(data: bytes, **options) -> tuple[list, list[str]]:
    notes: list[str] = []
    records = list(read_records(["-"], stdin=io.BytesIO(data), warn=notes.append, **options))
    return records, notes


def test_a_broken_first_record_does_not_make_a_feed_one_text():
    records, notes = from_stdin(b'{"id":"x","text":"broken\n' + GOOD_LINES)
    assert [r.id for r in records] == ["<stdin>:1", "a", "b"]
    assert records[0].error is not None and [r.text for r in records[1:]] == [g["text"] for g in GOOD]
    (note,) = notes
    assert "read as JSONL" in note and "1 line(s) before it become error lines" in note


def test_a_first_line_that_is_json_but_no_object_does_not_make_a_feed_one_text():
    records, _ = from_stdin(b"[1,2]\n" + GOOD_LINES)
    assert [r.id for r in records] == ["<stdin>:1", "a", "b"]
    assert records[0].error == "a JSONL record must be an object"


def test_a_byte_order_mark_on_stdin_is_skipped():
    records, notes = from_stdin(b"\xef\xbb\xbf" + GOOD_LINES)
    assert [(r.id, r.error) for r in records] == [("a", None), ("b", None)] and notes == []


def test_a_jsonl_file_that_starts_with_a_byte_order_mark_keeps_its_first_record(tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_bytes(b"\xef\xbb\xbf" + GOOD_LINES)
    assert [(r.id, r.error) for r in read_records([str(corpus)])] == [("a", None), ("b", None)]


def test_text_that_only_looks_like_json_is_one_text_with_a_note():
    data = b"{Editor's note: updated}\n\"We will win,\" Jane Doe said.\n"
    records, notes = from_stdin(data)
    assert [(r.id, r.text) for r in records] == [("<stdin>", data.decode())]
    (note,) = notes
    assert "read as one text" in note and "--format jsonl" in note


def test_plain_text_on_stdin_is_one_text_without_a_note():
    records, notes = from_stdin(b"\n\nA headline\n\n\"We will win,\" Jane Doe said.\n")
    assert len(records) == 1 and records[0].id == "<stdin>" and notes == []


def test_a_null_id_is_file_and_line(tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"id": "a", "text": "x"}\n{"id": null, "text": "y"}\n{"text": "z"}\n')
    assert [r.id for r in read_records([str(corpus)])] == ["a", f"{corpus}:2", f"{corpus}:3"]


def test_a_bad_line_is_named_by_its_line_in_the_input(tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"id": "a", "text": "x"}\n{"id": "b"\n{"id": 1,}\n')
    errors = [r.error for r in read_records([str(corpus)])]
    assert errors[1:] == [
        "invalid JSON on line 2: Expecting ',' delimiter at the end of the line",
        "invalid JSON on line 3: Expecting property name enclosed in double quotes at column 10",
    ]
