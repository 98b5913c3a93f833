"""Token patterns that change what a claim is: idioms with numbers and opinion verbs.

* **Idioms with numbers** ("a million miles from", "one in a million",
  "second to none", "on cloud nine") use numbers for emphasis, not as
  statistics: their number words must not make a claim a ``quantity``.
* **Opinion verbs** ("underlines the pressing need", "highlights the
  importance of", "speaks volumes") present the writer's judgement as if
  something had happened: a clause headed by one is an opinion, not an event.

* **Verdicts** ("the plan was breathtaking", "an abject failure") and idioms
  of judgement ("from strength to strength", "no daylight between them")
  are opinions too, as are **attitudes** ("the studio is celebrating bumper
  sales", "I have never equated the prize with sales") and **teasers**, the
  passive of an opinion verb on an abstract noun ("the rewards of leaving
  office are shown in the register").
* **Labels that judge** ("called it the least bad option"), **performative appeals**
  ("we call on the council to ..."), **conditional forecasts** on a particular
  hypothetical ("if the mayor is re-elected, he will ..."), **open questions** in a
  closing participle ("..., leaving many to wonder whether ...") and **references to
  the page's layout** ("the tables below show ...") are not checkable facts either.

All are spaCy ``Matcher``/``DependencyMatcher`` patterns over general English,
built once per vocabulary; :func:`idiom_tokens` and :func:`opinion_heads` run
them once per document and keep the result for the doc's lifetime (in a
weak mapping, not ``doc.user_data``, which ``doc.to_bytes()`` must serialise).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from claimcheck.analysis.lexicon import EVALUATIVE
from claimcheck.analysis.matching import DependencyPatterns, PrefilteredMatcher, WordFilter
from claimcheck.analysis.spans import per_document
from claimcheck.analysis.token_table import token_table

_BIG = ["hundred", "thousand", "million", "billion", "trillion", "zillion", "gazillion"]
#: Nouns that hyperbolic round numbers go with: "a million miles", "a thousand times".
_HYPERBOLE_NOUNS = ["mile", "time", "way", "reason", "thing", "question", "word", "year", "light", "piece", "place"]

IDIOM_PATTERNS: list[list[dict[str, Any]]] = [
    # "a million miles from", "a thousand times", "one million reasons"
    [{"LOWER": {"IN": ["a", "one"]}}, {"LOWER": {"IN": _BIG}}, {"LEMMA": {"IN": _HYPERBOLE_NOUNS}}],
    # "millions of miles away", "thousands of times"
    [{"LOWER": {"IN": ["hundreds", "thousands", "millions", "billions"]}}, {"LOWER": "of"}, {"LEMMA": {"IN": ["mile", "time", "light"]}}],
    # "the million-dollar question", "a million-to-one chance"
    [{"LOWER": {"IN": _BIG}}, {"TEXT": "-"}, {"LOWER": {"IN": ["dollar", "pound", "to"]}}],
    [{"LOWER": "one"}, {"LOWER": "in"}, {"LOWER": "a"}, {"LOWER": {"IN": _BIG}}],
    # "100 per cent behind", "a hundred percent sure": an intensifier before an adjective, adverb or preposition
    [{"LOWER": {"IN": ["100", "hundred", "110", "200"]}}, {"LOWER": {"IN": ["per", "percent", "%"]}}, {"LOWER": "cent", "OP": "?"},
     {"POS": {"IN": ["ADJ", "ADV", "ADP", "VERB"]}}],
    [{"LOWER": "second"}, {"LOWER": "to"}, {"LOWER": "none"}],
    [{"LOWER": "on"}, {"LOWER": "cloud"}, {"LOWER": "nine"}],
    [{"LOWER": "the"}, {"LOWER": "whole"}, {"LOWER": "nine"}, {"LOWER": "yards"}],
    [{"LOWER": "at"}, {"LOWER": "sixes"}, {"LOWER": "and"}, {"LOWER": "sevens"}],
    [{"LOWER": "in"}, {"LOWER": "two"}, {"LOWER": "minds"}],
    [{"LOWER": "two"}, {"LOWER": "and"}, {"LOWER": "two"}],
    [{"LOWER": "my"}, {"LOWER": "two"}, {"LOWER": "cents"}],
    [{"LOWER": "a"}, {"LOWER": "dime"}, {"LOWER": "a"}, {"LOWER": "dozen"}],
    [{"LOWER": {"IN": ["first", "second"]}}, {"LOWER": "nature"}],
    [{"LOWER": "at"}, {"LOWER": "the"}, {"LOWER": "eleventh"}, {"LOWER": "hour"}],
    [{"LOWER": "number"}, {"LOWER": {"IN": ["one", "1"]}}, {"LOWER": {"IN": ["priority", "fan", "enemy", "concern"]}}],
    [{"LOWER": "public"}, {"LOWER": "enemy"}, {"LOWER": "number"}, {"LOWER": {"IN": ["one", "1"]}}],
    [{"LOWER": "first"}, {"LOWER": "and"}, {"LOWER": "foremost"}],
    [{"LOWER": {"IN": ["one", "a"]}}, {"LOWER": "or"}, {"LOWER": "two"}],
    [{"LOWER": "a"}, {"LOWER": "couple"}, {"LOWER": "of"}],
    [{"LOWER": "catch"}, {"TEXT": "-"}, {"LOWER": "22"}],
    [{"LOWER": "zero"}, {"LOWER": {"IN": ["tolerance", "sum"]}}],
]

#: Idioms of judgement without numbers: a clause built on one is the writer's or speaker's verdict.
JUDGEMENT_IDIOMS: list[list[dict[str, Any]]] = [
    [{"LOWER": "from"}, {"LOWER": "strength"}, {"LOWER": "to"}, {"LOWER": "strength"}],
    [{"LOWER": "no"}, {"LOWER": "daylight"}, {"LOWER": "between"}],
    [{"LEMMA": "put"}, {"LOWER": "to"}, {"LOWER": {"IN": ["good", "great", "better", "full"]}}, {"LOWER": "use"}],
    [{"LOWER": "a"}, {"LOWER": "far"}, {"LOWER": "cry"}, {"LOWER": "from"}],
    [{"LOWER": "the"}, {"LOWER": "tip"}, {"LOWER": "of"}, {"LOWER": "the"}, {"LOWER": "iceberg"}],
    [{"LOWER": "the"}, {"LOWER": "writing"}, {"LOWER": "on"}, {"LOWER": "the"}, {"LOWER": "wall"}],
    [{"LOWER": "a"}, {"LOWER": "step"}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": {"IN": ["right", "wrong"]}}, {"LOWER": "direction"}],
    [{"LOWER": "a"}, {"LOWER": "drop"}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": {"IN": ["ocean", "bucket"]}}],
    [{"LOWER": "a"}, {"LOWER": "slap"}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "face"}],
    [{"LOWER": "the"}, {"LOWER": "last"}, {"LOWER": "straw"}],
    [{"LOWER": "a"}, {"LOWER": "wake"}, {"TEXT": "-", "OP": "?"}, {"LOWER": "up"}, {"TEXT": "-", "OP": "?"}, {"LOWER": "call"}],
    [{"LOWER": "a"}, {"LOWER": "perfect"}, {"LOWER": "storm"}],
    [{"LOWER": "a"}, {"LOWER": "double"}, {"TEXT": "-", "OP": "?"}, {"LOWER": "edged"}, {"LOWER": "sword"}],
    [{"LOWER": "the"}, {"LOWER": "elephant"}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "room"}],
    [{"LOWER": "a"}, {"LOWER": "poisoned"}, {"LOWER": "chalice"}],
    [{"LOWER": "a"}, {"LOWER": "storm"}, {"LOWER": "in"}, {"LOWER": "a"}, {"LOWER": "teacup"}],
    [{"LOWER": "a"}, {"LOWER": "house"}, {"LOWER": "of"}, {"LOWER": "cards"}],
    [{"LEMMA": "move"}, {"LOWER": "the"}, {"LOWER": "goalposts"}],
    [{"LEMMA": "go"}, {"LOWER": "downhill"}],
    [{"LEMMA": "hit"}, {"LOWER": "rock"}, {"LOWER": "bottom"}],
    [{"LOWER": "a"}, {"LOWER": "game"}, {"TEXT": "-", "OP": "?"}, {"LOWER": "changer"}],
    [{"LOWER": "the"}, {"LOWER": "least"}, {"LOWER": "bad"}],
    [{"LOWER": "a"}, {"LOWER": "recipe"}, {"LOWER": "for"}, {"LOWER": "disaster"}],
    [{"LOWER": "the"}, {"LOWER": "icing"}, {"LOWER": "on"}, {"LOWER": "the"}, {"LOWER": "cake"}],
    [{"LOWER": "a"}, {"LOWER": "shot"}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": {"IN": ["arm", "foot", "dark"]}}],
    [{"LOWER": "head"}, {"LOWER": "and"}, {"LOWER": "shoulders"}, {"LOWER": "above"}],
    [{"LOWER": "set"}, {"TEXT": {"IN": ["\"", "'", "\u201c", "\u2018"]}, "OP": "?"}, {"LOWER": "in"}, {"LOWER": "stone"}],
    [{"LOWER": "a"}, {"LOWER": "done"}, {"LOWER": "deal"}],
    [{"LEMMA": "fan"}, {"LOWER": "the"}, {"LOWER": "flames"}],
    [{"LOWER": "in"}, {"LOWER": "thrall"}, {"LOWER": "to"}],
    [{"LOWER": "the"}, {"LOWER": "good"}, {"LOWER": "old"}, {"LOWER": "days"}],
    [{"LEMMA": "stick"}, {"LOWER": "to"}, {"POS": "PRON"}, {"LOWER": "guns"}],
    [{"LEMMA": "turn"}, {"LOWER": "the"}, {"LOWER": "tables"}],
    [{"LEMMA": "bury"}, {"POS": "PRON"}, {"LOWER": "head"}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "sand"}],
    [{"LOWER": "a"}, {"LOWER": "level"}, {"LOWER": "playing"}, {"LOWER": "field"}],
]

#: Adjectives and nouns of judgement and feeling: "X was breathtaking", "the commissions are an
#: abject failure", "his first reaction was immense sadness".
#: General evaluative English; :data:`claimcheck.analysis.lexicon.EVALUATIVE` holds the core list.
JUDGEMENT_WORDS = frozenset(
    ["right", "wrong", "irresponsible", "preposterous", "breathtaking", "woeful", "abject", "dismal", "shameful", "laughable", "pointless", "senseless", "misguided", "naive", "foolhardy", "farcical", "scandalous", "appalling", "deplorable", "admirable", "commendable", "praiseworthy", "exemplary", "inspiring", "inspirational", "heroic", "remarkable", "outstanding", "dreadful", "lamentable", "pitiful", "miserable", "glorious", "masterful", "sublime", "dire", "grim", "bleak", "rosy", "unacceptable", "acceptable", "intolerable", "inexcusable", "unforgivable", "indefensible", "unjustifiable", "justified", "unjustified", "fair", "sensible", "wise", "unwise", "reasonable", "unreasonable", "flawed", "misleading", "honest", "dishonest", "laudable", "disgraceful", "obscene", "grotesque", "embarrassing", "humiliating", "baffling", "bizarre", "mediocre", "sorry", "sad", "tragic", "farce", "fiasco", "shambles", "debacle", "triumph", "masterpiece", "mess", "joke", "travesty", "scandal", "disgrace", "embarrassment", "failure", "success", "blunder", "mistake",
     "sadness", "grief", "joy", "delight", "relief", "shock", "dismay", "anger", "fury", "sorrow", "regret", "pride",
     "shame", "horror", "disgust", "despair", "elation",
     "odious", "vicious", "selfish", "egregious", "despicable", "reprehensible", "contemptible", "vile", "idiotic",
     "moronic", "asinine", "inept", "clueless", "delusional", "phony", "phoney", "unhinged", "incoherent", "spineless",
     "gutless", "shameless", "heartless", "tone-deaf", "sham", "hoax", "charade", "circus", "insult", "outrage",
     "betrayal", "nonstarter", "non-starter", "nightmare", "godsend", "boon", "blessing", "curse"]
)

#: Verbs that present a judgement as a finding: "X underlines the need for Y".
OPINION_VERBS = ["underline", "underscore", "highlight", "illustrate", "demonstrate", "show", "prove", "expose",
                 "reveal", "reflect", "emphasise", "emphasize", "stress", "reinforce", "epitomise", "epitomize",
                 "exemplify", "symbolise", "symbolize", "signal", "raise", "beg", "speak", "lay"]
#: Abstract nouns of value and necessity that such verbs take as their object.
OPINION_OBJECTS = ["need", "importance", "urgency", "necessity", "value", "folly", "futility", "absurdity",
                   "hypocrisy", "danger", "peril", "failure", "bankruptcy", "question", "volume", "bare",
                   "seriousness", "gravity", "significance", "wisdom", "merit", "virtue", "fragility"]

#: Abstract nouns that a teaser promises and the article then spells out: "the rewards of
#: leaving office are shown in the register", "the dangers of the policy are highlighted in
#: a report" (the passive of an opinion verb: a frame with nothing checkable in it yet).
TEASER_SUBJECTS = OPINION_OBJECTS + ["reward", "benefit", "perk", "downside", "upside", "pitfall", "cost",
                                     "extent", "scale", "depth", "toll", "price", "consequence"]

OPINION_PATTERNS: list[list[dict[str, Any]]] = [
    [
        # No POS constraint: the small model often tags "underlines" as a plural noun, still with its object.
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": OPINION_VERBS}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object",
         "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "npadvmod"]}, "LEMMA": {"IN": OPINION_OBJECTS}}},
    ],
    [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": OPINION_VERBS}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject",
         "RIGHT_ATTRS": {"DEP": "nsubjpass", "LEMMA": {"IN": TEASER_SUBJECTS}}},
    ],
]

#: Verbs that judge how something went without saying how much: "one player dominated men's
#: tennis", "the sector is thriving"; with a figure ("dominated the final 6-0 6-1") they are claims.
PERFORMANCE_VERBS = frozenset("dominate thrive flourish prosper excel shine blossom languish flounder".split())
#: Verbs of feeling whose object is the one who feels: "it bothers me that ...", "this worries us".
EMOTIVE_VERBS = frozenset(
    """bother worry trouble sadden anger upset frustrate disappoint disturb annoy irritate amaze astonish
    surprise shock delight please thrill excite scare frighten alarm dismay""".split()
)
_PERSONAL_OBJECTS = frozenset("me us him her them you".split())
#: Verbs of attitude: a clause headed by one says how somebody feels about something
#: ("the studio is celebrating bumper ticket sales", "fans relish the derby"), not what happened.
ATTITUDE_VERBS = frozenset(
    """celebrate relish cherish savour savor welcome applaud lament bemoan deplore resent adore love hate loathe
    detest dislike admire revel gloat bask despise dread regret envy idolise idolize""".split()
)
#: Participles of getting used to something: "voters are getting used to the idea", "grew accustomed to".
_USED_TO = frozenset({"used", "accustomed", "resigned"})
_GETTING = frozenset("get gets getting got gotten become becomes becoming became grow grows growing grew grown".split())
#: Verbs that construe one thing as another, with the preposition that introduces the second:
#: "I have never equated the prize with sales", "critics see the dam as a white elephant".
CONSTRUAL_VERBS = {"equate": "with", "regard": "as", "view": "as", "see": "as", "perceive": "as",
                   "brand": "as", "dismiss": "as", "hail": "as", "portray": "as", "paint": "as"}
#: The head lemmas one of :func:`is_attitude`'s tests starts from (besides a participle of :data:`_USED_TO`).
_ATTITUDE_HEAD_LEMMAS = EMOTIVE_VERBS | ATTITUDE_VERBS | frozenset({"enjoy", "get", "become", "grow", "come"}) | frozenset(CONSTRUAL_VERBS)

_MATCHERS: dict[int, tuple[PrefilteredMatcher, DependencyPatterns, WordFilter]] = {}


def _matchers(vocab: Vocab) -> tuple[PrefilteredMatcher, DependencyPatterns, WordFilter]:
    found = _MATCHERS.get(id(vocab))
    if found is None:
        # Most documents hold no idiom's words: the prefilter then skips the Matcher (analysis.matching).
        idioms = PrefilteredMatcher(vocab)
        idioms.add("IDIOM_WITH_NUMBER", IDIOM_PATTERNS)
        idioms.add("JUDGEMENT_IDIOM", JUDGEMENT_IDIOMS)
        opinions = DependencyPatterns(vocab)
        opinions.add("OPINION_VERB", OPINION_PATTERNS)
        found = (idioms, opinions, WordFilter(OPINION_PATTERNS, vocab))
        _MATCHERS[id(vocab)] = found
    return found


@per_document
def _run(doc: Doc) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """What the patterns found in the doc: number idioms, opinion heads, judgement idioms."""
    idioms, opinions, opinion_words = _matchers(doc.vocab)
    number_ids: set[int] = set()
    judgement_ids: set[int] = set()
    judgement_label = doc.vocab.strings["JUDGEMENT_IDIOM"]
    for match_id, start, end in idioms(doc):
        (judgement_ids if match_id == judgement_label else number_ids).update(range(start, end))
    heads = ({ids[0] for _, ids in opinions(doc)}
             if doc.has_annotation("DEP") and opinion_words.possible(doc) else set())
    return (frozenset(number_ids), frozenset(heads), frozenset(judgement_ids))


def idiom_tokens(doc: Doc) -> frozenset[int]:
    """Indices of tokens inside an idiom with a number ("a million miles from")."""
    return _run(doc)[0]


def opinion_heads(doc: Doc) -> frozenset[int]:
    """Indices of verbs that present a judgement as a finding ("underlines the pressing need")."""
    return _run(doc)[1]


def judgement_idiom_tokens(doc: Doc) -> frozenset[int]:
    """Indices of tokens inside an idiom of judgement ("from strength to strength", "no daylight between")."""
    return _run(doc)[2]


def is_attitude(head: Token) -> bool:
    """True for a clause that reports a feeling or attitude towards something: "the studio is
    celebrating bumper sales", "commuters are getting used to the idea of ...", "I have never
    equated the prize with sales", "critics see the dam as a white elephant"."""
    table = token_table(head.doc)
    if table.lemma[head.i] not in _ATTITUDE_HEAD_LEMMAS and table.lower[head.i] not in _USED_TO:
        return False  # every test below needs one of these: most heads are turned away without a Token read
    lemma = head.lemma_.lower()
    if lemma in EMOTIVE_VERBS and any(c.dep_ == "dobj" and c.lower_ in _PERSONAL_OBJECTS for c in head.children):
        return True  # "it bothers me very much that ...", "this worries us"
    if lemma == "enjoy":
        # "Henman enjoyed his best year": the verdict is in the object; "the party enjoys a majority" is a fact.
        return any(c.dep_ == "dobj" and any(m.dep_ == "amod" and (m.lower_ in EVALUATIVE or m.lower_ in JUDGEMENT_WORDS)
                                              for m in c.children) for c in head.children)
    if lemma in ATTITUDE_VERBS:
        # "the lab enjoys a budget of ...", "it will welcome 300 students" are checked by the caller's figure test.
        return any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep") for c in head.children)  # "revelling in", "gloating over"
    if lemma in ("get", "become", "grow") and any(c.dep_ in ("acomp", "oprd") and c.lower_ in _USED_TO for c in head.children):
        return True  # "shoppers have grown accustomed to next-day delivery"
    if head.lower_ in _USED_TO:
        # The word as written too: the lemmatiser leaves "getting" as it is when it is tagged an auxiliary.
        gets = any(c.dep_ in ("aux", "auxpass") and ({c.lemma_.lower(), c.lower_} & _GETTING) for c in head.children)
        return gets and any(c.dep_ == "prep" and c.lower_ == "to" for c in head.children)
    if lemma == "come" and any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "terms" for g in c.children)
                               for c in head.children):
        return True  # "residents have come to terms with the closure"
    prep = CONSTRUAL_VERBS.get(lemma)
    if prep is None:
        return False
    # The parser hangs "as a white elephant" on the verb or on its object.
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objects) and any(c.dep_ in ("prep", "advcl", "oprd") and c.lower_ == prep
                                 for node in (head, *objects) for c in node.children)


