"""Find numbers in a claim that are stated without a unit.

"Unemployment rose to 5" (per cent? points?), "the deficit hit 40 billion"
(which currency?), "turnout was 64": a bare number cannot be checked until the
reporter says what it counts.  The check works on spaCy's parse of the claim:
a number that modifies a noun ("4,000 soldiers") or is followed by "of"
("40 of the schools") has its unit; a number whose clause has a plural count
noun for subject ("cases rose to 4,000") takes that noun as its unit; what is
left, in a clause about a rate or amount, is flagged.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

#: Nouns that name a measure, not a thing counted: a number about them needs a unit.
MEASURES: frozenset[str] = frozenset(
    """rate inflation unemployment deficit debt gdp growth spending budget turnout cost price wage salary
    income revenue profit loss tax tariff share index ratio value level temperature output production
    emission figure sale margin yield interest borrowing surplus investment fund funding export import
    earning poll rating""".split()
)
#: Singular nouns whose number is a count of people or things ("the death toll is 40").
COUNTS: frozenset[str] = frozenset("toll number total count tally population headcount majority".split())
#: Words that carry a unit when they follow the number.
UNIT_WORDS: frozenset[str] = frozenset(
    "% percent per cent points point pct degrees bps basis".split()
)
#: Currency signs and names that make a MONEY entity complete.
CURRENCY = re.compile(
    r"[$£€¥₹₽]|\b(?:dollars?|pounds?|euros?|yen|yuan|renminbi|rupees?|roubles?|rubles?|won|francs?|"
    r"usd|gbp|eur|jpy|cny|rub|inr|sterling)\b",
    re.IGNORECASE,
)
_SCALES = frozenset("hundred thousand million billion trillion bn m k".split())
_YEAR = re.compile(r"^(1[89]|20|21)\d\d$")
_JOINERS = frozenset({"-", "–", "/", ":"})
_SKIP_LABELS = frozenset({"PERCENT", "ORDINAL", "LAW", "QUANTITY", "TIME"})


def _is_number(token: Token) -> bool:
    return token.like_num or token.lower_ in _SCALES


def _number_heads(span: Span) -> list[Token]:
    """The top token of each number in ``span`` ("billion" in "40 billion")."""
    heads = []
    for token in span:
        if not _is_number(token) or (token.lower_ in _SCALES and not any(_is_number(c) for c in token.children)):
            continue
        if token.dep_ in ("compound", "quantmod", "nummod") and _is_number(token.head) and token.head != token:
            continue
        heads.append(token)
    return heads


def _number_text(head: Token) -> str:
    tokens = [t for t in head.subtree if _is_number(t) or t.dep_ == "quantmod"]
    tokens = [t for t in tokens if abs(t.i - head.i) <= 3]
    return head.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1].text


def _entity_has_unit(token: Token) -> bool | None:
    """``True``/``False`` when the entity around ``token`` settles it, ``None`` otherwise."""
    label = token.ent_type_
    if not label:
        return None
    if label in _SKIP_LABELS:
        return True
    entity = next((ent for ent in token.doc.ents if ent.start <= token.i < ent.end), None)
    if entity is None:
        return None
    if label == "MONEY":
        return bool(CURRENCY.search(entity.text))
    if label == "DATE":
        # spaCy sometimes calls a bare number a DATE ("turnout was 64"); a
        # real date has words around the number ("last year", "June 19").
        return True if any(not _is_number(t) for t in entity) else None
    return None


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause ``token`` is in, if it has one."""
    node = token
    for _ in range(8):  # parse trees are shallow; the bound guards against cycles in bad parses
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if node.head == node:
            return None
        node = node.head
    return None


def unitless_numbers(span: Span) -> list[str]:
    """The numbers in ``span`` stated without a unit, as written."""
    found: list[str] = []
    for head in _number_heads(span):
        text = _number_text(head)
        if _YEAR.match(text):
            continue
        settled = _entity_has_unit(head)
        if settled is True:
            continue
        doc = head.doc
        following = doc[head.i + 1] if head.i + 1 < len(doc) else None
        preceding = doc[head.i - 1] if head.i > 0 else None
        if following is not None and (following.lower_ in UNIT_WORDS or following.text in _JOINERS):
            continue
        if preceding is not None and preceding.text in _JOINERS:  # scores and ratios: "3-1", "24/7"
            continue
        if settled is None:
            if head.dep_ in ("nummod", "nsubj", "nsubjpass") or any(
                c.dep_ == "prep" and c.lower_ == "of" for c in head.children
            ):
                continue
            subject = _clause_subject(head)
            if subject is not None:
                lemma = subject.lemma_.lower()
                if subject.pos_ == "PRON" or lemma in COUNTS:
                    continue
                if subject.tag_ in ("NNS", "NNPS") and lemma not in MEASURES:
                    continue
        found.append(text)
    return found


def unit_note(number: str) -> str:
    """The note added to a claim for one unitless number."""
    return (
        f"Number without a unit: '{number}'. {number} what (per cent, points, people, which currency)? "
        "Check the unit in the source before publishing."
    )
