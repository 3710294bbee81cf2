"""Stage 3, who each speaker mention is: the name the article gives it, its type and its role.
``resolver.SpeakerResolver`` applies the parts below in order; each is testable alone.

- ``mentions``: what a speaker mention stands for (narrowing, coordination, its head).
- ``canonical``: the canonical form of a name (titles and determiners off, normalised, acronyms).
- ``roles``: titles and appositions around a name, ranked by how much they say.
- ``finding``: names the NER missed or cut short ("Ana Ruiz", "Thompson-Nicola Regional District").
- ``cast``: the article's people and organisations, with titles, roles and gender evidence.
- ``antecedents``: who a pronoun may point at, from the last few sentences.
- ``agreement``: does a candidate fit a pronoun (gender) or a description (title, place)?
- ``choice``: pick one antecedent (latest fitting subject, unique best description match).
- ``descriptions``: descriptions of people, organisations and documents named elsewhere.
- ``across``: one-word names joined to full names across the pieces of a long text.
- ``scan`` and ``timeline``: the indices that keep all of it linear in the document's length.

The noun lists and first-name genders it reads are ``quotes.resources.lists``.
"""