def is_verdict(head: Token) -> bool:
    """True for a copular clause whose predicate is a judgement: "the plan was breathtaking",
    "the commissions are an abject failure", "the club was right to sack him".  Read from the token
    table: detection and typing ask it of every clause."""
    table = token_table(head.doc)
    i = head.i
    if table.lemma[i] not in ("be", "seem", "look", "sound", "prove", "remain", "become"):
        return False
    dep, lemma, lower, children = table.dep, table.lemma, table.lower, table.children
    for child in children[i]:
        if dep[child] in ("acomp", "attr", "oprd"):
            words = [child] + [c for c in children[child] if dep[c] in ("amod", "advmod", "compound")]
            # The word as written too: the tagger may read "breathtaking" as a verb with lemma "breathtake".
            if any(lemma[w] in JUDGEMENT_WORDS or lower[w] in JUDGEMENT_WORDS or lemma[w] in EVALUATIVE
                   or lower[w] in EVALUATIVE for w in words):
                return True
    return False


#: Verbs of doubt whose participle closes a clause with an open question, not a verdict or a
#: fact: "..., leaving many to wonder whether ...", "..., leaving staff to question if ...".
DOUBT_VERBS = frozenset("wonder question ask speculate doubt ponder guess".split())

#: Verbs that label their object with a second phrase: "X called it the least bad option",
#: "critics dubbed the stadium a white elephant".
LABELLING_VERBS = frozenset("call dub label term brand deem declare pronounce".split())


