"""Stage 2: link each cue to its speaker and its content through the dependency parse.

The parse is the first source of truth (subject of the cue verb, its clausal complement);
surface patterns around quote marks repair what the parse of news prose gets wrong
("“…,” Patel said", "X will attend…, TASS reported, …").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Doc, Span, Token

from ..resources.lexicon import load_lexicon
from ..resources.lists import load_lists
from ..resources.words import WORDS
from ..scopes import Scope, get_scope
from ..syntax import mention_of, named_object, nominal_content
from ..text.edges import trim
from ..text.furniture import load_furniture
from ..text.intervals import IntervalSet
from ..text.quotemarks import ALL_MARKS, QuotedSpan
from .candidates import Candidates, Cue, CueClass

_SUBJECTS = ("nsubj",)
# "X said … and warned …": a verb borrows its head's subject, through at most this many
# conjoined or controlled verbs; further up the tree the subject belongs to another clause.
MAX_SUBJECT_HOPS = 3
_CLAUSES = ("ccomp",)
_INHERITS_SUBJECT = ("conj", "xcomp", "advcl")
_NOMINAL = ("PROPN", "NOUN", "PRON")
_TIME_ENTITIES = ("DATE", "TIME")
_NOUN_CLAUSES = ("acl", "ccomp", "relcl")
# Between a cue and a quote it introduces: "said: “", "told reporters on Monday, “". Longer
# stretches hold a clause of their own, whose quote is not this cue's.
MAX_INTRO_CHARS = 40
_INTRO_GAP = re.compile(rf"^[^.!?\n“”\"]{{0,{MAX_INTRO_CHARS}}}?[:,]\s*$")
# A dateline: a place in capitals opening a story ("OTTAWA", "NEW YORK").
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]*[A-Z]")
# Between a quote and the cue that follows it: "…,” Patel said".
_OUTRO_GAP = re.compile(r"^(?:[^\S\n]|[,—–-])*$")  # any space but a line break: "…,’\u00a0Patel said"


@dataclass(frozen=True)
class Link:
    """A cue joined to its speaker mention and the character range of its content."""

    cue: Span | None
    speaker: Span | None
    start: int
    end: int
    cue_class: CueClass
    rule: str = ""  # the rule that proposed it: see RULES


def subject_of(
    verb: Token, depth: int = 0, quoted: IntervalSet | None = None, control: frozenset[str] = frozenset()
) -> Token | None:
    """Who does what ``verb`` says: its subject; else, for an infinitive below a verb of
    ``control``, that verb's object ("forced Stumpf to admit"); else the subject it shares with
    the verb it hangs from, a borrowed passive subject included ("was forced into it and said").
    A word between quote marks is never the speaker: '"Caps," Cy said' parsed with "Caps" as a
    second subject; nor is a quote mark ('“…,’’ said Ortega' parsed with "’’" as one)."""
    if depth == 0 and _is_passive(verb):
        return None  # "was told he had three months to live": its subject was told, not telling
    # A verb's own passive subject is not its speaker ("It was said that …").
    subjects = _SUBJECTS if depth == 0 else _SUBJECTS + ("nsubjpass",)
    found = [
        c for c in verb.children
        if c.dep_ in subjects and not _is_quote_mark(c) and not (quoted is not None and c.idx in quoted)
    ]
    if found:
        # "The Latest: Trump urges …" parsed with two subjects: the one nearest before the verb.
        # "who" in "Okafor, who said …" is a subject too: the resolver follows it back.
        before = [c for c in found if c.i < verb.i]
        if len(before) > 1 and _one_name(before[-2], before[-1]):
            return before[-2]  # "China's state news agency Xinhua reported": one name split in two
        return before[-1] if before else found[0]
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in control:
        controller = _speaking_object(verb.head, verb)
        if controller is not None:
            return controller
    if depth < MAX_SUBJECT_HOPS and verb.dep_ in _INHERITS_SUBJECT and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1, quoted, control)
    if depth < MAX_SUBJECT_HOPS and verb.dep_ == "pcomp":
        return _gerund_subject(verb, depth, quoted, control)
    return _misparsed_subject(verb)


def _is_passive(verb: Token) -> bool:
    """"was told", "had been told", "being told"; and "was diagnosed with cancer and told …": a
    verb of telling with no addressee of its own, sharing the passive auxiliary of the verb it is
    conjoined to (active, it would say whom: "and told reporters …")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (
        verb.dep_ == "conj"
        and verb.lemma_.lower() in WORDS.addressee_verbs
        and not any(c.dep_ in ("nsubj", "aux", "dobj", "dative") for c in verb.children)
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    )


