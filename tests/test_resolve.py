"""Speaker resolution: surnames, pronouns, descriptions and organisations."""


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