def is_labelled_verdict(head: Token, idioms: frozenset[int]) -> bool:
    """True for "X called the plan a disgrace / the least bad option": a labelling verb whose
    object's label is a judgement (a judgement word or idiom in it); "police called the fire an
    arson attack" names, it does not judge."""
    if head.lemma_.lower() not in LABELLING_VERBS:
        return False
    objects = [c.i for c in head.children if c.dep_ == "dobj"]
    for child in head.children:
        # The small parser hangs the label as oprd, or as a second object or npadvmod after the first.
        if child.dep_ in ("oprd", "xcomp", "ccomp") or (
                child.dep_ in ("dobj", "npadvmod", "attr") and objects and child.i > objects[0]):
            if any(t.i in idioms or t.lower_ in JUDGEMENT_WORDS or t.lemma_.lower() in JUDGEMENT_WORDS
                   or t.lower_ in EVALUATIVE for t in child.subtree):
                return True
    return False


#: Verbs of appeal: in the first person present they perform the appeal ("we call on the
#: council to ...", "I urge every voter to ..."), which is an act, not a statement of fact.
APPEAL_VERBS = frozenset("call urge implore appeal beg exhort entreat invite encourage challenge".split())
_FIRST_PERSON = frozenset({"i", "we"})


def is_appeal(head: Token) -> bool:
    """True for a performative appeal: a first-person subject and a present-tense verb of appeal
    with no auxiliary ("We call on other firms to join us"); "the union called on ..." and "we
    have urged ..." report an appeal that was made, which stays a claim."""
    if head.lemma_.lower() not in APPEAL_VERBS or head.tag_ not in ("VBP", "VB"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in head.children):
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in _FIRST_PERSON