def _is_quote_mark(token: Token) -> bool:
    return not token.text.strip(ALL_MARKS)


def _one_name(first: Token, second: Token) -> bool:
    """Two subjects that touch with no punctuation between: one name the parser split."""
    return first.right_edge.i + 1 == second.left_edge.i and not first.doc[first.right_edge.i].is_punct


def _gerund_subject(verb: Token, depth: int, quoted: IntervalSet | None, control: frozenset[str]) -> Token | None:
    """"began by saying …", "was criticised for saying …": a gerund after a preposition is done
    by the subject of the verb the preposition hangs on, or by its object when it has one
    ("slammed Clinton for saying …" is Clinton's saying). Not "without saying": nothing was said."""
    preposition = verb.head
    while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":  # "… and for saying"
        preposition = preposition.head
    governor = preposition.head
    if (
        preposition.dep_ != "prep"
        or preposition.lower_ == "without"
        or governor.i == preposition.i
        or governor.pos_ not in ("VERB", "AUX")
    ):
        return None
    if any(c.dep_ in ("dobj", "dative") and c.i < preposition.i for c in governor.children):
        return _speaking_object(governor, preposition)
    return subject_of(governor, depth + 1, quoted, control)


_SPEAKING_ENTITIES = ("PERSON", "ORG", "NORP")


