"""Speaker resolution: surnames, pronouns, descriptions and organisations."""
import re

import pytest

from quotes.resources.lexicon import load_lexicon
from quotes.speakers.resolver import Source, SpeakerResolver


def speakers(extract, text):
    return [(q.speaker.text, q.speaker_name) for q in extract(text)]


def test_surname_resolves_to_full_name(extract):
    text = "Health minister Sarah Connolly visited the hospital.\n\nConnolly said the wards were full."
    assert speakers(extract, text) == [("Connolly", "Sarah Connolly")]


def test_surname_first_names(extract):
    text = "President Xi Jinping met the delegation.\n\nXi said the talks went well."
    assert speakers(extract, text) == [("Xi", "Xi Jinping")]


def test_pronoun_prefers_the_last_speaker_over_people_inside_the_quote(extract):
    text = (
        "Prosecutor Anna Brightwell told the court that Derek Walsh had lied. "
        '"He knew what he was doing," she said.'
    )
    assert speakers(extract, text)[-1] == ("she", "Anna Brightwell")


def test_pronoun_prefers_subjects_over_objects(extract):
    text = (
        "Coach Steve Dalton praised striker Luca Moretti after the game. "
        'He said: "Luca has been brilliant."'
    )
    assert speakers(extract, text)[-1] == ("He", "Steve Dalton")


def test_description_resolves_by_place_and_title(extract):
    text = (
        "Russian President Vladimir Putin met President Xi Jinping in Beijing. "
        "Xi greeted Putin warmly. "
        'The Chinese leader said that the talks were "a success".'
    )
    assert speakers(extract, text)[-1] == ("The Chinese leader", "Xi Jinping")


def test_organisation_description(extract):
    text = (
        "Acme Corporation said on Monday that it would cut 300 jobs. "
        "The company said that the cuts were necessary."
    )
    assert [name for _, name in speakers(extract, text)] == ["Acme Corporation", "Acme Corporation"]


def test_unnamed_source_keeps_its_words(extract):
    text = "The plan had failed, a senior official said."
    assert speakers(extract, text) == [("a senior official", "a senior official")]


# -- the resolver on its own: mentions given by hand, in text order ------------------------------

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def resolve_all(nlp, text: str, *mentions: str) -> list[Source]:
    """Resolve each mention (its first occurrence after the previous one) in text order; the
    quoted stretches are the reported contents."""
    doc = nlp(text)
    contents = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    resolver = SpeakerResolver(doc, load_lexicon(), contents)
    found, position = [], 0
    for mention in mentions:
        start = re.compile(rf"(?<!\w){re.escape(mention)}(?!\w)").search(text, position).start()
        span = doc.char_span(start, start + len(mention), alignment_mode="expand")
        found.append(resolver.resolve(span))
        position = start + len(mention)
    return found


def summary(source: Source) -> tuple:
    return (
        source.mention.text if source.mention is not None else None,
        source.name,
        source.source_type,
        source.role.text if source.role is not None else None,
    )


def test_no_mention_is_no_source(nlp):
    resolver = SpeakerResolver(nlp("Nothing was said."), load_lexicon())
    assert resolver.resolve(None) == Source(None, None, "none", None)


# a. pronouns agree in gender and number

def test_he_skips_a_woman_named_just_before(nlp):
    text = (
        "Tom Reilly runs the depot. Laura Chen, the treasurer, left early. "
        '"We are broke," he said.'
    )
    assert resolve_all(nlp, text, "he")[0].name == "Tom Reilly"


def test_she_goes_to_the_woman_by_first_name(nlp):
    text = 'Laura Chen met Tom Reilly on Monday. Reilly left early. "We are broke," she said.'
    assert resolve_all(nlp, text, "she")[0].name == "Laura Chen"


def test_courtesy_title_gives_gender(nlp):
    text = (
        "Ms. Kowalczyk chaired the meeting. Councillor Rowe Pettigrew spoke after the vote. "
        '"It was close," she said.'
    )
    assert resolve_all(nlp, text, "she")[0].name == "Kowalczyk"


def test_the_articles_own_pronouns_give_gender(nlp):
    # Neither first name is in the name list: the article's "she" and "her" for Aigerim decide.
    text = (
        "Aigerim Nurlanova opened the clinic in 2019. She said her patients came from far away. "
        "Her nurses work long shifts. Bolat Seitkali visited on Friday with his son. "
        '"We need more beds," she said.'
    )
    assert resolve_all(nlp, text, "she")[-1].name == "Aigerim Nurlanova"


def test_they_goes_to_an_organisation_not_a_person(nlp):
    text = 'Mayor Jane Doe met Acme Corporation on Monday. "We will not move," they said.'
    source = resolve_all(nlp, text, "they")[0]
    assert (source.name, source.source_type) == ("Acme Corporation", "organisation")


