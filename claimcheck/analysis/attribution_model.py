"""A learned decision over reporting cues: is this claim what that verb's subject says?

The hand-written frames and the mined cue lexicon miss cues the parser gets
slightly wrong ("He said legalizing it could ..." parsed as ``said`` with an
``xcomp``), and take acts that PolNeAR's annotators report in the article's own
voice.  For a claim, every verb of its sentence that has a grammatical source
(a subject, a "by" agent, or the subject it carries on from) is a candidate
cue; a logistic model over features of the pair (the verb's lemma and
complement, the dependency path between the verb and the claim's head,
position, quotation marks, what kind of phrase the source is) scores each.

The model is a vocabulary of feature strings with one weight each
(``claimcheck/model/attribution.json``), trained by
``train/train_attribution.py`` on PolNeAR train only; scoring is a sum of
weights, so it needs no numpy and costs a few dictionary look-ups per verb of
the claim's sentence.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import IS_QUOTE
from spacy.tokens import Doc, Token

from claimcheck.analysis.attribution_cues import CUE_VERBS, DOCUMENT_NOUNS, frame_of, source_of
from claimcheck.analysis.attribution_frames import MINED_CUE_FRAMES
from claimcheck.analysis.claims import Candidate
from claimcheck.analysis.lexicon import INSTITUTION_NOUNS, PERSON_PRONOUNS, VAGUE_SOURCES
from claimcheck.analysis.spans import doc_text, per_document
from claimcheck.analysis.token_table import TokenTable, span_root, token_table

MODEL_PATH = Path(__file__).resolve().parent.parent / "model" / "attribution.json"

_NAMED = {"PERSON": "person", "ORG": "org", "GPE": "org", "NORP": "group", "FAC": "org"}
#: How far up the tree the path from a claim's head to a cue is followed.
_MAX_PATH = 6


class CueCandidate:
    """A verb that may report a claim: the verb, its source's tokens and the pair's features.

    The features are the verb's own (:func:`verb_features`, ``static`` of them, the same for every claim of
    its sentence) and then the pair's (:func:`pair_features`), made when first read: the veto only reads
    those of the claim's own verb, and :meth:`CueModel.taken` only those of verbs that could be taken.
    """

    __slots__ = ("verb", "source", "static", "_features", "_pairing")

    def __init__(self, verb: int, source: tuple[int, ...], features: tuple[str, ...], static: int = 0,
                 pairing: _Pairing | None = None) -> None:
        self.verb = verb
        self.source = source
        self.static = static
        # With a pairing, ``features`` are the verb's own only, and the pair's are added when first read.
        self._features = features if pairing is None else None
        self._pairing = (pairing, features) if pairing is not None else None

    @property
    def features(self) -> tuple[str, ...]:
        if self._features is None:
            pairing, own = self._pairing  # type: ignore[misc]
            self._features = own + tuple(pairing.features(self.verb, self.source))
        return self._features


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "11+"


def _path_up(table: TokenTable, start: int, target: int) -> list[str] | None:
    """The dependency labels from token ``start`` up to token ``target``, if ``target`` is an ancestor."""
    labels: list[str] = []
    heads, deps = table.head, table.dep
    node = start
    for _ in range(_MAX_PATH):
        if heads[node] == node:
            return None
        labels.append(deps[node])
        node = heads[node]
        if node == target:
            return labels
    return None


class _Layout:
    """What the pair features read of a document's characters, once per document: where each token starts
    (with the text's end after the last, so that a token's width with its whitespace is a difference) and
    which tokens are quotation marks."""

    __slots__ = ("starts", "quote_marks")

    def __init__(self, doc: Doc) -> None:
        self.starts: list[int] = token_table(doc).idx + [len(doc_text(doc))]
        self.quote_marks: list[bool] = [bool(v) for v in doc.to_array([IS_QUOTE]).tolist()] if len(doc) else []


_layout = per_document(_Layout)


#: Words that make a source a count of respondents ("a third said", "9 percent say").
_COUNT_WORDS = frozenset({"percent", "%", "majority", "third", "half"})


def _source_kind(doc: Doc, ids: tuple[int, ...]) -> list[str]:
    lo, hi = min(ids), max(ids) + 1
    table = token_table(doc)
    head = lo if hi - lo == 1 else span_root(doc, lo, hi)  # most sources are one word
    lemma = table.lemma[head]
    pos = table.pos[head]
    out = ["src_pos=" + pos]
    ents = {_NAMED.get(label) for label in table.ent_type[lo:hi]}
    ents.discard(None)
    out += ["src_ent=" + e for e in sorted(e for e in ents if e)]
    if pos == "PRON":
        lower = table.lower[head]
        out.append("src_pron=" + ("person" if lower in PERSON_PRONOUNS else "it" if lower == "it" else "rel" if lower in ("who", "which", "that") else "other"))
    if lemma in DOCUMENT_NOUNS:
        out.append("src_document")
    if lemma in VAGUE_SOURCES:
        out.append("src_vague")
    if lemma in INSTITUTION_NOUNS:
        out.append("src_institution")
    if table.tag[head] in ("NNS", "NNPS"):
        out.append("src_plural")
    if any(table.like_num[lo:hi]) or not _COUNT_WORDS.isdisjoint(table.lower[lo:hi]):
        out.append("src_count")  # "a third said", "9 percent say": respondents, reported by a poll
    out.append("src_len=" + _bucket(len(ids)))
    return out


def verb_features(doc: Doc, verb: Token, source: tuple[int, ...]) -> list[str]:
    """The features of a candidate cue that do not depend on the claim: its lemma, complement and source."""
    table = token_table(doc)
    v = verb.i
    lemma = table.lemma[v]
    frame = frame_of(verb)
    frame_kind = "prep" if frame.startswith("prep:") else frame
    feats = ["bias", "lemma=" + lemma, "frame=" + frame_kind, f"lemma_frame={lemma} {frame}", "vdep=" + table.dep[v]]
    if lemma in CUE_VERBS:
        feats.append("lex_cue")
    if f"{lemma} {frame}" in MINED_CUE_FRAMES:
        feats.append("lex_frame")
    if table.tag[v]:
        feats.append("vtag=" + table.tag[v])
    feats += _source_kind(doc, source)
    for child in table.children[v]:
        dep = table.dep[child]
        if dep == "neg":
            feats.append("negated")
        elif dep == "dobj":
            feats.append("obj=" + table.lemma[child])  # "issued a statement", "put out a report"
        elif dep == "aux" and table.tag[child] == "MD":
            feats.append("modal")  # "the rule will require": what a law or plan does, not what anyone said
    return feats


def _share(starts: list[int], cand: Candidate, part: int) -> str:
    """The bucketed share of a claim's characters (each token with its whitespace) that ``part`` characters are."""
    share = part / max(starts[cand.end] - starts[cand.start], 1)
    return "<.3" if share < 0.3 else "<.5" if share < 0.5 else "<.7" if share < 0.7 else ">=.7"