def _speaking_object(verb: Token, before: Token) -> Token | None:
    """The verb's object before ``before`` when it is someone who can speak: a person's pronoun,
    a proper name, or a person, organisation or group the entity recogniser found."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and verb.i < c.i < before.i]
    if not objects:
        return None
    candidate = objects[-1]
    if candidate.pos_ == "PRON":
        return candidate if candidate.lower_ in WORDS.personal_objects else None
    if candidate.ent_type_ in _SPEAKING_ENTITIES or (candidate.pos_ == "PROPN" and not candidate.ent_type_) or any(
        c.dep_ in ("appos", "compound") and c.ent_type_ in _SPEAKING_ENTITIES for c in candidate.children
    ):
        return candidate
    return None


def _misparsed_subject(verb: Token) -> Token | None:
    """A name right before the verb that the small parser mislabelled ("Connolly/advmod said"),
    or made an apposition inside the phrase that sets the scene ("Asked about the dispute, a
    senior official/appos said …", "Back at the ranch, Keller/appos, who …, said …")."""
    lefts = [c for c in verb.lefts if not c.is_punct and not c.is_space]
    if not lefts:
        return None
    nearest = lefts[-1]
    if (
        nearest.pos_ in _NOMINAL
        and nearest.ent_type_ not in _TIME_ENTITIES
        and nearest.right_edge.i == verb.i - 1
    ):
        return nearest
    reach = verb.i - 2 if verb.doc[verb.i - 1].is_punct else verb.i - 1
    if nearest.pos_ in _NOMINAL or nearest.right_edge.i != reach:
        return None
    appositions = [t for t in nearest.subtree if t.dep_ == "appos" and t.right_edge.i == reach]
    if appositions and appositions[-1].pos_ in _NOMINAL and appositions[-1].ent_type_ not in _TIME_ENTITIES:
        apposition = appositions[-1]
        if apposition.lower_.replace(".", "") in WORDS.post_nominals and apposition.head.pos_ == "PROPN":
            return apposition.head  # "Tom Molomby, SC, said": the lawyer, not his rank
        return apposition
    return None


def speaker_mention(verb: Token, subject: Token) -> Span:
    """The subject's noun phrase, repairing one common misparse of news bylines:
    "Moscow's state news agency TASS reported" parsed as a relative clause on "agency"."""
    mention = mention_of(subject)
    head = verb.head
    if (
        verb.dep_ == "relcl"
        and subject.pos_ == "PROPN"
        and head.pos_ == "NOUN"
        and head.i == mention.start - 1
    ):
        return subject.doc[head.left_edge.i : mention.end]
    return mention


def _char_range(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _contiguous_run(tokens: set[int], anchor: int) -> tuple[int, int]:
    low = high = anchor
    while low - 1 in tokens:
        low -= 1
    while high + 1 in tokens:
        high += 1
    return low, high


def clause_range(cue: Token, clause: Token, exclude: set[int]) -> tuple[int, int] | None:
    """Characters of ``clause``'s subtree on its side of the cue, minus the ``exclude`` tokens."""
    indices = {t.i for t in clause.subtree} - exclude
    if clause.i < cue.i:
        indices = {i for i in indices if i < cue.i}
    else:
        indices = {i for i in indices if i > cue.i}
    if clause.i not in indices:
        return None
    low, high = _contiguous_run(indices, clause.i)
    doc = clause.doc
    return _char_range([doc[low], doc[high]])


def _speaker_tokens(speaker: Span | None) -> set[int]:
    return set(range(speaker.start, speaker.end)) if speaker is not None else set()


def _reported_clauses(verb: Token, quoted: IntervalSet) -> list[Token]:
    """The verb's clausal complements. With one on each side, the one after the verb, unless
    the one before is quoted ('"…," he said, adding …'): in "Writing for a panel that agreed
    Pence won, Barabak noted that …" the clause before is the parser's mistake."""
    clauses = [c for c in verb.children if c.dep_ in _CLAUSES and not _across_a_colon(verb, c)]
    if any(c.i > verb.i for c in clauses):
        clauses = [c for c in clauses if c.i > verb.i or c.idx in quoted]
    return clauses


def _run_on(
    text: str, verb: Token, content: tuple[int, int], later: list[Token], exclude: set[int]
) -> tuple[int, int]:
    """"said it will send letters to people who received benefits they were not eligible for":
    a further clause the parser hung on the cue verb, starting right where the content ends,
    carries the content on."""
    start, end = content
    for clause in later:
        following = clause_range(verb, clause, exclude) if clause.i > verb.i else None
        if following is None or following[0] < end or text[end : following[0]].strip():
            break
        end = following[1]
    return start, end


def _across_a_colon(verb: Token, clause: Token) -> bool:
    """"X set off fireworks on Friday: Republicans said …": a clause before a colon or
    semicolon is the sentence's lead, not what the verb after it reports."""
    if clause.i > verb.i:
        return False
    return any(t.text in (":", ";") for t in verb.doc[clause.right_edge.i + 1 : verb.i])


def _misparsed_complement(verb: Token) -> Token | None:
    """"Trump said after the convention he would not accept …" parsed as an adverbial clause:
    a clause after the verb with a subject of its own and no subordinator is what it reports."""
    for child in verb.rights:
        if child.dep_ == "advcl" and child.pos_ in ("VERB", "AUX") and not any(
            c.dep_ == "mark" or c.tag_ in ("WRB", "WDT", "WP") for c in child.children
        ) and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            return child
    return None


def _stray_that_clause(verb: Token) -> Token | None:
    """A "that"-clause the parser hung below the verb's object or adjunct instead of on the
    verb: "said in a statement that …", "is telling customers at a Manchester spot that …".
    The search goes through prepositions only: "rebuffed claims that …" reports the claims,
    not the rebuff; and it stops at other verbs, whose clauses are their own."""
    frontier = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    while frontier:
        token = frontier.pop(0)
        if token.dep_ in _NOUN_CLAUSES and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in token.children
        ):
            return token
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "pobj":  # "after the hearing/VERB"
            frontier.extend(token.children)
    return None


def _adjacent_quote(
    text: str, cue: Token, speaker: Span | None, candidates: Candidates
) -> QuotedSpan | None:
    """A quote that the cue introduces ("said: “…”") or closes ("“…,” said Patel")."""
    tokens = [cue] + (list(speaker) if speaker is not None else [])
    chunk_start = min(t.idx for t in tokens)
    chunk_end = max(t.idx + len(t) for t in tokens)
    best: tuple[int, QuotedSpan] | None = None
    # Only the last quote before the chunk and the first after it can be adjacent.
    quotes, starts = candidates.quoted, candidates.quoted_starts
    after = bisect_left(starts, chunk_end)
    before = bisect_right(starts, chunk_start) - 1
    nearby = [quotes[i] for i in {before, after} if 0 <= i < len(quotes)]
    for quote in nearby:
        if quote.end <= chunk_start:
            # "“…,” Patel said" — but not "“…unhinged.” Rubio called", a new sentence.
            gap = text[quote.end : chunk_start]
            ending = text[quote.inner_start : quote.inner_end].rstrip()[-1:]
            fits = _OUTRO_GAP.match(gap) is not None and ending not in (".", ";")
        elif quote.start >= chunk_end:
            gap = text[chunk_end : quote.start]
            fits = _INTRO_GAP.match(gap) is not None
        else:
            continue
        if fits and (best is None or len(gap) < best[0]):
            best = (len(gap), quote)
    return best[1] if best else None


def _parenthetical_range(cue: Token, speaker: Span, both_sides: bool = False) -> tuple[int, int] | None:
    """"X will attend…, TASS reported, and…": the words before the ", SPEAKER cue" aside.

    An aside that splits one clause ("The bridge, he said, would reopen in May": no verb before
    it) reports the whole sentence around it; with ``both_sides`` (the attributions scope, as
    PolNeAR marks it) any aside inside a sentence does: "Though the move was smooth, he said,
    replacing her would be harder"."""
    doc = cue.doc
    first = min(speaker.start, cue.i)
    if first == 0 or doc[first - 1].text != ",":
        return None
    sentence = cue.sent
    if first - 1 <= sentence.start:
        return None
    after = cue.i + 1
    if after < len(doc) and after < sentence.end and not doc[after].is_punct:
        return None
    words_after = [t for t in doc[after + 1 : sentence.end] if not (t.is_punct or t.is_space)]
    split_clause = not any(t.pos_ in ("VERB", "AUX") for t in doc[sentence.start : first - 1])
    if (both_sides or split_clause) and after < sentence.end and doc[after].text == "," and words_after:
        return _char_range([doc[sentence.start], words_after[-1]])
    if _is_adverbial(doc[sentence.start : first - 1], cue):
        return None
    return _char_range([doc[sentence.start], doc[first - 2]])


def _is_adverbial(words: Span, cue: Token) -> bool:
    """"When told of the report, he said" / "Asked about the plan, she said": the words before
    the aside set the scene for the cue; they are not what was said."""
    first = words[0]
    if first.pos_ == "SCONJ" or first.tag_ == "WRB":
        return True
    return first.tag_ == "VBN" and first.head.i == cue.i and first.dep_ in ("advcl", "advmod")


_FRAGMENT_OBJECTS = ("dobj", "attr", "oprd", "ccomp", "xcomp")
_MODIFIER_CLAUSES = ("acl", "relcl", "advcl")


def _reports(verb: Token, token: Token) -> bool:
    """True when ``token`` hangs from the verb's object without passing through a modifier
    clause: 'support for an "…"' is reported, 'a memoir called "…"' only names a thing."""
    while token.i != verb.i:
        if token.dep_ in _MODIFIER_CLAUSES or token.head.i == token.i:
            return False
        token = token.head
    return True


def _fragment_object(verb: Token, exclude: set[int], quotes: list[QuotedSpan]) -> tuple[int, int] | None:
    """The verb's object when it holds a quoted fragment: 'expressed support for an "…"',
    'called the deal "a chance"', 'defended the budget as "the least we could do"'. The thing
    named and the name given are one content, as gold/README.md labels them."""
    doc = verb.doc
    start: int | None = None
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in _FRAGMENT_OBJECTS + ("prep",):
            continue
        if child.dep_ == "prep" and start is None:
            continue  # 'called for a "ceasefire"': a preposition reports only after an object
        span = clause_range(verb, child, exclude)
        if span is None:
            continue
        if start is None:
            start = span[0]
        for quote in quotes:
            if span[0] <= quote.inner_start < span[1]:
                inside = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
                if inside is not None and len(inside) and _reports(verb, inside.root):
                    return start, span[1]
    return None


_OBJECTS = ("dobj", "xcomp", "prep", "attr", "oprd", "dative")




def _object_content(verb: Token, exclude: set[int]) -> tuple[int, int] | None:
    """Attribution in the wider, PARC/PolNeAR sense: the verb's object after it ("criticized the
    plan", "called for a ban" -> "a ban", "wants to win")."""
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in _OBJECTS:
            continue
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if not objects:
                continue
            child = objects[0]
        return clause_range(verb, child, exclude)
    return None


@dataclass(frozen=True)
class VerbSite:
    """What every verb rule reads about one cue verb: its speaker, the tokens its content may
    not take, and what the caller allows (quoted fragments, objects, asides around)."""

    text: str
    cue: Cue
    candidates: Candidates
    speaker: Span | None
    exclude: set[int]
    fragments: bool
    objects: bool
    both_sides: bool
    control: frozenset[str] = frozenset()

    @property
    def verb(self) -> Token:
        return self.cue.head

    @property
    def reports_speech(self) -> bool:
        """A cue that reports a clause or a quote, not a verb of expressing awaiting a fragment."""
        return self.cue.cue_class != "fragment"

    @cached_property
    def clauses(self) -> list[Token]:
        """The clauses the verb reports: its clausal complements, a complement the parser took
        for an adverbial clause, or, for a belief, an infinitive ("plans to run")."""
        verb = self.verb
        clauses = _reported_clauses(verb, self.candidates.inside_quotes)
        if not clauses:
            clauses = [c for c in [_misparsed_complement(verb)] if c is not None]
        if not clauses and self.cue.cue_class == "belief":
            clauses = [c for c in verb.children if c.dep_ == "xcomp"]
        return clauses

    @property
    def may_report_a_fragment(self) -> bool:
        """Quoted fragments are looked for, someone speaks, and "a memoir called \"…\"" is
        not a verb naming a thing."""
        return self.fragments and self.speaker is not None and self.verb.dep_ != "acl"


def _clause_content(site: VerbSite) -> tuple[int, int] | None:
    if not site.reports_speech:
        return None
    clauses = site.clauses
    for index, clause in enumerate(clauses):
        content = clause_range(site.verb, clause, site.exclude)
        if content:
            return _run_on(site.text, site.verb, content, clauses[index + 1 :], site.exclude)
    return None


def _object_clause_content(site: VerbSite) -> tuple[int, int] | None:
    """"Patel said inflation and rising rents have pushed …" parsed with "inflation" as the
    object of "said" and "pushed" hung on "said" without a subject: the object is the reported
    clause's subject, and the clause is what was said."""
    verb = site.verb
    if not site.reports_speech or site.clauses:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in _NOMINAL), None)
    if obj is None:
        return None
    for clause in verb.rights:
        if (
            clause.dep_ in ("conj", "parataxis", "dep", "advcl")
            and clause.pos_ in ("VERB", "AUX")
            and not any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children)  # "urged X to go"
            and clause.i > obj.right_edge.i
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "cc") for c in clause.children)
            and not any(t.text in (",", ";", ":") for t in verb.doc[obj.right_edge.i + 1 : clause.left_edge.i])
        ):
            return _char_range([obj.left_edge, clause.right_edge])
    return None