#: Modals of a forecast: "she'll bring in ...", "he would tear up ...".
_FORECAST_MODALS = frozenset({"will", "'ll", "wo", "would", "'d", "could", "might"})
#: Subjects of a condition that anybody could meet, as a rule's conditions have: "if you park ...".
_GENERIC_SUBJECTS = frozenset({"you", "anyone", "anybody", "someone", "somebody", "those", "people", "one"})
_GENERIC_DETERMINERS = frozenset({"a", "an", "any", "every", "each", "no"})


def is_conditional_forecast(head: Token) -> bool:
    """True for a forecast that hangs on a particular hypothetical: "if the mayor is re-elected,
    he will bring in many more developers" (the caller has checked that there is no figure).

    A condition that anybody could meet ("if you park on the verge, you will be fined",
    "if a driver is caught ...") makes a rule, which stays a claim.
    """
    table = token_table(head.doc)
    if not any(table.dep[c] == "aux" and table.lower[c] in _FORECAST_MODALS for c in table.children[head.i]):
        return False  # most clauses (read from the token table)
    for clause in head.children:
        if clause.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in _GENERIC_SUBJECTS:
            continue
        determiners = {c.lower_ for c in subject.children if c.dep_ == "det"}
        if determiners & _GENERIC_DETERMINERS or (subject.tag_ == "NNS" and not determiners):
            continue
        return True
    return False


#: Things on a page that a sentence can point to: "the tables below show ...".
DISPLAY_NOUNS = frozenset("table chart graph map figure graphic diagram box panel list video picture photo image timeline".split())
_PAGE_PLACES = frozenset({"below", "above", "left", "right", "opposite", "overleaf", "here"})


def is_page_reference(head: Token) -> bool:
    """True for a clause whose subject is a display on the page, located by the page's layout:
    "The tables below show ...", "the map above shows ...", "the chart on the right compares ...";
    a caption or an introduction to one, which is page furniture, not a claim."""
    table = token_table(head.doc)
    dep, lower, children = table.dep, table.lower, table.children
    subject = next((c for c in children[head.i] if dep[c] in ("nsubj", "nsubjpass")), None)
    if subject is None or table.lemma[subject] not in DISPLAY_NOUNS:
        return False
    for child in children[subject]:
        if lower[child] in _PAGE_PLACES and dep[child] in ("advmod", "prep", "amod"):
            return True
        if dep[child] == "prep" and any(lower[g] in _PAGE_PLACES for g in children[child]):
            return True  # "the chart on the right"
    return False