#: The dependents of a verb that hold what it reports or does: its object, clause or phrase.
_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "prep", "attr", "oprd", "dative", "acomp", "agent"})


def _complement_chars(table: TokenTable, starts: list[int], verb: int, lo: int, hi: int) -> int:
    """Characters of the claim (tokens ``lo``..``hi``) in the subtrees of the verb's complements after it."""
    total = 0
    for child in table.children[verb]:
        if child > verb and table.dep[child] in _COMPLEMENT_DEPS:
            a, b = max(table.left_edge[child], lo), min(table.right_edge[child] + 1, hi)
            if b > a:
                total += starts[b] - starts[a]
    return total


def _tenth(starts: list[int], cand: Candidate, part: int) -> str:
    """The share of a claim's characters that ``part`` characters are, in tenths ("0" to "9")."""
    return str(min(int(10 * part / max(starts[cand.end] - starts[cand.start], 1)), 9))


def pair_features(doc: Doc, cand: Candidate, verb: Token, source: tuple[int, ...], in_quote: Callable[[int], bool]) -> list[str]:
    """The features that relate one claim to one candidate cue, as strings."""
    return _pair_features(token_table(doc), _layout(doc), cand, verb.i, source, in_quote(cand.head), in_quote(verb.i))


def _pair_features(table: TokenTable, layout: _Layout, cand: Candidate, v: int, source: tuple[int, ...],
                   head_quoted: bool, verb_quoted: bool) -> list[str]:
    """:func:`pair_features` for the verb at ``v``, given the document's tables and whether the claim's
    head and the verb are quoted: a claim has a pair per verb of its sentence, and these are read once
    per claim."""
    placed, relation = _placement(table, cand, v)
    return _joined(table, layout, cand, v, placed, relation, _surroundings(table, layout, cand, v, source, head_quoted, verb_quoted))