def _stray_that_content(site: VerbSite) -> tuple[int, int] | None:
    if not site.reports_speech or site.clauses:
        return None
    clause = _stray_that_clause(site.verb)
    return None if clause is None else clause_range(site.verb, clause, site.exclude)


def _quote_content(site: VerbSite) -> tuple[int, int] | None:
    if not site.reports_speech:
        return None
    quote = _adjacent_quote(site.text, site.verb, site.speaker, site.candidates)
    return None if quote is None else (quote.start, quote.end)


def _aside_content(site: VerbSite) -> tuple[int, int] | None:
    if site.speaker is None or site.cue.cue_class != "speech":
        return None
    return _parenthetical_range(site.verb, site.speaker, site.both_sides)


def _fragment_content(site: VerbSite) -> tuple[int, int] | None:
    if not site.may_report_a_fragment:
        return None
    return _fragment_object(site.verb, site.exclude, site.candidates.quoted)


def _directive_content(site: VerbSite) -> tuple[int, int] | None:
    """"urged voters to turn out": a verb of telling someone to do something reports its
    object and what they are to do."""
    verb = site.verb
    if not site.reports_speech or site.clauses or verb.lemma_.lower() not in site.control:
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    actions = [c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]
    if not objects or not actions or actions[0].i < objects[0].i:
        return None
    start, end = objects[0].left_edge, actions[0].right_edge
    return _char_range([start, end])


