"""The name-table switch, wherever a pipeline is made: ``quotes.extract(name_gender=False)``,
``quotes.load``, the component's ``name_gender`` setting, ``quotes extract --no-name-gender``
(a setting that --resume checks) and the Dask path; and the gender in the span groups."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

import quotes
from quotes.cli import main
from quotes.component.loading import loader_of

# Only the first-name table knows that Kevin Brandt is presented as a man; Ms. Vance's title
# is the article's own evidence and stays with the table off.
TEXT = '"The bridge is safe," Kevin Brandt said. Ms. Robin Vance said the plant would close.'
WITH_TABLE = [("male", "first name"), ("female", "title")]
WITHOUT_TABLE = [("unknown", None), ("female", "title")]


def gender_of(found) -> list[tuple[str | None, str | None]]:
    return [(q.speaker_gender, q.gender_evidence) for q in found]


def test_extract_and_extract_many_take_the_switch():
    assert gender_of(quotes.extract(TEXT)) == WITH_TABLE
    assert gender_of(quotes.extract(TEXT, name_gender=False)) == WITHOUT_TABLE
    (found,) = quotes.extract_many([TEXT], name_gender=False)
    assert gender_of(found) == WITHOUT_TABLE


def test_load_caches_one_pipeline_per_setting_and_workers_can_remake_it():
    on, off = quotes.load(), quotes.load(name_gender=False)
    assert on is quotes.load(quotes.DEFAULT_MODEL, "quotes", True) and off is not on
    assert off.get_pipe("quotes").name_gender is False and on.get_pipe("quotes").name_gender is True
    assert gender_of(off(TEXT)._.quotes) == WITHOUT_TABLE
    remade = loader_of(off)
    assert remade is not None and remade() is off  # a worker without fork loads the same setting


def test_the_component_setting_turns_the_table_off():
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes", config={"name_gender": False})
    assert gender_of(nlp(TEXT)._.quotes) == WITHOUT_TABLE
    assert nlp.config["components"]["quotes"]["name_gender"] is False  # saved with the pipeline


def test_a_saved_pipeline_keeps_its_setting_unless_load_turns_the_table_off(tmp_path):
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes")
    nlp.to_disk(tmp_path / "saved")
    assert quotes.load(str(tmp_path / "saved")).get_pipe("quotes").name_gender is True
    off = quotes.load(str(tmp_path / "saved"), name_gender=False)
    assert gender_of(off(TEXT)._.quotes) == WITHOUT_TABLE


def test_gender_rides_in_the_span_groups_through_docbin(nlp):
    doc = nlp(TEXT)
    stored = DocBin(store_user_data=False)
    stored.add(doc)
    (back,) = DocBin().from_bytes(stored.to_bytes()).get_docs(nlp.vocab)
    assert gender_of(back._.quotes) == WITH_TABLE
    speakers = back.spans["quote_speakers"]
    assert [(s.text, s.label_) for s in speakers] == [("Kevin Brandt", "person"), ("Ms. Robin Vance", "person")]
    # An attribute of the group by quote id, not a label.
    assert speakers.attrs["speaker_gender"] == {"q1": "male", "q2": "female"}
    assert speakers.attrs["gender_evidence"] == {"q1": "first name", "q2": "title"}


def test_organisations_have_no_entry_in_the_speakers_gender(nlp):
    doc = nlp("Acme Corp said its sales fell. Kevin Brandt said the figures were wrong.")
    assert [q.source_type for q in doc._.quotes] == ["organisation", "person"]
    assert doc.spans["quote_speakers"].attrs["speaker_gender"] == {"q2": "male"}


def _write(path: Path) -> Path:
    path.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    return path


def _genders(out: Path) -> list[tuple[str | None, str | None]]:
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [(line["speaker_gender"], line["gender_evidence"]) for line in lines]


def test_cli_no_name_gender_and_resume_refuses_the_other_setting(tmp_path, capsys):
    corpus = _write(tmp_path / "in.jsonl")
    on, off = tmp_path / "on.jsonl", tmp_path / "off.jsonl"
    assert main(["extract", str(corpus), "-o", str(on), "--quiet"]) == 0
    assert main(["extract", str(corpus), "-o", str(off), "--quiet", "--no-name-gender"]) == 0
    assert _genders(on) == WITH_TABLE and _genders(off) == WITHOUT_TABLE
    capsys.readouterr()
    # The setting shapes the output: resuming one run with the other would mix two kinds of lines.
    assert main(["extract", str(corpus), "-o", str(off), "--quiet", "--resume"]) == 2
    assert "name_gender False (now True)" in capsys.readouterr().err
    assert main(["extract", str(corpus), "-o", str(off), "--quiet", "--resume", "--no-name-gender"]) == 0


def test_dask_tasks_take_the_switch():
    db = pytest.importorskip("dask.bag")
    from quotes.run.corpus import Record
    from quotes.run.dask import DaskProcessor, extract_bag

    bag = extract_bag(db.from_sequence([{"id": "a", "text": TEXT}]), name_gender=False)
    (result,) = bag.compute(scheduler="synchronous")
    assert [(q["speaker_gender"], q["gender_evidence"]) for q in result["quotes"]] == WITHOUT_TABLE

    class Done:
        def __init__(self, value):
            self.value = value

        def result(self):
            return self.value

    class InProcess:
        """A client that runs each task at once, here."""

        def scheduler_info(self):
            return {"workers": {}}

        def submit(self, function, *args, pure=True):
            return Done(function(*args))

    processor = DaskProcessor.__new__(DaskProcessor)
    processor.model, processor.batch_size, processor.scope, processor.name_gender = (
        quotes.DEFAULT_MODEL, 8, "quotes", False)
    processor.client = InProcess()
    ((_, found, error),) = list(processor([Record("a", TEXT)]))
    assert error is None and [(q["speaker_gender"], q["gender_evidence"]) for q in found] == WITHOUT_TABLE
