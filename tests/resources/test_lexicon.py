"""The cue lexicon: one per scope, checked on load, extra files layered on top."""
from __future__ import annotations

import pytest

from quotes.errors import LexiconError, QuotesError
from quotes.resources.lexicon import load_lexicon, merge, read_document


def test_each_scope_has_its_own_lexicon():
    quotes_scope, attributions = load_lexicon("quotes"), load_lexicon("attributions")
    assert "say" in quotes_scope.speech_verbs and "say" in attributions.speech_verbs
    # Mined PolNeAR verbs ("appear", "aim") are cues in the attributions scope only.
    assert "appear" in attributions.speech_verbs and "appear" not in quotes_scope.speech_verbs


def test_fragment_verbs_are_not_speech_verbs():
    lexicon = load_lexicon("quotes")
    assert lexicon.fragment_verbs and not lexicon.fragment_verbs & lexicon.speech_verbs
    assert lexicon.verb_class("describe") is None and "describe" in lexicon.fragment_verbs


def test_extra_file_adds_to_the_defaults(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("speech_verbs: [grumble]\n")
    lexicon = load_lexicon("quotes", (str(extra),))
    assert {"grumble", "say"} <= lexicon.speech_verbs


def test_extra_file_may_replace_a_list_explicitly(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("replace: [speech_verbs]\nspeech_verbs: [grumble]\n")
    assert load_lexicon("quotes", (str(extra),)).speech_verbs == {"grumble"}


@pytest.mark.parametrize(
    "content, message",
    [
        ("speach_verbs: [say]\n", "unknown keys"),
        ("speech_verbs: [say, say]\n", "more than once"),
        ("speech_verbs: say\n", "must be a list"),
        ("- say\n", "mapping"),
        ("speech_verbs: [say\n", "not valid YAML"),
        ("replace: [everything]\n", "'replace' must list"),
        ("speech_verbs: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("speech_verbs: [say, '']\n", "'speech_verbs' holds an empty word"),
        ("role_nouns: ['  ']\n", "'role_nouns' holds an empty word"),
        ("speech_verbs: [point out]\n", "'speech_verbs' holds 'point out', more than one word"),
        ("phrases: [{words: [according, to], speaker: 42}]\n", "must be a dependency label such as pobj, not int 42"),
        ("phrases: [{words: [according, to], speaker: 'nsubj obj'}]\n", "must be a dependency label"),
        ("phrases: [{words: [according, 7]}]\n", "phrase words must be text, not int 7"),
        ("phrases: [{words: [according, '']}]\n", "a phrase holds an empty word"),
        ("phrases: [{words: [according, to], speakr: pobj}]\n", "unknown keys \\['speakr'\\]"),
        ("phrases: {words: [according, to]}\n", "'phrases' must be a list"),
    ],
)
def test_bad_files_fail_with_the_reason(tmp_path, content, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(LexiconError, match=message):
        load_lexicon("quotes", (str(bad),))


def test_a_verb_in_two_lists_is_an_error():
    documents = [("a.yaml", read_document("speech_verbs: [call]\n", "a.yaml")),
                 ("b.yaml", read_document("fragment_verbs: [call]\n", "b.yaml"))]
    with pytest.raises(LexiconError, match="'call' is in fragment_verbs but a.yaml has it in speech_verbs"):
        merge(documents)


def test_lexicon_errors_are_quotes_errors(tmp_path):
    with pytest.raises(QuotesError):
        load_lexicon("quotes", (str(tmp_path / "missing.yaml"),))


def test_saved_data_round_trips():
    from quotes.resources.lexicon import lexicon_from_data

    lexicon = load_lexicon("attributions")
    assert lexicon_from_data(lexicon.to_data()) == lexicon


def test_a_lexicon_file_that_is_not_utf8_is_a_lexicon_error(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("speech_verbs: [r\xe9pondre]\n".encode("latin-1"))
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon("quotes", (str(bad),))
