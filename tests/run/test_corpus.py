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


def test_symlinked_subfolders_are_followed_and_a_loop_is_read_once(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "sub").mkdir(parents=True)
    (elsewhere / "deep").mkdir(parents=True)
    (corpus / "a.txt").write_text("a")
    (elsewhere / "deep" / "b.txt").write_text("b")
    (corpus / "linked").symlink_to(elsewhere)
    (corpus / "sub" / "loop").symlink_to(corpus)  # back up to the top: walked once
    records = list(read_records([str(corpus)]))
    assert [(r.id, r.text) for r in records] == [(f"{corpus}/a.txt", "a"), (f"{corpus}/linked/deep/b.txt", "b")]


def test_html_files_in_a_folder_are_read_and_what_is_left_out_is_said(tmp_path):
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / "b.HTM").write_text("<p>b</p>")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    (tmp_path / ".e.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")  # no extension, but hidden
    notes: list[str] = []
    records = list(read_records([str(tmp_path)], warn=notes.append))
    assert [r.id for r in records] == [f"{tmp_path}/a.html", f"{tmp_path}/b.HTM"]
    assert notes == [
        f"quotes: {tmp_path}: not read: 2 .pdf files, 1 hidden file, 1 hidden folder "
        "(read are .htm, .html, .jsonl, .ndjson, .text, .txt and files without an extension)"
    ]


def test_a_folder_with_nothing_to_read_is_an_input_that_cannot_be_read(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (record,) = read_records([str(tmp_path)], warn=lambda note: None)
    assert record.unreadable and record.id == str(tmp_path) and record.error.startswith("nothing to read")


def test_a_pipe_is_read_and_sniffed(tmp_path):
    """``quotes extract <(command)`` gives a /dev/fd path; a named pipe is a path too."""
    import os
    import threading

    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    read, write = os.pipe()

    def feed() -> None:
        with open(fifo, "wb") as named:
            named.write(GOOD_LINES)
        os.write(write, b'"We will win," Jane Doe said.\n')
        os.close(write)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        records = list(read_records([str(fifo), f"/dev/fd/{read}"], warn=lambda note: None))
    finally:
        writer.join(10)
        os.close(read)
    assert [(r.id, r.error) for r in records] == [("a", None), ("b", None), (f"/dev/fd/{read}", None)]
    assert records[2].text == '"We will win," Jane Doe said.\n'


def test_a_file_without_an_extension_is_sniffed(tmp_path):
    (tmp_path / "feed").write_bytes(GOOD_LINES)
    (tmp_path / "story").write_text('"We will win," Jane Doe said.\n')
    assert [r.id for r in read_records([str(tmp_path / "feed"), str(tmp_path / "story")])] == [
        "a", "b", str(tmp_path / "story"),
    ]


def test_record_sizes_add_up_to_the_input_and_the_size_is_known_beforehand(tmp_path):
    from quotes.run.corpus import input_size

    (tmp_path / "a.txt").write_text("One text.\n")
    (tmp_path / "b.jsonl").write_bytes(b"\n" + GOOD_LINES + b"not json\n")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")  # not read: not counted
    records = list(read_records([str(tmp_path)], warn=lambda note: None))
    assert len(records) == 4 and sum(r.size for r in records) == input_size([str(tmp_path)]) == 10 + 1 + len(GOOD_LINES) + 9
    assert input_size(["-"]) is None and input_size([str(tmp_path / "missing")]) is None


def test_an_unterminated_string_and_a_link_loop_say_what_they_are(tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"id": "x", "text": "cut short')  # the last line, without its line break
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    records = list(read_records([str(corpus), str(tmp_path / "loop")]))
    assert [r.error for r in records] == [
        "invalid JSON on line 1: Unterminated string starting at column 21",
        "cannot read: Too many levels of symbolic links",
    ]
