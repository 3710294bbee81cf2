"""Speaker-name resolution in small parts, each testable alone (tests/test_names.py).

- ``lists``: the noun lists (``data/sources.yaml``) and first-name genders (``data/first_names.tsv``).
- ``canonical``: the canonical form of a name (titles and determiners off, normalised, acronyms).
- ``mentions``: what a speaker mention stands for (narrowing, coordination, its head).
- ``roles``: titles and appositions around a name, ranked by how much they say.
- ``finding``: names the NER missed or cut short ("Ana Ruiz", "Thompson-Nicola Regional District").
- ``cast``: the article's people and organisations, with titles, roles and gender evidence.
- ``candidates``: who a pronoun may point at, from the last few sentences.
- ``agreement``: does a candidate fit a pronoun (gender) or a description (title, place)?
- ``choice``: pick one antecedent (latest fitting subject, unique best description match).
- ``descriptions``: descriptions of people, organisations and documents named elsewhere.
- ``scan`` and ``timeline``: the indices that keep all of it linear in the document's length.

``quotes.resolve.SpeakerResolver`` puts them together.
"""