def _naming_content(site: VerbSite) -> tuple[int, int] | None:
    """"She now calls it a costly detour": a verb of naming reports the thing named and the name
    it is given, quoted or not."""
    verb = site.verb
    if site.cue.cue_class != "fragment" or not site.may_report_a_fragment:
        return None  # after the quoted fragments: 'called the plan "a disaster"' is verb-fragment
    naming = named_object(verb)
    return None if naming is None else _char_range([naming[0].left_edge, naming[1].right_edge])


def _object_content_rule(site: VerbSite) -> tuple[int, int] | None:
    if not (site.reports_speech and site.objects and site.may_report_a_fragment):
        return None
    return _object_content(site.verb, site.exclude)


@dataclass(frozen=True)
class Rule:
    """A rule that proposes attributions: every Quote names the one that found it. A verb rule
    also has ``find``, which gives the content of one cue verb or None."""

    name: str
    description: str
    find: Callable[[VerbSite], tuple[int, int] | None] | None = None


# The verb rules, in the order they are tried on each cue verb: the first content found wins.
VERB_RULES: tuple[Rule, ...] = (
    Rule("verb-clause", "a cue verb and its clausal complement", _clause_content),
    Rule("verb-object-clause", "a reported clause whose subject the parser took for the verb's object: said inflation "
         "and rents have pushed …", _object_clause_content),
    Rule("verb-stray-that", "a cue verb and a that-clause the parser hung below its prepositional object",
         _stray_that_content),
    Rule("verb-quote", "a cue verb next to a quote it introduces or closes", _quote_content),
    Rule("verb-aside", "an aside cue reporting the clause before it (…, TASS reported, …)", _aside_content),
    Rule("verb-directive", "a verb of telling someone to do something: urged voters to turn out", _directive_content),
    Rule("verb-fragment", "a verb whose object holds a quoted fragment", _fragment_content),
    Rule("verb-naming", "a verb of naming, its object and the name it gives: calls it a costly detour", _naming_content),
    Rule("verb-object", "a cue verb and its object (attributions scope)", _object_content_rule),
)
# An unlisted verb (outside the lexicon) is judged on its clause alone, under a name of its own.
UNLISTED = Rule(
    "unlisted-verb-clause", "a verb outside the lexicon and its clausal complement (attributions scope)"
)
OTHER_RULES: tuple[Rule, ...] = (
    Rule("turn", "a transcript turn: NAME: words"),
    Rule("headline", "a title line giving its words to a person the article names: Pence: words (attributions scope)"),
    Rule("according-to", "a cue phrase (according to X)"),
    Rule("noun-clause", "a noun of saying and its clause or object: the claim that …, allegations of … (attributions scope)"),
    Rule("passive-said", "a passive of saying and its infinitive: he is said to have left (attributions scope)"),
    Rule("signature", "a quote signed with a dash and a name: “…” ― Maria Lopez"),
    Rule("colon", "a quote a colon introduces, after a clause or a reply of someone's: Okoye was blunt: “…”"),
    Rule("possessive", "a short quoted phrase someone's own: the chief executive's “perfect storm”"),
    Rule("social-post", "an embedded post signed below its text: … — Jane Doe (@janedoe) May 3, 2024"),
    Rule("pull-quote", "a pull quote without quote marks signed by a name and title: … Charles Bolden, NASA Administrator"),
    Rule("continuation", "a quote that carries on an attributed direct quote"),
    Rule("floating", "a quoted passage with no cue, given to the speaker the passage is about"),
)
# Every rule by name, with what it finds.
RULES: dict[str, str] = {rule.name: rule.description for rule in (*VERB_RULES, UNLISTED, *OTHER_RULES)}