def _joined(table: TokenTable, layout: _Layout, cand: Candidate, v: int, placed: list[str], relation: str,
            surroundings: list[str]) -> list[str]:
    """The pair features in order, from their first and last parts and, for a verb inside the claim, the middle one."""
    inside = _inside_features(table, layout, cand, v, relation) if cand.start <= v < cand.end else []
    return placed + inside + surroundings


def _placement(table: TokenTable, cand: Candidate, v: int) -> tuple[list[str], str]:
    """The pair features that say where the verb at ``v`` is from the claim (first in :func:`_pair_features`),
    with the claim's relation to it in the tree (``rel=...``)."""
    head = cand.head
    lemma = table.lemma[v]
    feats = ["origin=" + cand.origin]
    # Where the claim's head sits relative to the verb in the tree.
    if v == head:
        relation = ["rel=self"]
    else:
        up = _path_up(table, head, v)
        if up is not None:
            relation = ["rel=below", "below_first=" + up[-1], "below_len=" + _bucket(len(up)), f"below_lemma={lemma} {up[-1]}"]
        else:
            down = _path_up(table, v, head)
            if down is not None:
                relation = ["rel=above", "above_first=" + down[0], "above_len=" + _bucket(len(down))]
            else:
                relation = ["rel=apart"]
    feats += relation
    if cand.frame is not None and v in cand.frame.cue:
        feats.append("is_frame_cue")
    if cand.frame is not None and cand.frame.speaker:
        feats.append("claim_has_frame")
    # Position: a cue before, inside or after the claim, and how far.
    if v < cand.start:
        feats += ["pos=before", "dist=" + _bucket(cand.start - v)]
    elif v >= cand.end:
        feats += ["pos=after", "dist=" + _bucket(v - cand.end + 1)]
    else:
        feats.append("pos=inside")
    return feats, relation[0]


def _inside_features(table: TokenTable, layout: _Layout, cand: Candidate, v: int, relation: str) -> list[str]:
    """The pair features of a verb inside its claim: how much of the claim follows it and is its complement.
    One feature of each of :data:`INSIDE_KINDS`, in that order."""
    starts = layout.starts
    cue = int(table.lemma[v] in CUE_VERBS)
    # PolNeAR reads "X verb Y" as X's only when Y is most of it: how much of the claim comes after the verb.
    after_chars = starts[cand.end] - starts[v + 1]
    after = _share(starts, cand, after_chars)
    # The scorer's line is at half the claim, and many claims sit near it: the share of the
    # verb's complement (what PolNeAR marks as the content) in tenths, beside the rest after the verb.
    comp = _tenth(starts, cand, _complement_chars(table, starts, v, cand.start, cand.end))
    tail = _tenth(starts, cand, after_chars)
    return ["after=" + after, f"after={after} {relation}", f"after={after} cue={cue}",
            "comp10=" + comp, f"comp10={comp} cue={cue}", f"comp10={comp} {relation}", "after10=" + tail]


def _feature_kind(feature: str) -> str:
    """What a feature says, without its values: ``after=<.5 rel=below`` is ``after rel``."""
    return " ".join(part.split("=", 1)[0] for part in feature.split(" "))


#: The kinds of :func:`_inside_features`' features, one feature each; :meth:`CueModel.could_reach` bounds them
#: by the largest weight of each kind.
INSIDE_KINDS = ("after", "after rel", "after cue", "comp10", "comp10 cue", "comp10 rel", "after10")