def test_they_with_nobody_to_point_at_stays_unresolved(nlp):
    text = 'Jane Doe opened the bridge. "We had three collisions," they said.'
    source = resolve_all(nlp, text, "they")[0]
    assert (source.name, source.source_type) == ("they", "anonymous")


def test_it_prefers_an_organisation_to_a_country(nlp):
    text = 'Britain fined Acme Corporation on Monday. "The fine is unfair," it said.'
    assert resolve_all(nlp, text, "it")[0].name == "Acme Corporation"


def test_it_takes_a_country_only_when_alone(nlp):
    text = 'Britain closed the border on Monday. "The measure is temporary," it said.'
    assert resolve_all(nlp, text, "it")[0].name == "Britain"


# b. a description takes the name the article gives it, and only then

def test_role_given_to_another_person_stays_the_description(nlp):
    text = 'Mayor Jane Doe opened the bridge. "We had three collisions," the police spokesman said.'
    source = resolve_all(nlp, text, "the police spokesman")[0]
    assert summary(source) == ("the police spokesman", "the police spokesman", "anonymous", None)


def test_apposition_after_the_description(nlp):
    text = (
        "The city's mayor, Jane Doe, opened the bridge on Monday. Traffic was light. "
        '"It is a great day," the mayor said.'
    )
    source = resolve_all(nlp, text, "the mayor")[0]
    assert (source.name, source.source_type) == ("Jane Doe", "person")


def test_apposition_after_the_name(nlp):
    text = (
        "Jane Doe, the city's mayor, opened the bridge. Omar Haddad watched. "
        '"It is a great day," the mayor said.'
    )
    source = resolve_all(nlp, text, "the mayor")[0]
    assert source.name == "Jane Doe"
    assert source.role is not None and source.role.text == "the city's mayor"


def test_description_named_later_by_a_covered_title(nlp):
    text = (
        "A provincial court judge sentenced the driver to two years on Friday. "
        "Justice Maria Alvarez wrote that the crash was avoidable."
    )
    source = resolve_all(nlp, text, "A provincial court judge")[0]
    assert (source.name, source.source_type) == ("Maria Alvarez", "person")


def test_described_speaker_named_in_the_next_sentence(nlp):
    text = (
        "A fire information officer told reporters that winds had pushed the fire east. "
        '"We saw extreme fire behaviour today," said Karen Ng, who has been with the service for 11 years.'
    )
    source = resolve_all(nlp, text, "A fire information officer")[0]
    assert (source.name, source.source_type) == ("Karen Ng", "person")


def test_described_speaker_not_tied_to_someone_with_another_title(nlp):
    text = (
        "The police spokesman said the road was closed. "
        '"It was a long night," Mayor Jane Doe said.'
    )
    source = resolve_all(nlp, text, "The police spokesman")[0]
    assert (source.name, source.source_type) == ("The police spokesman", "anonymous")


def test_description_with_another_nationality_is_not_tied(nlp):
    text = (
        "Russian President Vladimir Putin met President Xi Jinping in Beijing. "
        "Xi greeted Putin warmly. "
        'The Chinese leader said that the talks were "a success".'
    )
    source = resolve_all(nlp, text, "The Chinese leader")[0]
    assert (source.name, source.source_type) == ("Xi Jinping", "person")


def test_two_equal_candidates_leave_the_description(nlp):
    text = (
        "President Ana Gomez of Peru met President Luis Herrera of Chile. "
        '"We agreed on trade," the president said.'
    )
    assert resolve_all(nlp, text, "the president")[0].name == "the president"


def test_organisation_description_takes_the_full_name(nlp):
    text = (
        "The City of Springfield approved the budget on Monday. "
        "The city said taxes would rise by two per cent."
    )
    source = resolve_all(nlp, text, "The city")[0]
    assert (source.name, source.source_type) == ("City of Springfield", "organisation")


# c. the source inside a nominal

def test_statement_by_a_person_is_the_person(nlp):
    text = "A statement e-mailed by Maria Lopez, who chairs the board, said the vote was fair."
    source = resolve_all(nlp, text, "A statement e-mailed by Maria Lopez, who chairs the board")[0]
    assert summary(source)[:3] == ("Maria Lopez", "Maria Lopez", "person")


def test_email_from_an_office_is_its_owner(nlp):
    text = "Senator Ruth Abara cancelled the visit. An e-mail from Abara's office said the bill was dead."
    source = resolve_all(nlp, text, "An e-mail from Abara's office")[0]
    assert (source.mention.text, source.name) == ("Abara", "Ruth Abara")


def test_a_persons_lawyer_is_the_lawyer(nlp):
    text = "Derek Walsh was charged in May. Walsh's lawyer said he was innocent."
    source = resolve_all(nlp, text, "Walsh's lawyer")[0]
    assert summary(source) == ("Walsh's lawyer", "Walsh's lawyer", "anonymous", None)


# d. coordinated speakers