def _verb_link(
    text: str,
    cue: Cue,
    candidates: Candidates,
    fragments: bool,
    objects: bool = False,
    both_sides: bool = False,
    control: frozenset[str] = frozenset(),
) -> Link | None:
    """The first verb rule that finds content for ``cue``, as a link with its speaker."""
    verb = cue.head
    subject = subject_of(verb, quoted=candidates.inside_quotes, control=control)
    speaker = speaker_mention(verb, subject) if subject is not None else None
    site = VerbSite(
        text, cue, candidates, speaker, _speaker_tokens(speaker) | {verb.i}, fragments, objects, both_sides, control
    )
    for rule in VERB_RULES:
        assert rule.find is not None
        content = rule.find(site)
        if content is not None:
            break
    else:
        return None
    if speaker is None and not any(q.start <= content[0] < q.end for q in candidates.quoted):
        return None  # reported speech needs a source; only a direct quote may stand without
    name = rule.name
    if not cue.listed:
        if name != "verb-clause":
            return None
        name = UNLISTED.name
    return Link(cue.span, speaker, content[0], content[1], cue.cue_class, name)


def _nominal_link(cue: Cue) -> Link | None:
    """"the claim that …", "Trump's allegations of fraud" (the noun's owner or author is the
    source), "he is said to have left" (no source): attributions without a verb of saying."""
    head = cue.head
    doc = head.doc
    if head.pos_ != "NOUN":  # "is said to": the subject and the infinitive are what is said
        subject = next(c for c in head.children if c.dep_ == "nsubjpass")
        action = next(c for c in head.children if c.dep_ == "xcomp")
        start, end = _char_range([subject.left_edge, action.right_edge])
        return Link(cue.span, None, start, end, "speech", "passive-said")
    content = nominal_content(head)
    if content is None:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        by = [g for c in head.rights if c.dep_ == "prep" and c.lower_ in ("by", "from") for g in c.children if g.dep_ == "pobj"]
        owner = by[0] if by else None
    speaker = _without_case(mention_of(owner)) if owner is not None else None
    start, end = _char_range([doc[content.left_edge.i], doc[content.right_edge.i]])
    return Link(cue.span, speaker, start, end, "speech", "noun-clause")


