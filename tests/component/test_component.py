"""The spaCy component, the library entry points and long documents."""
from __future__ import annotations

import pytest
import spacy

import quotes


def test_add_pipe_by_name_from_entry_point():
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes")
    doc = nlp('"We will win," Jane Doe said.')
    assert [(q.text, q.speaker_name) for q in doc._.quotes] == [("We will win", "Jane Doe")]


def test_a_pipeline_without_a_parser_is_an_error_at_add_pipe():
    nlp = spacy.blank("en")
    with pytest.raises(quotes.ModelError, match="dependency parser"):
        nlp.add_pipe("quotes")


def test_a_doc_without_a_parse_is_an_error_not_silence():
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes")
    with nlp.select_pipes(disable=["parser"]), pytest.raises(quotes.ModelError, match="dependency parse"):
        nlp("John said hello.")


def test_failures_go_to_spacys_error_handler(monkeypatch):
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes")
    import quotes.component.factory as component

    def broken(doc, lexicon, scope, name_gender=True):
        if "boom" in doc.text:
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(component, "extract_from_doc", broken)
    seen = []
    nlp.get_pipe("quotes").set_error_handler(lambda name, proc, docs, error: seen.append((name, docs[0].text, str(error))))
    done = [doc.text for doc in nlp.pipe(["fine.", "boom.", "also fine."])]
    assert done == ["fine.", "also fine."] and seen == [("quotes", "boom.", "boom")]


def test_analyze_pipes_lists_what_the_component_assigns():
    summary = quotes.load().analyze_pipes()["summary"]["quotes"]
    assert "doc.spans" in summary["assigns"] and "token.dep" in summary["requires"]


def test_quotes_are_span_groups_and_survive_docbin_without_user_data(nlp, seed_text):
    from spacy.tokens import DocBin

    doc = nlp(seed_text)
    speakers = {(s.text, s.kb_id_) for s in doc.spans["quote_speakers"]}
    assert ("Patel", "Vedant Patel") in speakers and ("the Chinese leader", "Xi Jinping") in speakers
    assert {s.label_ for s in doc.spans["quotes"]} == {q.kind for q in doc._.quotes}
    assert [s.id_ for s in doc.spans["quotes"]] == [f"q{i}" for i in range(1, len(doc._.quotes) + 1)]
    stored = DocBin(store_user_data=False)
    stored.add(doc)
    (back,) = DocBin().from_bytes(stored.to_bytes()).get_docs(nlp.vocab)
    assert back._.quotes == doc._.quotes and back._.quotes


def test_saved_pipeline_keeps_its_custom_lexicon_after_the_file_moves(tmp_path):
    import shutil

    extra = tmp_path / "extra.yaml"
    extra.write_text("speech_verbs: [fume]\n")
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes_paragraphs", before="parser")
    nlp.add_pipe("quotes", config={"lexicon_paths": [str(extra)]})
    text = "Mayor Jane Doe fumed that the budget was too small. She said it was too late."
    assert "fume" not in quotes.load().get_pipe("quotes").lexicon.speech_verbs  # what makes it a test
    before = nlp(text)._.quotes
    assert {q.cue.text for q in before} == {"fumed", "said"}  # extra words add to the defaults
    nlp.to_disk(tmp_path / "pipeline")
    extra.unlink()
    shutil.move(str(tmp_path / "pipeline"), str(tmp_path / "moved"))
    assert spacy.load(tmp_path / "moved")(text)._.quotes == before


def _attributions_pipeline():
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes_paragraphs", before="parser")
    nlp.add_pipe("quotes", config={"scope": "attributions"})
    return nlp


def test_saved_pipeline_keeps_its_learned_tables_when_the_packaged_ones_change(tmp_path, monkeypatch, seed_text):
    from quotes.learned.tables import LearnedTables

    nlp = _attributions_pipeline()
    before = nlp(seed_text)._.quotes
    nlp.to_disk(tmp_path / "pipeline")
    # The package's tables change: no confidence model, no learned spans.
    monkeypatch.setattr(LearnedTables, "shipped", classmethod(lambda cls, scope: cls()))
    assert _attributions_pipeline()(seed_text)._.quotes != before  # the change shows in a new pipeline
    assert spacy.load(tmp_path / "pipeline")(seed_text)._.quotes == before


def test_to_disk_and_from_disk_honour_exclude(tmp_path, seed_text):
    nlp = _attributions_pipeline()
    pipe = nlp.get_pipe("quotes")
    pipe.to_disk(tmp_path / "part", exclude=["confidence"])
    assert sorted(p.name for p in (tmp_path / "part").iterdir()) == [
        "cfg.json", "content_span.json", "cue_span.json", "lexicon.yaml"
    ]
    other = _attributions_pipeline().get_pipe("quotes")
    (tmp_path / "part" / "lexicon.yaml").write_text("speech_verbs: [fume]\n")
    other.from_disk(tmp_path / "part", exclude=["lexicon"])
    assert "say" in other.lexicon.speech_verbs  # the saved lexicon was left out
    assert other.tables.confidence == pipe.tables.confidence  # not saved: the component's own stays


@pytest.mark.slow
def test_readme_recipe_gives_the_library_results_on_every_gold_document():
    from quotes.evaluation.gold import load_gold_dir
    from tests.conftest import GOLD

    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes_paragraphs", before="parser")
    nlp.add_pipe("quotes")
    documents = load_gold_dir(GOLD)
    assert documents
    # strict: extract_many giving fewer (or more) results than documents is a failure, not a
    # silently shorter comparison.
    for document, found in zip(documents, quotes.extract_many(d.text for d in documents), strict=True):
        assert nlp(document.text)._.quotes == found, document.id


def test_extract_and_extract_many_agree(seed_text):
    single = quotes.extract(seed_text)
    batch = list(quotes.extract_many([seed_text, "", seed_text], batch_size=2))
    assert batch[0] == single and batch[1] == [] and batch[2] == single


def test_n_process_gives_identical_results(seed_text):
    texts = [seed_text, '"Fine," said Jane Doe.', seed_text[:500]] * 2
    one = list(quotes.extract_many(texts, n_process=1))
    two = list(quotes.extract_many(texts, n_process=2, batch_size=1))
    assert one == two


def test_quotes_are_json_serialisable(seed_text):
    import json

    found = quotes.extract(seed_text)
    # Something to round-trip: every kind, and the optional parts set as well as left empty.
    assert {q.kind for q in found} == {"direct", "indirect", "mixed"}, found
    assert {q.speaker_role is None for q in found} == {True, False}
    for quote in found:
        assert quotes.Quote.from_dict(json.loads(json.dumps(quote.to_dict()))) == quote


def test_non_text_input_is_a_clear_error():
    with pytest.raises(quotes.InputError, match="expected a str"):
        quotes.extract(None)  # type: ignore[arg-type]


def test_unknown_model_is_a_clear_error():
    with pytest.raises(quotes.ModelError, match="not installed"):
        quotes.load("no_such_model_xyz")
