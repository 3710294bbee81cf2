"""Descriptions that stand for a source named elsewhere in the article.

- a person: "the Chinese leader" -> Xi Jinping when the article ties them: a shared or covered
  title ("leader" covers "President"), no other nationality, office ("vice"), possessor or
  gender, and one best candidate; or the speaker named right after ("A fire information officer
  told reporters … said Karen Ng"). Otherwise the description stays what it is.
- an organisation: "the city" -> "City of Springfield" (a name holding the head or a synonym),
  "the company" -> the organisation named last; "The Alberta Beef Producers association" ->
  "Alberta Beef Producers".
- a document: "the audit" -> the fuller description given before ("A provincial audit released
  in June").
"""
from __future__ import annotations

from spacy.tokens import Span

from ..resources.lists import NameLists
from ..syntax import mention_of
from .agreement import Description, description_score
from .antecedents import Antecedents
from .cast import GROUPS, PERSON, Cast, is_subject
from .choice import Candidate, unique_best
from .mentions import is_definite, is_indefinite, is_plural

NAMING_WINDOW = 5  # sentences on in which "a judge" may be named by title ("Justice X wrote")
NEXT_SPEAKER_WINDOW = 2  # sentences on in which a described speaker may be named


class Describer:
    def __init__(self, cast: Cast, lists: NameLists, antecedents: Antecedents, role_heads: frozenset[str], gender_of):
        self.cast = cast
        self.lists = lists
        self.antecedents = antecedents
        self.role_heads = role_heads
        self.gender_of = gender_of

    def is_person_head(self, head: str, mention: Span) -> bool:
        return head in self.role_heads or (head in self.lists.anonymous_heads and not is_plural(mention))

    def tie_all(self, contents) -> None:
        """One pass: every description of a person outside reported words that the article
        ties to someone becomes a role of theirs and, as a subject, a pronoun candidate."""
        heads = self.role_heads | self.lists.anonymous_heads
        for i in self.cast.scan.where(pos=["NOUN"], lemma=heads, no_ent=True, not_tag=["NNS"]):
            token = self.cast.doc[i]
            if (
                token.idx in contents
                or token.dep_ == "appos" and token.head.ent_type_ == PERSON
                or any(c.dep_ == "appos" for c in token.children)
            ):
                continue
            mention = mention_of(token)
            if not (is_definite(mention) or is_indefinite(mention)):
                continue
            name = self.person(mention)
            if name:
                self.cast.add_description(name, mention)
                if is_subject(token):
                    self.antecedents.described.add(token.idx, Candidate(token.idx, name, True))

    def person(self, mention: Span) -> str | None:
        """The one person the article ties a description to, or None."""
        if is_plural(mention):
            return None
        description = Description.of(mention, self.lists)
        indefinite = is_indefinite(mention)
        # "a senior official" introduces someone new; "a fire information officer" may be named.
        strict = indefinite and description.head in self.lists.anonymous_heads
        if strict and not description.nouns:
            return None
        titles = {description.head} | set(self.lists.role_hypernyms.get(description.head, ()))
        names: set[str] = set()
        for title in titles:
            names |= self.cast.by_title.get(title, set())
        possessors = {self.cast.name_of([c]) for c in mention.root.children if c.dep_ == "poss"}
        limit = self.antecedents.sentence_after(mention.start_char, NAMING_WINDOW)
        scored = []
        for name in sorted(names):
            profile = self.cast.profiles[name]
            if profile.kind != "person" or name in possessors or name.split()[-1] in possessors:
                continue
            if indefinite and not mention.start_char < profile.first < limit:
                continue  # "a judge" is someone named later, not someone already known
            score = description_score(description, profile, self.lists, self.gender_of(name))
            if score is None or strict and not description.nouns <= profile.modifiers:
                continue
            scored.append((score, profile.mentions, name))
        return unique_best(scored) or self._named_next(mention, description)

    def _named_next(self, mention: Span, description: Description) -> str | None:
        """News style names a speaker right after describing them: "A fire information officer
        told reporters … "…," said Karen Ng." The first person newly named as the subject of a
        speech verb within the next two sentences of the same paragraph, unless their own
        titles or gender say otherwise."""
        if not is_subject(mention.root):
            return None
        end = mention.end_char
        following = self.cast.introductions.first_after(end)
        if following is None:
            return None
        start, intro = following
        limit = self.antecedents.sentence_after(mention.start_char, NEXT_SPEAKER_WINDOW)
        if not intro.speaks or start >= limit or "\n" in self.cast.text[end:start]:
            return None
        profile = self.cast.profiles[intro.name]
        gender = self.gender_of(intro.name)
        if profile.kind != "person" or description.gender and gender not in (None, description.gender):
            return None
        if profile.titles and description_score(description, profile, self.lists, gender) is None:
            return None
        return intro.name

    def group(self, mention: Span, head: str, organisation_nouns: frozenset[str]) -> str | None:
        """The organisation a description stands for, or None to keep its words."""
        root = mention.root
        proper = [t for t in mention if t.i < root.i and t.dep_ == "compound" and t.pos_ == "PROPN"]
        if proper and proper[-1].i == root.i - 1:  # "The Alberta Beef Producers association"
            return self.cast.name_of(mention.doc[proper[0].i : root.i])
        if any(t.pos_ == "PROPN" or t.ent_type_ in GROUPS for t in mention if t.i != root.i):
            return None  # "Poland's foreign ministry" is its own name
        start = mention.start_char
        for word in self.lists.head_synonyms.get(head, (head.split()[-1],)):
            named = self.cast.organisation_named(word, start)
            if named:
                return named
        if head not in organisation_nouns:
            return None
        options = [
            item
            for item in (self.antecedents.seen_organisations.latest_item_before(start), self.cast.companies.latest_item_before(start))
            if item is not None
        ]
        return max(options)[1] if options else None

    def document(self, mention: Span) -> Span | None:
        """"the audit" -> the fuller description of that document given before, if any."""
        words = [t for t in mention if t.is_alpha]
        if len(words) == 2 and words[0].lower_ in ("the", "that", "this"):
            return self.cast.described_document(mention.root.lemma_.lower(), mention.start_char)
        return None
