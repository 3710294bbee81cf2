"""The parts of speaker-name resolution, each on its own (quotes/names/)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from quotes.resources.data import data_path
from quotes.resources.lists import build_lists, load_lists, read_first_names
from quotes.speakers.agreement import Description, description_score, fits_pronoun, gender
from quotes.speakers.canonical import clean_name, defined_acronyms, is_acronym
from quotes.speakers.cast import Profile
from quotes.speakers.choice import Candidate, latest_subject, unique_best
from quotes.speakers.mentions import coordinated, head_word, narrow
from quotes.speakers.roles import content_words, title_chain
from quotes.speakers.timeline import Timeline
from tests.hand_parse import parsed

ROOT = Path(__file__).resolve().parents[2]
TITLES = frozenset({"mr", "ms", "dr", "president", "the"})


@pytest.fixture(scope="module")
def lists():
    return load_lists()


def span_of(doc, text: str):
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text), alignment_mode="expand")


# -- lists ---------------------------------------------------------------------------------------

def test_first_names_give_gender(lists):
    assert lists.name_gender("Laura") == "f"
    assert lists.name_gender("steve") == "m"
    assert lists.name_gender("Jordan") is None  # no clear majority: left out
    assert lists.name_gender("Jean") is None  # a man's name in French: left out on purpose


def test_role_hypernyms(lists):
    assert lists.role_fits("leader", "president")
    assert lists.role_fits("leader", "prime minister")
    assert lists.role_fits("judge", "justice")
    assert lists.role_fits("mayor", "mayor")
    assert not lists.role_fits("spokesman", "mayor")


def test_gendered_words(lists):
    assert lists.word_gender("Ms.") == "f"
    assert lists.word_gender("spokesman") == "m"
    assert lists.word_gender("spokesperson") is None


def test_read_first_names_skips_comments_and_bad_lines():
    text = "# header\nlaura\tf\t0.997\nbad line\nsteve\tm\t0.996\nkim\tx\t0.5\n"
    assert read_first_names(text) == {"laura": "f", "steve": "m"}


def test_build_lists_rejects_a_non_list():
    with pytest.raises(ValueError, match="anonymous_heads"):
        build_lists({"anonymous_heads": "officials"}, {})


def test_first_names_file_is_small_and_says_where_it_came_from():
    path = data_path("first_names.tsv")
    assert path.stat().st_size < 2 * 1024 * 1024
    header = path.read_text(encoding="utf-8")[:600]
    assert "Social Security Administration" in header and "licence" in header


def test_first_names_build_keeps_clear_majorities_only():
    spec = importlib.util.spec_from_file_location("build_first_names", ROOT / "scripts" / "build_first_names.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    counts = {
        "laura": {"f": 9900, "m": 100},
        "jordan": {"f": 4000, "m": 6000},
        "rare": {"f": 10, "m": 0},
        "jean": {"f": 9000, "m": 500},
    }
    assert build.clear_majorities(counts) == [("laura", "f", 0.99)]


# -- canonical -----------------------------------------------------------------------------------

def test_clean_name_drops_titles_determiners_and_possessive(nlp):
    doc = nlp("Mr. Patel's plan was read by the President Xi Jinping.")
    assert clean_name(doc.text, list(doc[0:3]), TITLES) == "Patel"
    assert clean_name(doc.text, list(span_of(doc, "the President Xi Jinping")), TITLES) == "Xi Jinping"


def test_clean_name_normalises(nlp):
    doc = nlp("Vedant\u200bPatel\tspoke.")
    name = clean_name(doc.text, list(doc[:-2]), TITLES)
    assert "\u200b" not in name and "\t" not in name


def test_defined_acronyms(nlp):
    doc = nlp("On Monday the Canada Revenue Agency (CRA) wrote. The Monday Club (XYZ) met.")
    found = defined_acronyms(doc, doc.text, TITLES)
    assert found["CRA"][1] == "Canada Revenue Agency"
    assert "XYZ" not in found  # the initials do not fit the words before


def test_is_acronym():
    assert is_acronym("CRA") and is_acronym("U.N.")
    assert not is_acronym("Canada") and not is_acronym("A")


# -- mentions ------------------------------------------------------------------------------------

def test_narrow_to_the_sender(nlp, lists):
    doc = nlp("A statement e-mailed by Maria Lopez, who chairs the board, said the vote was fair.")
    mention = span_of(doc, "A statement e-mailed by Maria Lopez, who chairs the board")
    assert narrow(mention, lists).text == "Maria Lopez"


def test_narrow_stops_at_the_bracket(nlp, lists):
    doc = nlp("Canada Revenue Agency (CRA) said audits rose.")
    assert narrow(span_of(doc, "Canada Revenue Agency (CRA"), lists).text == "Canada Revenue Agency"


def test_narrow_keeps_a_possessors_lawyer(nlp, lists):
    doc = nlp("Walsh's lawyer said he was innocent.")
    assert narrow(span_of(doc, "Walsh's lawyer"), lists).text == "Walsh's lawyer"


def test_coordinated_names(nlp):
    doc = nlp("Owners Ana Ruiz and Ben Okafor said the shop would close.")
    names = coordinated(span_of(doc, "Owners Ana Ruiz and Ben Okafor"))
    assert [n.text for n in names] == ["Ana Ruiz", "Ben Okafor"]


GLOBE_AND_MAIL = """
    The 1 det DET the
    Globe 4 nsubj PROPN Globe
    and 1 cc CCONJ and
    Mail 1 conj PROPN Mail
    reported 4 ROOT VERB report
    the 6 det DET the
    talks 4 dobj NOUN talk nospace
    . 4 punct PUNCT .
