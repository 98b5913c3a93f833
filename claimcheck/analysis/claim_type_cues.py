"""Parse cues for the claim-type classes added in the third round of issue 8.

:mod:`claimcheck.analysis.claim_types` decides a claim's type in a fixed precedence; this
module holds the tests for classes it used to miss, each a small function over the claim's
head and its parse neighbours (never the whole document), so typing stays O(claim length):

* rules stated through the law itself ("the bill would give tenants a right to keep pets"), through
  a policy instrument brought in or abolished ("prescription charges will be scrapped"), through
  what applicants are granted or refused, through what a class of people is given ("places are
  reserved for local pupils"), and through whether something is within the constitution;
* causes stated as a share of a change ("most of the increase in borrowing reflected ..."), as attributable,
  or as a difference made; motives for an agent's act ("destroyed the receipts because ...") are not
  causal claims, and "make up" (form a share of) is not "make";
* absences ("the audit found no evidence of fraud", "neither letter mentions the contract"):
  a claim that nothing happened is not an event.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimcheck.analysis.claims import nominal_subject, subject_index
from claimcheck.analysis.lexicon import FUTURE_MARKERS, INSTITUTION_NOUNS, PERSON_PRONOUNS, TITLE_NOUNS
from claimcheck.analysis.token_table import token_table

#: Nouns that name an enacted or proposed text: what one does is what the law does.
LEGISLATION_NOUNS = frozenset(
    ["law", "act", "bill", "legislation", "statute", "amendment", "regulation", "rule", "directive",
     "ordinance", "decree", "treaty", "constitution", "order", "measure", "proposal", "provision", "clause"]
)
_MODALS = frozenset(["must", "would", "will", "shall", "can", "could", "may", "might", "'ll", "wo", "ca"]) | FUTURE_MARKERS
#: What a policy charges, pays or restricts: bringing one in or abolishing it is a rule.
_INSTRUMENT_NOUNS = frozenset(
    ["fee", "tax", "charge", "levy", "duty", "tariff", "toll", "fine", "grant", "benefit", "allowance",
     "subsidy", "restriction", "limit", "cap", "quota", "ban", "requirement", "exemption", "test", "check",
     "curfew", "rule", "regulation", "loan", "pension", "credit", "relief"]
)
_INSTRUMENT_VERBS = frozenset(
    ["remove", "abolish", "scrap", "introduce", "impose", "lift", "waive", "end", "replace", "reinstate",
     "extend", "apply", "phase", "axe", "drop", "suspend", "levy", "bring", "withdraw", "require", "enforce"]
)
#: Verbs by which a charge or test says whom it reaches or what it holds.
_SCOPE_VERBS = frozenset(["include", "cover", "apply", "exclude", "exempt", "affect"])
#: What an authority does with a request: the outcome a policy prescribes.
_DECISION_VERBS = frozenset(["refuse", "reject", "deny", "grant", "approve", "decline", "accept", "issue", "turn"])
_REQUEST_NOUNS = frozenset(
    ["application", "applicant", "request", "visa", "claim", "permit", "licence", "license", "appeal",
     "bid", "petition", "asylum", "permission", "approval"]
)
#: Verbs by which an arrangement gives or keeps something for a class: "seats are reserved for ...".
_ALLOCATION_VERBS = frozenset(["give", "grant", "award", "allocate", "reserve", "assign", "guarantee", "deny", "set"])
_LEGAL_ADJECTIVES = frozenset(["constitutional", "legal", "statutory", "lawful", "judicial"])
_LEGAL_BOUND_NOUNS = frozenset(["bound", "limit", "power", "remit", "jurisdiction", "authority", "law", "constitution"])
_RIGHT_NOUNS = frozenset(["right", "freedom", "liberty"])

#: Nouns of a change or a statistic: what "reflects" or "is attributable to" something is caused by it.
_CHANGE_NOUNS = frozenset(
    ["rise", "fall", "increase", "decrease", "drop", "decline", "growth", "change", "adjustment", "gain",
     "loss", "deficit", "surplus", "shortfall", "jump", "slump", "improvement", "deterioration", "gap"]
)
_LINK_VERBS = frozenset(["link", "associate", "tie", "connect"])
_EFFECT_NOUNS = frozenset(["difference", "impact", "effect", "influence"])
_CAUSAL_ADJECTIVES = frozenset(["attributable", "ascribable", "owing"])
_MOTIVE_MARKERS = frozenset(["because", "since", "as"])
#: Endings of nouns for a person who acts ("treasurer", "inspector", "activist", "accountant"): with a
#: direct object their verb is an act done for a reason.
_AGENT_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ian")
_VOLITION_VERBS = frozenset(["try", "seek", "attempt", "decide", "agree", "refuse", "plan", "offer", "choose", "want", "move"])

#: Negative quantifiers: a clause whose argument is one of these says something is absent.
_NEGATIVE_DETS = frozenset(["no", "neither"])
_NEGATIVE_PRONOUNS = frozenset(["nothing", "none", "neither", "nobody", "no-one"])


def _modal(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in verb.children)


def _present_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _specific(noun: Token) -> bool:
    """True for a noun that names one particular thing: a name, a possessive, "the"/"this"/"his"."""
    if noun.ent_type_ in ("PERSON", "ORG", "GPE") or noun.pos_ in ("PROPN", "PRON"):
        return True
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
               for c in noun.children)


def legislation_acts(head: Token) -> bool:
    """What a law or bill must, would or will do: "the bill would give tenants a right to keep pets",
    "the treaty must be ratified by every member state". A law that passed or failed is an event
    (no modal); the caller leaves one with a figure to the quantity and comparison tests."""
    table = token_table(head.doc)
    subject = subject_index(head.doc, head.i)
    return subject is not None and table.lemma[subject] in LEGISLATION_NOUNS and _modal(head)


def instrument_changes(head: Token) -> bool:
    """A charge, tax or restriction a policy will bring in, abolish or extend to someone: "prescription
    charges will be scrapped", "the plan would impose a levy on ...", "the checks will cover every
    visitor" -- what the rules will be, not a forecast."""
    lemma = token_table(head.doc).lemma[head.i]
    if (lemma not in _SCOPE_VERBS and lemma not in _INSTRUMENT_VERBS) or not _modal(head):
        return False
    if lemma in _SCOPE_VERBS and head.tag_ != "VBN":
        subject = nominal_subject(head)
        return subject is not None and subject.lemma_.lower() in _INSTRUMENT_NOUNS and not _specific_past(subject)
    if lemma not in _INSTRUMENT_VERBS:
        return False
    if head.tag_ == "VBN":  # passive: the instrument is the subject
        subject = nominal_subject(head)
        return subject is not None and subject.lemma_.lower() in _INSTRUMENT_NOUNS and not _specific_past(subject)
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _INSTRUMENT_NOUNS for c in head.children)