def _phrase_link(cue: Cue) -> Link | None:
    """"according to X": X is the source, the clause the phrase modifies is the content."""
    if cue.phrase is None:
        return None
    last = cue.span[-1]
    objects = [c for c in last.children if c.dep_ == cue.phrase.speaker]
    if not objects:
        return None
    speaker = mention_of(objects[0])
    first = cue.span[0]
    head = first.head if first.head.i != first.i else None
    if head is None:
        return _sentence_after_phrase(cue, objects[0], speaker)
    phrase_tokens = {t.i for t in first.subtree} | set(range(cue.span.start, cue.span.end))
    indices = {t.i for t in head.subtree} - phrase_tokens
    if head.i not in indices:
        return None
    low, high = _contiguous_run(indices, head.i)
    start, end = _char_range([head.doc[low], head.doc[high]])
    return Link(cue.span, speaker, start, end, "speech", "according-to")


def _sentence_after_phrase(cue: Cue, source: Token, speaker: Span) -> Link | None:
    """"According to X, the move reeks of fear.": the parser made the phrase the root and hung
    the clause on X; what X says is the rest of the sentence after the comma."""
    doc = source.doc
    sentence = cue.span[0].sent
    comma = next((t.i for t in doc[source.i + 1 : sentence.end] if t.text == ","), None)
    if cue.span.start != sentence.start or comma is None:
        return None
    named = {t.i for t in source.subtree}
    if any(i not in named for i in range(source.i + 1, comma)):
        return None  # the comma closes something other than the source's own words
    speaker = doc[speaker.start : min(speaker.end, comma)]
    words = [t for t in doc[comma + 1 : sentence.end] if not (t.is_punct or t.is_space)]
    if not words:
        return None
    start, end = _char_range([doc[comma + 1], words[-1]])
    return Link(cue.span, speaker, start, end, "speech", "according-to")


def link(
    doc: Doc, candidates: Candidates, scope: str | Scope = "quotes", control: frozenset[str] = frozenset()
) -> list[Link]:
    """One link per cue that has content; the first cue wins when two claim the same words.

    Quoted fragments in a verb's object ('expressed support for an "…"') are looked for last,
    and only for cues outside every other attribution's content, so that a verb inside reported
    speech ('Xi said the two sides agreed on a "political solution"') is not a second speaker.
    Where the scope says so, a plain object counts as content too ("criticized the plan"), and an
    aside inside a sentence reports the whole sentence.
    ``control``: the lexicon's object-control verbs ("forced Stumpf to admit …" is Stumpf's)."""
    policy = get_scope(scope)
    text = doc.text  # built anew on every access: read it once
    links: list[Link] = []
    seen: set[tuple[int, int]] = set()
    linked: set[int] = set()
    datelines = load_furniture().datelines(text)

    def add(cue: Cue, found: Link | None) -> None:
        if found is None:
            return
        start, end = trim(text, found.start, found.end)
        after_dateline = datelines.end_at(start)
        if after_dateline is not None:  # "PARIS (AFP) - “We will not give up,” he said."
            start, end = trim(text, min(after_dateline, end), end)
        if not any(ch.isalnum() for ch in text[start:end]) or (start, end) in seen:
            return
        if _DATELINE.fullmatch(text[start:end]):
            return  # "OTTAWA — The agency said …": a dateline is where, not what was said
        seen.add((start, end))
        linked.add(cue.span.start)
        links.append(Link(found.cue, found.speaker, start, end, found.cue_class, found.rule))

    for turn in candidates.turns:
        rule = "headline" if turn.headline else "turn"
        links.append(Link(turn.colon, turn.name, *trim(text, turn.start, turn.end), "turn", rule))
        seen.add((links[-1].start, links[-1].end))
    for signed in candidates.signatures:
        start, end = trim(text, signed.quote.inner_start, signed.quote.inner_end, " \t\n\r,")
        links.append(Link(signed.dash, signed.name, start, end, "turn", "signature"))
        seen.add((start, end))
    for post in (s for s in candidates.signed if s.rule == "social-post"):
        if not any(link.start < post.end and post.start < link.end for link in links):
            links.append(Link(post.cue, post.name, post.start, post.end, "turn", post.rule))
            seen.add((post.start, post.end))
    turn_text = IntervalSet((link.start, link.end) for link in links)
    for cue in candidates.cues:
        if cue.head.idx in turn_text:
            continue  # a turn is verbatim speech: its verbs are the speaker's words
        if cue.cue_class == "phrase":
            add(cue, _phrase_link(cue))
        elif cue.cue_class == "nominal":
            add(cue, _nominal_link(cue))
        else:
            add(cue, _verb_link(
                text, cue, candidates, fragments=False, both_sides=policy.asides_report_around, control=control
            ))
    contents = IntervalSet((link.start, link.end) for link in links)
    for cue in candidates.cues:
        if cue.cue_class in ("phrase", "nominal") or cue.span.start in linked:
            continue
        if cue.head.idx in contents:
            continue
        add(cue, _verb_link(
            text, cue, candidates, fragments=True, objects=policy.object_contents,
            both_sides=policy.asides_report_around, control=control,
        ))
    claimed = IntervalSet((link.start, link.end) for link in links)
    for quote in candidates.quoted:
        if claimed.overlaps(quote.inner_start, quote.inner_end):
            continue
        found = _colon_link(doc, text, quote) or _possessive_link(doc, quote)
        if found is not None:
            links.append(found)
    links += _pull_quotes(candidates, links)
    links.sort(key=lambda link: (link.start, link.end))
    return links