"""
RUIZ_AND_OKAFOR = """
    Ana 1 compound PROPN Ana
    Ruiz 5 nsubj PROPN Ruiz
    and 1 cc CCONJ and
    Ben 4 compound PROPN Ben
    Okafor 1 conj PROPN Okafor
    said 5 ROOT VERB say
    no 5 dobj INTJ no nospace
    . 5 punct PUNCT .
"""


@pytest.mark.parametrize(
    "rows, mention, ents, names",
    [
        # "The Globe and Mail" is one ORG entity: a conjunction inside one entity joins no names.
        (GLOBE_AND_MAIL, (0, 4), ((0, 4, "ORG"),), []),
        # The same parse without the entity is two proper names joined by "and".
        (GLOBE_AND_MAIL, (0, 4), (), ["Globe", "Mail"]),
        # Two entities, one each side of "and": two names.
        (RUIZ_AND_OKAFOR, (0, 5), ((0, 2, "PERSON"), (3, 5, "PERSON")), ["Ana Ruiz", "Ben Okafor"]),
    ],
)
def test_one_name_with_and_is_not_a_coordination(rows, mention, ents, names):
    # Built by hand, so that the entities do not depend on the small model.
    doc = parsed(rows, ents=ents)
    assert [n.text for n in coordinated(doc[mention[0] : mention[1]])] == names


def test_head_word_joins_two_word_titles(nlp):
    doc = nlp("The prime minister said no.")
    assert head_word(span_of(doc, "The prime minister")) == "prime minister"


# -- roles ---------------------------------------------------------------------------------------

def test_title_chain_before_a_name(nlp):
    doc = nlp("US State Department spokesman Vedant Patel said no.")
    name = span_of(doc, "Vedant Patel")
    chain = sorted(title_chain(doc, name.start, name.end), key=lambda t: t.i)
    assert doc[chain[0].i : chain[-1].i + 1].text == "US State Department spokesman"
    assert content_words(chain) == 4


# -- agreement -----------------------------------------------------------------------------------

def test_gender_evidence_order(lists):
    titled = Profile("Jordan Lee", 0)
    titled.gender_words["f"] = 1  # "Ms. Lee"
    titled.gender_pronouns["m"] = 1
    assert gender(titled, lists) == "f"
    by_pronouns = Profile("Laura Chen", 0)
    by_pronouns.gender_pronouns["m"] = 2  # the article says "he" twice: it knows best
    assert gender(by_pronouns, lists) == "m"
    by_name = Profile("Laura Chen", 0)
    by_name.gender_pronouns["m"] = 1
    assert gender(by_name, lists) == "f"
    assert gender(Profile("Aigerim Nurlanova", 0), lists) is None


def test_fits_pronoun():
    assert fits_pronoun("he", "m") and fits_pronoun("she", None)
    assert not fits_pronoun("he", "f")
    assert fits_pronoun("they", "f")  # number is checked elsewhere


def test_description_score(nlp, lists):
    doc = nlp("The Chinese leader spoke. The police spokesman spoke. The vice president spoke.")
    xi = Profile("Xi Jinping", 0, titles={"president"})
    putin = Profile("Vladimir Putin", 0, titles={"president"}, places={"russ"})
    patel = Profile("Vedant Patel", 0, titles={"spokesman"}, modifiers={"us", "state", "department"})
    leader = Description.of(span_of(doc, "The Chinese leader"), lists)
    spokesman = Description.of(span_of(doc, "The police spokesman"), lists)
    vice = Description.of(span_of(doc, "The vice president"), lists)
    assert description_score(leader, xi, lists, "m") is not None
    assert description_score(leader, putin, lists, "m") is None  # another nationality
    assert description_score(spokesman, patel, lists, "m") is None  # another office's spokesman
    assert description_score(vice, xi, lists, "m") is None  # a vice president is not the president


# -- choice --------------------------------------------------------------------------------------

def test_latest_subject_that_fits():
    candidates = [Candidate(0, "Tom Reilly", True), Candidate(10, "Laura Chen", True), Candidate(20, "Bob Object", False)]
    assert latest_subject(candidates, lambda name: name != "Laura Chen") == "Tom Reilly"
    assert latest_subject(candidates, lambda name: True) == "Laura Chen"
    assert latest_subject(candidates, lambda name: False) is None


def test_unique_best():
    assert unique_best([(3, 1, "A"), (2, 5, "B")]) == "A"
    assert unique_best([(3, 1, "A"), (3, 1, "B")]) is None
    assert unique_best([(3, 4, "A"), (3, 1, "B")]) == "A"  # clearly the most named
    assert unique_best([]) is None


# -- timeline ------------------------------------------------------------------------------------

def test_timeline_lookups():
    line: Timeline[str] = Timeline()
    for start, value in [(30, "c"), (10, "a"), (20, "b")]:
        line.add(start, value)
    assert line.latest_before(25) == "b"
    assert line.latest_before(10) is None
    assert line.between(10, 30) == [(10, "a"), (20, "b")]
    assert line.first_after(11) == (20, "b")
    assert line.last_before(31, 2) == ["c", "b"]