def _specific_past(noun: Token) -> bool:
    return any(c.dep_ == "poss" for c in noun.children)


def request_decided(head: Token) -> bool:
    """What will happen to a class of requests: "applications from those areas would be refused",
    "a failed check would mean permits being refused". A particular request decided is an event."""
    table = token_table(head.doc)
    children, dep, lemma_of = table.children, table.dep, table.lemma
    if not _decision_near(children, dep, lemma_of, head.i):
        return False  # most claims: no verb of deciding at or next to the head (read from the table)
    pairs = [(verb, [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")])
             for verb in [head] + [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "advcl")]
             if verb.lemma_.lower() in _DECISION_VERBS]
    # "would mean applications being rejected": the decision hangs off the object as a participle
    pairs += [(acl, [obj]) for obj in head.children if obj.dep_ == "dobj" for acl in obj.children
              if acl.dep_ == "acl" and acl.lemma_.lower() in _DECISION_VERBS]
    if not pairs or not (_modal(head) or _present_passive(head)):
        return False  # most claims: no verb of deciding at or next to the head
    for verb, nouns in pairs:
        lemma = verb.lemma_.lower()
        if lemma == "turn" and not any(c.dep_ == "prt" and c.lower_ in ("down", "away") for c in verb.children):
            continue
        if any(n.lemma_.lower() in _REQUEST_NOUNS and not _specific(n) for n in nouns):
            return True
    return False


def _decision_near(children: list[tuple[int, ...]], dep: list[str], lemma_of: list[str], i: int) -> bool:
    """Whether a verb of deciding is token ``i``, one of its clausal complements, or a participle on its object."""
    if lemma_of[i] in _DECISION_VERBS:
        return True
    for c in children[i]:
        d = dep[c]
        if d in ("ccomp", "xcomp", "advcl"):
            if lemma_of[c] in _DECISION_VERBS:
                return True
        elif d == "dobj":
            for a in children[c]:
                if dep[a] == "acl" and lemma_of[a] in _DECISION_VERBS:
                    return True
    return False


def allocated_to_class(head: Token) -> bool:
    """A standing arrangement that gives or keeps something for a class of people: "two seats are
    reserved for local councillors", "places are reserved for former pupils"."""
    if token_table(head.doc).lemma[head.i] not in _ALLOCATION_VERBS or not _present_passive(head):
        return False
    subject = nominal_subject(head)
    if subject is None or subject.tag_ != "NNS" or _specific(subject):
        return False
    return any(c.dep_ in ("dative", "prep") and c.lower_ in ("to", "for") for c in head.children)


def within_the_law(head: Token) -> bool:
    """Whether something is inside the law or a right: "the curfew was within constitutional limits",
    "the scheme is incompatible with the right to a fair trial", "the levy is unconstitutional"."""
    if token_table(head.doc).lemma[head.i] != "be" or head.lemma_ != "be":
        return False  # the table's lemma is lower-cased: most heads are turned away by it without a Token read
    for child in head.children:
        if child.dep_ == "acomp" and child.lower_ in ("constitutional", "unconstitutional", "lawful", "unlawful"):
            return True
        if child.dep_ == "acomp" and child.lower_ in ("compatible", "incompatible", "consistent", "inconsistent", "contrary"):
            if any(t.lemma_.lower() in _RIGHT_NOUNS and t.dep_ == "pobj" for t in child.subtree):
                return True
        if child.dep_ == "prep" and child.lower_ in ("within", "outside", "beyond", "against"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                legal = any(c.lower_ in _LEGAL_ADJECTIVES for c in pobj.children if c.dep_ == "amod")
                if (legal and pobj.lemma_.lower() in _LEGAL_BOUND_NOUNS) or pobj.lemma_.lower() in ("law", "constitution"):
                    return True
    return False


def causal_predicate(head: Token) -> bool:
    """A cause stated by the main predicate without a causal verb: "half of the rise reflected lower
    receipts", "the growth is mainly attributable to energy costs", "the grants made little difference"."""
    table = token_table(head.doc)
    lemma = table.lemma[head.i]
    if lemma == "reflect":
        subject = nominal_subject(head)
        if subject is not None and (subject.lemma_.lower() in _CHANGE_NOUNS or any(
                p.lemma_.lower() in _CHANGE_NOUNS for c in subject.children if c.dep_ == "prep" for p in c.children)):
            return True
    if lemma == "be" and any(table.dep[c] == "acomp" and table.lower[c] in _CAUSAL_ADJECTIVES for c in table.children[head.i]):
        return True
    if lemma in ("make", "have") and any(table.dep[c] == "dobj" and table.lemma[c] in _EFFECT_NOUNS for c in table.children[head.i]):
        return True
    if lemma in _LINK_VERBS and head.tag_ == "VBN" and any(c.dep_ == "prep" and c.lower_ in ("to", "with") for c in head.children):
        subject = nominal_subject(head)  # "smoking is linked to cancer"; "the suspect was linked to the gang" is not a cause
        return subject is not None and not _animate(subject)
    return False


def _animate(noun: Token) -> bool:
    return (noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or noun.lower_ in PERSON_PRONOUNS
            or noun.lower_ in ("i", "we", "they", "you") or noun.lemma_.lower() in TITLE_NOUNS
            or noun.lemma_.lower() in INSTITUTION_NOUNS)


def is_make_up(verb: Token) -> bool:
    """ "exports make up a third of output": a share, not a cause."""
    return verb.lemma_.lower() == "make" and any(c.dep_ == "prt" and c.lower_ in ("up", "out", "off") for c in verb.children)


def is_motive(marker: Token) -> bool:
    """True for "because", "since", "as" or "because of" giving the reason an agent acted: "the treasurer
    destroyed the receipts because they showed the overspend", "an officer tried to delay an inspection because of the
    election" report the act; the reason is the actor's, not a causal claim."""
    if marker.lower_ not in _MOTIVE_MARKERS:
        return False
    if marker.dep_ == "mark" and marker.head.dep_ == "advcl":
        verb = marker.head.head
    elif marker.dep_ == "prep" and marker.lower_ == "because":
        verb = marker.head
    else:
        return False
    if verb.pos_ != "VERB" or verb.lemma_.lower() in ("be", "have", "become", "remain", "seem"):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    node = verb
    while subject is None and node.dep_ == "xcomp" and node.head.i != node.i:
        node = node.head  # "tried to arrange ... because of": the subject is the governor's
        if node.lemma_.lower() in _VOLITION_VERBS:
            return True  # an act someone tried or decided to do has a motive, whoever the subject is
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return _animate(subject) or (subject.pos_ == "NOUN" and subject.lemma_.lower().endswith(_AGENT_SUFFIXES)
                                 and any(c.dep_ == "dobj" for c in verb.children))


def states_absence(head: Token) -> bool:
    """A claim that something is absent: "the inquiry found no evidence of fraud", "the files had no
    connection to the case", "neither report mentions the loan", "the review found nothing new".
    A passive with a negative subject ("no arrests were made") reports the outcome of an act: an event."""
    table = token_table(head.doc)
    dep, lower, children = table.dep, table.lower, table.children
    for child in children[head.i]:
        if dep[child] not in ("nsubj", "dobj", "attr"):
            continue
        if lower[child] in _NEGATIVE_PRONOUNS:
            return True
        if any(dep[c] == "det" and lower[c] in _NEGATIVE_DETS for c in children[child]):
            return True
    return False


__all__ = [
    "LEGISLATION_NOUNS",
    "allocated_to_class",
    "causal_predicate",
    "instrument_changes",
    "is_make_up",
    "is_motive",
    "legislation_acts",
    "request_decided",
    "states_absence",
    "within_the_law",
]