# A quote a colon introduces: what stands before the colon must say who speaks.
_SPEAKING_ENTITIES_OR_PRONOUNS = ("PERSON", "ORG", "NORP", "GPE")
# The longest quoted phrase a possessive owns ("the chief executive's “perfect storm”").
MAX_POSSESSIVE_WORDS = 6


def _can_speak(token: Token) -> bool:
    """A person, an organisation or a pronoun for one: someone who can be quoted. A capitalised
    word the tagger took for a common noun ("Okoye") is a name unless the article also writes
    it in lower case."""
    if token.pos_ == "PRON":
        return token.lower_ in WORDS.personal_subjects
    if token.ent_type_ in _SPEAKING_ENTITIES_OR_PRONOUNS or token.pos_ == "PROPN":
        return True
    if token.lemma_.lower() in _person_heads():
        return True
    return token.pos_ == "NOUN" and token.text[:1].isupper() and not any(
        t.lower_ == token.lower_ and t.is_lower for t in token.doc
    )


@cache
def _person_heads() -> frozenset[str]:
    """Nouns for people: roles, titles, kin, the unnamed ("a spokesman", "his wife")."""
    lists = load_lists()
    roles = load_lexicon("quotes").role_nouns
    return roles | frozenset(lists.role_hypernyms) | lists.anonymous_heads | lists.female_words | lists.male_words


def _colon_link(doc: Doc, text: str, quote: QuotedSpan) -> Link | None:
    """"Okoye was more direct: “…”" (the clause's subject speaks); "The minister's reply: “…”"
    (the possessor of a reply speaks)."""
    k = quote.start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k < 1 or text[k] != ":":
        return None
    colon = doc.char_span(k, k + 1)
    if colon is None or colon.start == 0:
        return None
    sentence = colon[0].sent
    before = doc[sentence.start : colon.start]
    if not len(before) or before[0].text in ('"', "“"):
        return None
    root = next((t for t in before if not before.start <= t.head.i < before.end or t.head.i == t.i), None)
    if root is None:
        return None
    speaker: Span | None = None
    if root.pos_ in ("VERB", "AUX"):
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < colon.start), None)
        if subject is not None and _can_speak(subject):
            speaker = speaker_mention(root, subject)
    elif root.pos_ == "NOUN" and root.lemma_.lower() in load_lists().reply_heads:
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is not None and _can_speak(owner):
            speaker = _without_case(mention_of(owner))
    if speaker is None:
        return None
    start, end = trim(text, quote.inner_start, quote.inner_end, " \t\n\r,")
    return Link(colon, speaker, start, end, "speech", "colon")


def _possessive_link(doc: Doc, quote: QuotedSpan) -> Link | None:
    """A short quoted phrase with an owner: "the chief executive's “perfect storm”"."""
    inside = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="contract")
    if inside is None or not len(inside) or len(inside) > MAX_POSSESSIVE_WORDS:
        return None
    owner = next((c for c in inside.root.children if c.dep_ == "poss" and c.i < inside.start), None)
    if owner is None or not _can_speak(owner) or owner.pos_ == "PRON" and owner.lower_ in ("its", "their"):
        return None
    return Link(None, _without_case(mention_of(owner)), quote.inner_start, quote.inner_end, "speech", "possessive")


def _without_case(span: Span) -> Span:
    """"the minister's" -> "the minister"."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].dep_ == "case":
        end -= 1
    return span.doc[span.start : end]


def _pull_quotes(candidates: Candidates, links: list[Link]) -> list[Link]:
    """Pull quotes no other attribution touches: a cue verb in the words, or words another
    attribution holds, make them the article's prose."""
    found = []
    for pull in (s for s in candidates.signed if s.rule == "pull-quote"):
        if not any(
            (link.start < pull.end and pull.start < link.end)
            or (link.cue is not None and pull.start <= link.cue.start_char < pull.end)
            for link in links
        ):
            found.append(Link(pull.cue, pull.name, pull.start, pull.end, "turn", pull.rule))
    return found