def test_coordinated_speakers_keep_every_name(nlp):
    text = "Owners Ana Ruiz and Ben Okafor said the shop would close."
    source = resolve_all(nlp, text, "Owners Ana Ruiz and Ben Okafor")[0]
    assert (source.name, source.source_type) == ("Ana Ruiz and Ben Okafor", "person")
    assert source.role is not None and source.role.text == "Owners"


# e. acronyms

def test_acronym_and_long_form_are_one_source(nlp):
    text = (
        "The Canada Revenue Agency (CRA) said it would review the case. "
        "Later, the CRA said audits had risen."
    )
    first, second = resolve_all(nlp, text, "The Canada Revenue Agency (CRA", "the CRA")
    assert (first.mention.text, first.name, first.source_type) == (
        "The Canada Revenue Agency",
        "Canada Revenue Agency",
        "organisation",
    )
    assert second.name == "Canada Revenue Agency"


# f. source types

@pytest.mark.parametrize(
    "text, mention, expected",
    [
        ("Officials said the road would reopen.", "Officials", "anonymous"),
        ("A senior official said the road would reopen.", "A senior official", "anonymous"),
        ("A source familiar with the talks said a deal was near.", "A source familiar with the talks", "anonymous"),
        ("The report said the road would reopen.", "The report", "document"),
        ("A poll published on Monday showed the race was close.", "A poll published on Monday", "document"),
        ("Court filings show the company owed $2 million.", "Court filings", "document"),
        ("Chinese customs figures showed trade rose.", "Chinese customs figures", "document"),
        ("Acme Corporation said it would cut 300 jobs.", "Acme Corporation", "organisation"),
        ("Police said the road would reopen.", "Police", "organisation"),
        ("Ukraine said the attack failed.", "Ukraine", "organisation"),
        ("Vedant Patel said the talks failed.", "Vedant Patel", "person"),
    ],
)
def test_source_type(nlp, text, mention, expected):
    assert resolve_all(nlp, text, mention)[0].source_type == expected


# g. roles

def test_role_is_the_title_before_the_name(nlp):
    text = (
        "US State Department spokesman Vedant Patel spoke on Friday. "
        "Patel said that China could not have it both ways."
    )
    source = resolve_all(nlp, text, "Patel")[0]
    assert (source.name, source.role.text) == ("Vedant Patel", "US State Department spokesman")


def test_role_is_the_fullest_found_anywhere(nlp):
    text = (
        "Professor Alan Reyes said the results were striking. "
        "Reyes, a cardiologist at Boston University, was not involved in the study."
    )
    source = resolve_all(nlp, text, "Professor Alan Reyes")[0]
    assert source.role is not None and source.role.text == "a cardiologist at Boston University"


def test_role_keeps_a_phrase_the_parser_hung_on_the_name(nlp):
    text = (
        "Lisa Tremblay, co-ordinator of a network of volunteer tax clinics in Montreal, called the "
        'clawback "a cruel surprise". Tremblay said families were still paying off debts.'
    )
    source = resolve_all(nlp, text, "Lisa Tremblay", "Tremblay")[1]
    assert source.name == "Lisa Tremblay" and source.role is not None
    assert source.role.text == "co-ordinator of a network of volunteer tax clinics in Montreal"


def test_courtesy_title_is_not_a_role(nlp):
    text = "Mr. Tom Reilly said the depot would close."
    assert resolve_all(nlp, text, "Mr. Tom Reilly")[0].role is None


def test_names_are_normalised(nlp):
    text = "Vedant\u200bPatel met reporters. Vedant\tPatel said the talks failed."
    source = resolve_all(nlp, text, "Vedant\tPatel")[0]
    assert "\t" not in source.name and "\u200b" not in source.name


def test_seed_article_keeps_its_names(nlp, seed_text):
    doc = nlp(seed_text)
    names = {(q.speaker.text, q.speaker_name, q.source_type) for q in doc._.quotes if q.speaker}
    assert ("the Chinese leader", "Xi Jinping", "person") in names
    assert ("Patel", "Vedant Patel", "person") in names


def test_any_mention_resolves_to_a_clean_source(nlp, seed_text):
    """Every token and noun chunk of an article, taken as a speaker mention: no error, a
    normalised name, a known type, spans inside the document."""
    doc = nlp(seed_text + "\n\n\u200b \"\" ( ) WATCH: — it they she")
    resolver = SpeakerResolver(doc, load_lexicon(), [])
    mentions = sorted([doc[i : i + 1] for i in range(len(doc))] + list(doc.noun_chunks), key=lambda s: (s.start, s.end))
    for mention in mentions:
        source = resolver.resolve(mention)
        if source.name is None:
            assert source.source_type == "none" and not "".join(source.mention.text.split()).strip("\u200b")
            continue
        assert source.source_type in ("person", "organisation", "anonymous", "document")
        assert source.name and source.name == " ".join(source.name.split()) and "\u200b" not in source.name
        for span in (source.mention, source.role):
            assert span is None or 0 <= span.start_char <= span.end_char <= len(doc.text)