def _surroundings(table: TokenTable, layout: _Layout, cand: Candidate, v: int, source: tuple[int, ...],
                  head_quoted: bool, verb_quoted: bool) -> list[str]:
    """The last pair features: the source inside the claim, quotation marks and a colon around the pair."""
    starts = layout.starts
    head = cand.head
    feats: list[str] = []
    inside = [i for i in set(source) if cand.start <= i < cand.end]
    if inside:
        feats += ["source_in_claim", "src_share=" + _share(starts, cand, sum(starts[i + 1] - starts[i] for i in inside))]
    feats.append(f"quote={int(head_quoted)}{int(verb_quoted)}")
    lo, hi = (v, head) if v < head else (head, v)
    if any(layout.quote_marks[lo:hi]):
        feats.append("quote_between")
    if ":" in table.text[lo:hi]:
        feats.append("colon_between")
    return feats


#: Per sentence start: each verb that names a source, with its source and claim-independent features.
SentenceVerbs = dict[int, list[tuple[int, tuple[int, ...], tuple[str, ...]]]]


def cue_candidates(doc: Doc, cand: Candidate, in_quote: Callable[[int], bool], cache: SentenceVerbs | None = None) -> list[CueCandidate]:
    """The verbs of the claim's sentence that name a source, with their features.

    ``cache`` keeps each sentence's verbs between the claims of one document, so that
    the sources and verb features of a sentence are found once.
    """
    verbs = cache.get(cand.sent_start) if cache is not None else None
    if verbs is None:
        verbs = []
        pos = token_table(doc).pos
        for i in range(cand.sent_start, cand.sent_end):
            if pos[i] != "VERB":
                continue
            token = doc[i]
            ids = tuple(source_of(token))
            if ids and token.i not in ids:
                verbs.append((i, ids, tuple(verb_features(doc, token, ids))))
        if cache is not None:
            cache[cand.sent_start] = verbs
    if not verbs:
        return []
    pairing = _Pairing(doc, cand, in_quote)
    return [CueCandidate(i, ids, static, len(static), pairing) for i, ids, static in verbs]


class _Pairing:
    """What the pair features of one claim read, once for all the verbs of its sentence: the document's
    tables and whether the claim's head is quoted."""

    __slots__ = ("table", "layout", "cand", "in_quote", "head_quoted")

    def __init__(self, doc: Doc, cand: Candidate, in_quote: Callable[[int], bool]) -> None:
        self.table, self.layout, self.cand, self.in_quote = token_table(doc), _layout(doc), cand, in_quote
        self.head_quoted = in_quote(cand.head)

    def features(self, v: int, source: tuple[int, ...]) -> list[str]:
        """:func:`pair_features` of the claim and the verb at ``v``."""
        return _pair_features(self.table, self.layout, self.cand, v, source, self.head_quoted, self.in_quote(v))


def _logistic(z: float) -> float:
    """The model's probability for log-odds ``z``, clamped to +-30 so that ``exp`` cannot overflow."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class CueModel:
    """A logistic model over feature strings, the probability above which a cue is taken, and the
    one under which the rules' source for a claim that is its own cue's whole clause is dropped."""

    weights: dict[str, float]
    threshold: float
    veto: float = 0.0
    #: The weights of each verb's own features, by those features (see :meth:`score`).
    _static: dict[tuple[str, ...], list[float]] = field(default_factory=dict, compare=False, repr=False)
    #: The log-odds a pair must reach to clear ``threshold`` (-inf: no pair is left out, see :meth:`taken`), and
    #: the most that :func:`_inside_features` can add to them.
    _reach: float = field(init=False, compare=False, repr=False)
    _inside_ceiling: float = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        largest: dict[str, float] = {}
        for feature, weight in self.weights.items():
            kind = _feature_kind(feature)
            largest[kind] = max(largest.get(kind, 0.0), weight)  # 0.0: a value the model does not know adds nothing
        object.__setattr__(self, "_inside_ceiling", sum(largest.get(kind, 0.0) for kind in INSIDE_KINDS))
        # (Below -30 the probability is clamped, so a lower bound on the log-odds says nothing.)
        reach = math.log(self.threshold / (1.0 - self.threshold)) if 0.0 < self.threshold < 1.0 else -math.inf
        object.__setattr__(self, "_reach", reach if reach > -30.0 else -math.inf)

    def probability(self, features: tuple[str, ...] | list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features)
        return _logistic(z)

    def score(self, candidate: CueCandidate) -> float:
        """``probability(candidate.features)``, with the weights of the verb's own features looked up once
        for all the claims of its sentence.  The same floats are summed in the same order, so the
        result is the same to the last bit."""
        get = self.weights.get
        features = candidate.features
        known = self._static_weights(features[: candidate.static])
        z = sum(known + [get(f, 0.0) for f in features[candidate.static :]])
        return _logistic(z)

    def best(self, candidates: list[CueCandidate]) -> tuple[CueCandidate, float] | None:
        """The highest-scoring candidate, with its probability, if any."""
        scored = [(c, self.score(c)) for c in candidates]
        return max(scored, key=lambda pair: pair[1]) if scored else None

    def taken(self, doc: Doc, cand: Candidate, in_quote: Callable[[int], bool],
              cache: SentenceVerbs | None = None) -> tuple[CueCandidate, float] | None:
        """``best(cue_candidates(...))`` if its probability reaches ``threshold``, else ``None``.

        Most claims the rules leave unattributed have no verb the model takes (51 of 1,992 had one in
        ``bench/report_cpu.py``'s documents), so a verb whose log-odds cannot reach the threshold is left out before its pair features
        are made and scored (:meth:`could_reach`); the verbs left keep their order, so the first of equal
        scores is taken as before.
        """
        best = self.best([c for c in cue_candidates(doc, cand, in_quote, cache) if self.could_reach(c)])
        return best if best is not None and best[1] >= self.threshold else None

    def could_reach(self, candidate: CueCandidate) -> bool:
        """Whether the candidate's probability may reach ``threshold``: its log-odds are at most the weights of
        its verb's own features, of the pair features that say where the verb is and what surrounds the pair,
        and, for a verb inside the claim, the largest weight of each kind of :func:`_inside_features` (made
        only when they may matter).  The bound is kept a billionth above the exact sum, which float rounding
        cannot cross."""
        if candidate._pairing is None or candidate._features is not None or self._reach == -math.inf:
            return True
        pairing, own = candidate._pairing
        get = self.weights.get
        table, layout, cand, v = pairing.table, pairing.layout, pairing.cand, candidate.verb
        placed, relation = _placement(table, cand, v)
        surroundings = _surroundings(table, layout, cand, v, candidate.source, pairing.head_quoted, pairing.in_quote(v))
        ceiling = sum(self._static_weights(own)) + sum(get(f, 0.0) for f in placed) + sum(get(f, 0.0) for f in surroundings)
        if cand.start <= v < cand.end:
            ceiling += self._inside_ceiling
        if ceiling < self._reach - 1e-9:
            return False
        candidate._features = own + tuple(_joined(table, layout, cand, v, placed, relation, surroundings))
        return True

    def _static_weights(self, own: tuple[str, ...]) -> list[float]:
        """The weights of a verb's own features, looked up once for all the claims of its sentence."""
        known = self._static.get(own)
        if known is None:
            if len(self._static) >= _STATIC_MEMO:
                self._static.clear()  # the weights are a function of the features: forgetting changes nothing
            get = self.weights.get
            known = self._static[own] = [get(f, 0.0) for f in own]
        return known


#: How many verbs' weights :meth:`CueModel.score` keeps (a few documents' worth).
_STATIC_MEMO = 4096


@functools.cache
def load_cue_model(path: Path = MODEL_PATH) -> CueModel | None:
    """The shipped cue model, or ``None`` when the package has none."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(dict(zip(data["features"], data["weights"])), float(data["threshold"]), float(data.get("veto", 0.0)))
