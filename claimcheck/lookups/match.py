"""Find the stored fact-checks that are about the same claim as a sentence.

Four steps:

1. **Retrieve** candidates with FTS5: the sentence's content words (and their
   synonym classes, years and whole numbers) OR-ed together, each quoted so
   that no user text is read as FTS syntax, ranked by BM25; the best
   :data:`CANDIDATES` go on.
2. **Describe** each candidate pair (:func:`pair_features`): the lexical
   :func:`similarity` (IDF-weighted overlap with number, year and name
   checks), the cosine of the sentence vectors (:mod:`~claimcheck.lookups.embed`,
   stored at import, so only the query is embedded), BM25, whether the
   figures (read by value: "two in five" = 40%, "seventh" = "7th"), years,
   names and the claimant agree, and how the stored words the query drops
   were replaced (:mod:`~claimcheck.lookups.wordnet`: a WordNet rewording,
   a sibling or antonym, or unrelated words).
3. **Score** each pair with a small logistic model fitted on the non-blind
   parts of the paraphrase set (``bench/lookup_calibrate.py``, weights in
   ``match_model.json``): the score is the probability that both state the
   same claim, and :data:`DEFAULT_THRESHOLD` was chosen by cross-validation.
4. **Vet** the few candidates scoring :data:`VET_FLOOR` or more by who does
   what (:mod:`~claimcheck.lookups.roles`, a dependency parse of both): a
   stored claim whose participants the query swaps ("Tenet told the
   administration" / "the administration warned Tenet") loses
   :data:`ROLE_PENALTY` from its log-odds, one whose verb the query turns
   with the same participants ("saved the county" / "cost the county",
   "often votes with" / "never votes with") :data:`DIRECTION_PENALTY`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np

from claimcheck.lookups import embed
from claimcheck.lookups.align import ALIGN_FEATURES, alignment, alignments, word_vectors
from claimcheck.lookups.direction import DIRECTION_FEATURES, direction_features
from claimcheck.lookups.features import Features, analyse, fts_terms, share_tolerance, stem
from claimcheck.lookups.frames import split_frame
from claimcheck.lookups.roles import prime, vet
from claimcheck.lookups.store import INDEX_VERSION, FactCheck, Store
from claimcheck.lookups.wordnet import WORDNET_FEATURES, replaced

__all__ = ["DEFAULT_THRESHOLD", "CANDIDATES", "DIRECTION_PENALTY", "ROLE_PENALTY", "VET_FLOOR", "FEATURES", "Match", "MatchModel", "Matcher", "fts_query",
           "match_model", "pair_features", "query_features", "similarity"]

MODEL_FILE = Path(__file__).with_name("match_model.json")
CANDIDATES = 50
# At most this many stored rows and term counts are kept between lookups (:meth:`Matcher._documents`).
_KEPT = 10_000
_K = TypeVar("_K")
_V = TypeVar("_V")
# Retrieval uses at most MAX_TERMS terms, leaving out those in more than
# COMMON_SHARE of the stored claims (long posting lists: most of the query's
# cost, little of BM25's ranking) unless fewer than MIN_TERMS would be left.
# Re-ranking still weighs every word.
MAX_TERMS = 12
MIN_TERMS = 4
COMMON_SHARE = 0.1

# Only candidates scoring this or more are parsed for their roles: the parse
# costs milliseconds, and a candidate below it is far from any threshold used.
VET_FLOOR = 0.3
# What a swap of roles and a turned verb take from a candidate's log-odds
# (bench/lookup_calibrate.py --role-penalties: docs/measurements.md, "Twelfth round: roles13").
ROLE_PENALTY = 8.0
DIRECTION_PENALTY = 8.0

# The pair features, in the order of the model's weights.
FEATURES: tuple[str, ...] = (
    "cosine", "cosine_margin", "bm25_relative", "numbers_agree", "candidate_numbers_unmatched",
    "query_numbers_unmatched", "numbers_differ", "numbers_missing", "years_agree", "years_conflict", "names_shared",
    "claimant_named", "names_replaced",
) + ALIGN_FEATURES + DIRECTION_FEATURES + WORDNET_FEATURES
#: Where the WordNet features sit in a row of :data:`FEATURES` (last, in their order).
_WORDNET_AT = slice(len(FEATURES) - len(WORDNET_FEATURES), len(FEATURES))
#: Where the direction features sit (just before WordNet's).
_DIRECTION_AT = slice(_WORDNET_AT.start - len(DIRECTION_FEATURES), _WORDNET_AT.start)
#: The features that cost most to compute (a word alignment, WordNet reads), last in a row:
#: :meth:`Matcher.pairs` computes them only for the pairs that could reach its floor without them.
_DETAILED_AT = slice(FEATURES.index("names_replaced"), len(FEATURES))
_DETAILED: tuple[str, ...] = FEATURES[_DETAILED_AT]


@dataclass
class Match:
    """A stored fact-check and how likely it states the looked-up claim."""

    record: FactCheck
    score: float
    bm25: float
    cosine: float = 0.0


@dataclass(frozen=True)
class MatchModel:
    """The fitted logistic model: a weight per :data:`FEATURES` entry, a bias and the chosen threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Made once: a check asks for the logits of every claim's candidates.
        return np.asarray(self.mean), np.asarray(self.scale), np.asarray(self.weights)

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """The model's log-odds for an ``(n, len(FEATURES))`` array of pair features."""
        mean, scale, weights = self._arrays
        return ((rows - mean) / scale) @ weights + self.bias

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(same claim) for an ``(n, len(FEATURES))`` array of pair features."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.logits(rows), -30, 30)))

    def could_reach(self, rows: np.ndarray, floor: float,
                    unknown: tuple[str, ...] = WORDNET_FEATURES) -> np.ndarray:
        """Which pairs could score ``floor`` or more once their ``unknown`` features are read.

        Those features are still 0 in ``rows``.  Each lies in [0, 1], so on
        its own it can add at most its coefficient to the logit, when that
        is positive; the three WordNet features are shares of the stored
        claim's word weight that sum to at most 1, so together they add at
        most the largest of their coefficients.  A pair's score is its
        probability rounded to four places, so the bound is taken against
        the lowest probability that rounds to ``floor``.
        """
        reach = floor - 0.5e-4
        if reach >= 1.0:
            return np.zeros(len(rows), dtype=bool)
        if reach <= 0.0:
            return np.ones(len(rows), dtype=bool)
        # 1e-9: the logits of rows with other values in the unknown columns are summed in another order.
        return self.logits(rows) + self._most(unknown) + 1e-9 >= math.log(reach / (1.0 - reach))

    @lru_cache(maxsize=8)  # noqa: B019 (a few models live as long as the process)
    def _most(self, unknown: tuple[str, ...]) -> float:
        """The most the ``unknown`` features can add to a logit (see :meth:`could_reach`)."""
        coefficients = dict(zip(FEATURES, np.asarray(self.weights) / np.asarray(self.scale)))
        wordnet = [float(coefficients[name]) for name in WORDNET_FEATURES if name in unknown]
        return max(0.0, *wordnet) + sum(max(0.0, float(coefficients[name])) for name in unknown
                                        if name not in WORDNET_FEATURES)


@lru_cache(maxsize=1)
def match_model() -> MatchModel:
    """The shipped model (``match_model.json``)."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE} was fitted on other features; refit it with bench/lookup_calibrate.py")
    return MatchModel(tuple(data["weights"]), float(data["bias"]), float(data["threshold"]),
                      tuple(data["mean"]), tuple(data["scale"]))


DEFAULT_THRESHOLD = round(match_model().threshold, 3)


def fts_query(features: Features, df: dict[str, int] | None = None, total: int = 0) -> str | None:
    """An FTS5 query OR-ing the sentence's terms, or ``None`` if it has none.

    Every term is wrapped in double quotes (inner quotes doubled), so words
    like ``NOT``, ``NEAR`` or ``col:`` in the text stay plain words.  With
    document frequencies (``df`` by stem, ``total`` documents), only the
    rarer terms are kept (see :data:`MAX_TERMS`).
    """
    terms = fts_terms(features)
    if not terms:
        return None
    if df is not None and total > 0:
        words = [t for t in terms if not t[0].isdigit()]
        numbers = [t for t in terms if t[0].isdigit()][:2]
        words.sort(key=lambda t: df.get(stem(t), 0))
        rare = [t for t in words if df.get(stem(t), 0) <= COMMON_SHARE * total]
        if len(rare) < MIN_TERMS:
            rare = words[:MIN_TERMS]
        terms = rare[: MAX_TERMS - len(numbers)] + numbers
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _significant(x: float) -> int:
    digits = f"{abs(x):.6f}".replace(".", "").strip("0")
    return max(1, len(digits))


def _round_to(x: float, digits: int) -> float:
    if x == 0:
        return 0.0
    return float(f"{x:.{digits}g}")


def _same_number(a: float, b: float) -> bool:
    """Equal, or equal once the more precise is rounded like the other
    (news copy rounds: 1,187,000 is "1.2 million"; 76 is not 77)."""
    if a == b:
        return True
    return _round_to(a, _significant(b)) == b or _round_to(b, _significant(a)) == a


def _same_figure(a: float, b: float, approximate: frozenset[float]) -> bool:
    """:func:`_same_number`, or near enough when one of them is a share said in
    words (``approximate``): "three times out of four" is 76 percent."""
    if _same_number(a, b):
        return True
    for share, other in ((a, b), (b, a)):
        if share in approximate and abs(share - other) <= share_tolerance(share) + 1e-9:
            return True
    return False


def _agreement(query: Iterable[float], candidate: Iterable[float], approximate: frozenset[float] = frozenset()) -> float:
    """Share of the candidate's numbers that the query also has."""
    candidate = list(candidate)
    query = list(query)
    if not candidate:
        return 0.0
    return sum(any(_same_figure(c, q, approximate) for q in query) for c in candidate) / len(candidate)


def _paired(query: list[float], candidate: list[float], approximate: frozenset[float] = frozenset()) -> float:
    """Share of the candidate's figures, as often as it says each, that a figure of the query equals, one for one
    (a share in words, one of ``approximate``, equals the figures it rounds)."""
    if not candidate:
        return 0.0
    left = list(query)
    unpaired = []
    # Equal figures first: "78 mph" may stand for a rounded "80", but not when the query says "80" too.
    for c in candidate:
        if c in left:
            left.remove(c)
        else:
            unpaired.append(c)
    found = len(candidate) - len(unpaired)
    for c in unpaired:
        equal = next((i for i, q in enumerate(left) if _same_figure(c, q, approximate)), None)
        if equal is not None:
            found += 1
            del left[equal]
    return found / len(candidate)


def similarity(query: Features, candidate: Features, weight: Callable[[str], float],
               claimant: Features | None = None) -> float:
    """How likely two sentences state the same claim, in [0, 1].

    Args:
        query: features of the looked-up text.
        candidate: features of a stored claim.
        weight: a term's weight (its IDF in the store).
        claimant: features of the stored claim's claimant; its words count
            when the query names them ("Haley said ...") and cost nothing
            when it does not.
    """
    if not query.stems or not candidate.stems:
        return 0.0
    shared = query.stems & candidate.stems
    if not shared:
        return 0.0
    named = (claimant.stems & query.stems) - candidate.stems if claimant is not None else frozenset()
    w_named = sum(weight(t) for t in named)
    w_shared = sum(weight(t) for t in shared) + w_named
    cover_candidate = w_shared / (sum(weight(t) for t in candidate.stems) + w_named)
    cover_query = w_shared / sum(weight(t) for t in query.stems)
    # F-beta with beta = 2: covering the stored claim matters more than the
    # query's extra words (attribution, context the article adds).
    beta2 = 4.0
    score = (1 + beta2) * cover_candidate * cover_query / (beta2 * cover_query + cover_candidate)

    if query.numbers and candidate.numbers:
        approximate = query.approximate | candidate.approximate
        agree = _agreement(query.numbers, candidate.numbers, approximate)
        if agree == 0.0:
            score *= 0.45  # same words, other figures: another claim
        else:
            # Agreeing on a small count ("eight years") says less than on a
            # figure ("8 million", "38 percent"): it earns half the bonus.
            specific = any(_same_figure(c, q, approximate) for c in candidate.numbers for q in query.numbers
                           if not (c.is_integer() and c <= 10))
            bonus = 0.2 * agree * (1.0 if specific else 0.5)
            score = score * (0.8 + 0.2 * agree) + (1 - score) * bonus
    elif candidate.numbers or candidate.years:
        # The stored claim is specific where the sentence is not: a weaker match.
        if not query.numbers and not query.years:
            score *= 0.85
    if query.years and candidate.years:
        if query.years & candidate.years:
            score += (1 - score) * 0.15
        else:
            score *= 0.45
    candidate_names = candidate.names | (claimant.names if claimant is not None else frozenset())
    if query.names and candidate.names and not (query.names & candidate_names):
        score *= 0.7
    return max(0.0, min(1.0, score))




ACRONYM = 5


@lru_cache(maxsize=8192)
def _initials(words: tuple[str, ...], names: frozenset[str]) -> dict[str, set[str]]:
    """Acronyms of runs of consecutive name words, with the name stems they stand for.

    A word is taken for a name when its first three letters begin a name's
    stem: stemming every word again here would cost more than the lookup.
    """
    by_prefix: dict[str, set[str]] = {}
    for name in names:
        by_prefix.setdefault(name[:3], set()).add(name)
    run = [w for w in words if w[:3] in by_prefix]
    out: dict[str, set[str]] = {}
    for i in range(len(run)):
        for j in range(i + 2, min(len(run), i + ACRONYM) + 1):
            stems = out.setdefault("".join(w[0] for w in run[i:j]), set())
            for w in run[i:j]:
                stems |= by_prefix[w[:3]]
    return out


def _unaliased(missing: frozenset[str], extra: frozenset[str], candidate: Features,
               query: Features) -> tuple[frozenset[str], frozenset[str]]:
    """``missing`` and ``extra`` less the names that are another spelling of each other."""
    def alias(a: str, b: str) -> bool:
        return min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))

    gone_missing = {m for m in missing if any(alias(m, e) for e in extra)}
    gone_extra = {e for e in extra if any(alias(m, e) for m in missing)}
    # Acronyms are short: only then are the runs of names spelt out.
    if any(len(short) <= ACRONYM for short in extra):  # "UN" in the query, "United Nations" stored
        candidate_acronyms = _initials(candidate.words, candidate.names)
        for short in extra:
            if candidate_acronyms.get(short, set()) & missing:
                gone_extra.add(short)
                gone_missing |= candidate_acronyms[short]
    if any(len(short) <= ACRONYM for short in missing):  # "EPA" stored, "Environmental Protection Agency" asked
        query_acronyms = _initials(query.words, query.names)
        for short in missing:
            if query_acronyms.get(short, set()) & extra:
                gone_missing.add(short)
                gone_extra |= query_acronyms[short]
    return missing - gone_missing, extra - gone_extra


def _names_replaced(query: Features, candidate: Features, weight: Callable[[str], float],
                    claimant: Features | None, whole: Features | None = None) -> float:
    """How much of the stored claim's names the query replaces with *other* names.

    A same-topic sentence that swaps one entity of a stored claim ("larger
    than Australia's" for "larger than Canada's") leaves a name unmatched on
    *both* sides; a rewording drops or adds names on one side, or spells
    one another way (prefixes and acronyms, see :func:`_unaliased`).  The
    value is the IDF-weighted share of the stored claim's names that the
    query lacks, counted only when the query's claim (speaker frame
    removed) has a name the stored claim lacks; the claimant's words never
    count, nor does a name the query's frame gives (``whole``: "Michael Reagan
    said his father ..." names the stored claim's "Reagan").  Linear in the
    two sentences' words.
    """
    spoken = claimant.stems | claimant.names if claimant is not None else frozenset()
    missing = candidate.names - query.stems - query.names - spoken
    if whole is not None:
        missing = missing - whole.stems
    extra = query.names - candidate.stems - candidate.names - spoken
    if not missing or not extra:
        return 0.0
    # Another spelling of the same name is no swap: a prefix ("Ohio" /
    # "Ohioan", "Dems" / "Democrats") or an acronym ("UN" / "United Nations").
    missing, extra = _unaliased(missing, extra, candidate, query)
    if not extra:
        return 0.0
    return sum(weight(t) for t in missing) / sum(weight(t) for t in candidate.names)


def pair_features(query: Features, candidate: Features, weight: Callable[[str], float],
                  claimant: Features | None, cosine: float, best_other_cosine: float,
                  bm25_relative: float, claim_year: int | None = None,
                  query_claim: Features | None = None,
                  aligned: tuple[float, float] | None = None, wordnet: bool = True,
                  detailed: bool = True, texts: tuple[str, str] | None = None,
                  claimant_title: Features | None = None) -> list[float]:
    """The :data:`FEATURES` of one (query, stored claim) pair, in order.

    Args:
        query: features of the looked-up text.
        candidate: features of the stored claim.
        weight: a term's weight (its IDF in the store).
        claimant: features of the stored claim's claimant, if known.
        cosine: cosine of the two sentence vectors.
        best_other_cosine: the best cosine among the other candidates.
        bm25_relative: the candidate's BM25 over the best candidate's (1 = best).
        claim_year: the year the stored claim was made, if known.
        query_claim: features of the query without its speaker frame (for
            ``names_replaced`` and the word alignment; default: ``query``).
        aligned: the word alignment, when already computed for many candidates at once
            (:func:`~claimcheck.lookups.align.alignments`).
        wordnet: ``False`` leaves the WordNet features at 0 (:meth:`Matcher.pairs`
            fills them in only for candidates that could reach its ``floor``).
        detailed: ``False`` leaves ``names_replaced``, the alignment, the direction and the
            WordNet features at 0 (the same: :meth:`Matcher.pairs` reads them
            only for candidates that could reach its ``floor`` with them).
        texts: the query's claim (speaker frame removed) and the stored claim as
            written, for the direction features (:mod:`~claimcheck.lookups.direction`,
            which read words the content features drop: "up", "against", "not");
            without them those features are 0.
        claimant_title: features of the stored claimant's title ("Governor"),
            if known: a query that names the claimant by it alone ("the
            governor said") counts as naming the claimant.
    """
    both_numbers = bool(query.numbers and candidate.numbers)
    # Figures are paired one for one, as often as each is said: "over the past
    # 10 years ... over the last 6 years" does not state "... the last 10 years"
    # twice over.
    query_figures, candidate_figures = query.figures(), candidate.figures()
    approximate = query.approximate | candidate.approximate
    agree = _paired(query_figures, candidate_figures, approximate) if both_numbers else 0.0
    # A figure on one side with no equal on the other: another claim, unless
    # the other side states no figure at all (then "numbers_missing").
    query_unmatched = 1.0 - _paired(candidate_figures, query_figures, approximate) if both_numbers else 0.0
    # The year the stored claim was made agrees with a year in the query, but
    # never contradicts one: a claim repeated years later ("... she said on 5
    # March 2024") is still the claim that was checked.
    candidate_years = set(candidate.years) | ({claim_year} if claim_year else set())
    both_years = bool(query.years and candidate.years)
    year_overlap = bool(set(query.years) & candidate_years)
    names = candidate.names | (claimant.names if claimant is not None else frozenset())
    names_shared = len(names & (query.names | query.stems)) / len(names) if names else 0.0
    claimant_named = 1.0 if claimant is not None and (claimant.stems & query.stems) else 0.0
    if not claimant_named and claimant_title is not None and _title_named(query, candidate, claimant_title):
        claimant_named = 1.0
    cheap = [
        cosine, cosine - best_other_cosine, bm25_relative, agree,
        1.0 - agree if both_numbers else 0.0, query_unmatched,
        # Each side states a figure the other lacks: a figure was replaced.
        1.0 if both_numbers and agree < 1.0 and query_unmatched > 0.0 else 0.0,
        1.0 if candidate.numbers and not query.numbers else 0.0,
        1.0 if query.years and year_overlap else 0.0,
        1.0 if both_years and not year_overlap else 0.0,
        names_shared, claimant_named,
    ]
    if not detailed:
        return cheap + [0.0] * len(_DETAILED)
    return cheap + [
        _names_replaced(query_claim or query, candidate, weight, claimant, query),
        *(aligned if aligned is not None else alignment(
            query_claim or query, candidate, weight, claimant.stems if claimant is not None else frozenset())),
        # Which way each claim points, and whether one denies what the other says.
        *(direction_features(texts[0], texts[1], (query_claim or query).stems, candidate.stems)
          if texts is not None else (0.0,) * len(DIRECTION_FEATURES)),
        # How the stored words the query drops were replaced: by a WordNet
        # rewording, only by a sibling or antonym (a swapped concept), or by unrelated words.
        *(replaced(query_claim or query, candidate, weight, claimant.stems if claimant is not None else frozenset())
          if wordnet else (0.0, 0.0, 0.0)),
    ]


# Words of a title that say where or when, not which office ("Former governor",
# "U.S. Senator", "State Representative", "Member of the National Council").
_TITLE_MODIFIERS = frozenset(stem(w) for w in "former current state us new national member".split())


def _title_named(query: Features, candidate: Features, title: Features) -> bool:
    """Whether the query names the stored claimant by their title ("the Texas governor said ...").

    Only the title's words the stored claim does not say itself count: in
    "The governor cut school aid" the governor is what the claim is about.
    """
    return bool((title.stems - _TITLE_MODIFIERS - candidate.stems) & query.stems)


def _no_weight(term: str) -> float:
    """The weight :func:`pair_features` is given when it reads no weight (``detailed=False``)."""
    raise AssertionError(f"no weight was read for {term!r} here")


class _Weights(dict[str, float]):
    """Terms' IDF weights; a term the store never saw weighs :attr:`unseen`."""

    unseen = 0.0

    def __missing__(self, term: str) -> float:
        return self.unseen


def query_features(text: str, *, names: Iterable[str] = (), claimant: str | None = None) -> Features:
    """The features :meth:`Matcher.find` looks ``text`` up with (a known claimant counts as named)."""
    return analyse(f"{claimant}: {text}" if claimant else text, tuple(names))


def _read_through(kept: dict[_K, _V], wanted: list[_K], read: Callable[[list[_K]], dict[_K, _V]]) -> None:
    """Add to ``kept`` what ``read`` gives for the ``wanted`` keys it lacks; when that would keep more
    than :data:`_KEPT`, ``kept`` is emptied first and holds the ``wanted`` keys alone."""
    new = [key for key in wanted if key not in kept]
    if new:
        if len(kept) + len(new) > _KEPT:
            kept.clear()
            new = wanted
        kept.update(read(new))

class Matcher:
    """Looks sentences up in a :class:`Store`.

    Args:
        store: the open store.
        candidates: how many BM25 candidates to re-rank.
        model: the scoring model (default: the shipped one).
        pipeline: the spaCy pipeline that parses the candidates it vets (default: the default one).
    """

    def __init__(self, store: Store, candidates: int = CANDIDATES, model: MatchModel | None = None,
                 role_penalty: float = ROLE_PENALTY, direction_penalty: float = DIRECTION_PENALTY,
                 pipeline: str | None = None) -> None:
        self.store = store
        self.pipeline = pipeline
        self.candidates = candidates
        self.model = model or match_model()
        self.role_penalty = role_penalty
        self.direction_penalty = direction_penalty
        self._total = 0
        self._stored_vectors: bool | None = None
        # Read by earlier lookups (a document's claims share candidates and words), kept while
        # nothing is written: the worked example asks 1,239 term counts of 576 terms, 700 rows of 570.
        self._read_at: tuple[int, int, int] | None = None
        self._df: dict[str, int] = {}
        self._rows: dict[int, tuple[bytes, Features]] = {}

    def _documents(self) -> int:
        # data_version changes when another connection commits, total_changes when this one
        # writes: recount only then, and only then forget the term counts and rows read.
        conn = self.store.conn
        read_at = (id(conn), int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        if read_at != self._read_at:
            self._read_at = read_at
            self._total = self.store.count()
            self._stored_vectors = self.store.embedding_model() == INDEX_VERSION
            self._df.clear()
            self._rows.clear()
        return self._total

    def _frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """:meth:`Store.document_frequencies`, reading only terms no lookup since :meth:`_documents` read."""
        wanted = list(set(terms))
        _read_through(self._df, wanted, self.store.document_frequencies)
        return {t: self._df[t] for t in wanted}

    def _stored(self, ids: list[int]) -> dict[int, tuple[bytes, Features]]:
        """:meth:`Store.vectors`, reading only rows no lookup since :meth:`_documents` read."""
        _read_through(self._rows, list(dict.fromkeys(ids)), self.store.vectors)
        return self._rows

    def find(self, text: str, *, limit: int = 5, names: Iterable[str] = (), min_score: float = 0.0,
             claimant: str | None = None) -> list[Match]:
        """The stored fact-checks most likely to state the claim in ``text``, best first.

        Args:
            text: the claim to look up.
            limit: the most matches to return.
            names: entity texts known for the claim (added to its names).
            min_score: drop matches scoring below this.
            claimant: who made the claim, when known (counts like a named speaker).
        """
        query, hits = self.lookup_candidates(text, names=names, claimant=claimant)
        return self._rank(text, query, hits, limit=limit, min_score=min_score)

    def lookup_candidates(self, text: str, *, names: Iterable[str] = (),
                          claimant: str | None = None) -> tuple[Features, list[tuple[FactCheck, float]]]:
        """The query's features and its BM25 candidates, as :meth:`find` ranks them."""
        query = query_features(text, names=names, claimant=claimant)
        return query, self.retrieve(query)

    def retrieve(self, query: Features) -> list[tuple[FactCheck, float]]:
        """The BM25 candidates for a sentence's features."""
        match_query = self.candidate_query(query)
        if match_query is None:
            return []
        return self.store.search(match_query, self.candidates)

    def candidate_query(self, query: Features) -> str | None:
        """The FTS5 query :meth:`retrieve` runs for a sentence's features (``None``: it has no terms).

        With :meth:`rank_candidates`, this lets a caller run the query itself
        (:meth:`claimcheck.lookups.local.LocalSource.lookup_claims` runs it on
        another thread while this one scores the previous claim).
        """
        words = fts_terms(query)
        total = self._documents()
        return fts_query(query, self._frequencies(stem(w) for w in words), total)

    def rank_candidates(self, text: str, query: Features, hits: list[tuple[FactCheck, float]], *, limit: int = 5,
                        min_score: float = 0.0) -> list[Match]:
        """Score the candidates of :meth:`retrieve`, as :meth:`find` does."""
        return self._rank(text, query, hits, limit=limit, min_score=min_score)

    def rank(self, text: str, records: Iterable[FactCheck], *, limit: int = 5, names: Iterable[str] = (),
             min_score: float = 0.0) -> list[Match]:
        """Score given records (an external source's answers) against ``text``, best first.

        Word weights come from the store, so scores are comparable with :meth:`find`'s.
        """
        return self._rank(text, analyse(text, tuple(names)), [(r, 0.0) for r in records], limit=limit,
                          min_score=min_score)

    def pairs(self, text: str, query: Features, hits: list[tuple[FactCheck, float]],
              floor: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """The :data:`FEATURES` of each hit against the query (rows), and the cosines.

        With a ``floor`` above 0, the costly features are computed only for
        the candidates that could still reach it (issue 9: of the 50
        candidates of a claim, almost none comes near the threshold).  First
        every candidate's cheap features (cosine, BM25, figures, years,
        names); a candidate whose probability stays under the floor whatever
        its ``names_replaced``, word alignment, direction and WordNet features
        are keeps them all at 0.  Then the alignment and ``names_replaced`` of
        the others, and the direction and WordNet (a third of what ``check
        --lookup`` added to a check) features of those that could still reach
        the floor.  A candidate left
        with zeros scores under the floor, since the bound holds for any
        values of the features left out, so every match at or above the
        floor is the same as without it.
        """
        if not hits:
            return np.zeros((0, len(FEATURES))), np.zeros(0)
        # Counted first: whether the store holds vectors (for _indexed) is read with the count.
        total = max(1, self._documents())
        vectors, features = self._indexed([record for record, _ in hits])
        claimants = [analyse(record.claimant) if record.claimant else None for record, _ in hits]
        titles = [analyse(record.claimant_title) if record.claimant_title else None for record, _ in hits]

        # The claim without its speaker frame ("X argued that ..."): the
        # frame's words pull the vector away from the fact-checker's wording
        # (on the hand-written tuning rewordings the right fact-check's lead
        # over the best other candidate rose from 0.20 to 0.27).
        claim = split_frame(text).claim
        cosines = vectors @ embed.embedder().embed([claim])[0]
        best = float(np.max(cosines))
        second = float(np.partition(cosines, -2)[-2]) if len(cosines) > 1 else 0.0
        best_bm25 = min((bm25 for _, bm25 in hits), default=0.0)
        # An external source's answers have no BM25: the lexical score
        # relative to the best answer's stands in for it, which weighs every candidate's words.
        weight = self._weights(query, features, claimants, total) if best_bm25 >= 0 else None
        lexical = [similarity(query, f, weight, c) for f, c in zip(features, claimants)] if weight is not None else []
        best_lexical = max(lexical, default=0.0) or 1.0
        rows: list[list[float]] = []
        for (record, bm25), feats, claimant, title, cosine in zip(hits, features, claimants, titles, cosines):
            other = second if cosine >= best else best
            relative = bm25 / best_bm25 if best_bm25 < 0 else lexical[len(rows)] / best_lexical
            year = int(record.claim_date[:4]) if record.claim_date and record.claim_date[:4].isdigit() else None
            rows.append(pair_features(query, feats, _no_weight, claimant, float(cosine), other, relative, year,
                                      detailed=False, claimant_title=title))
        matrix = np.asarray(rows, dtype=float)
        close = (np.flatnonzero(self.model.could_reach(matrix, floor, _DETAILED)) if floor > 0.0
                 else np.arange(len(hits)))
        if not len(close):
            return matrix, cosines
        near = [features[i] for i in close]
        near_claimants = [claimants[i] for i in close]
        left_out = [c.stems if c is not None else frozenset() for c in near_claimants]
        if weight is None:
            weight = self._weights(query, near, near_claimants, total)
        query_claim = analyse(claim)
        # One batch for the words no earlier lookup has seen, one product for the alignment.
        word_vectors([w for f in (query_claim, *near) for w in f.words])
        aligned = alignments(query_claim, near, weight, left_out)
        for i, cover in zip(close, aligned):
            matrix[i, _DETAILED_AT.start] = _names_replaced(query_claim, features[i], weight, claimants[i], query)
            matrix[i, _DETAILED_AT.start + 1: _DIRECTION_AT.start] = cover
        # Last, for the candidates that could still reach the floor: which way each
        # claim points (a reversed or denied claim keeps the stored words), and how
        # the stored words the query drops were replaced: by a WordNet rewording,
        # only by a sibling or antonym (a swapped concept), or by unrelated words.
        last = (self.model.could_reach(matrix[close], floor, DIRECTION_FEATURES + WORDNET_FEATURES) if floor > 0.0
                else np.ones(len(close), dtype=bool))
        for i, leave_out in zip(close[last], (s for s, w in zip(left_out, last) if w)):
            matrix[i, _DIRECTION_AT] = direction_features(claim, hits[i][0].claim, query_claim.stems,
                                                          features[i].stems)
            matrix[i, _WORDNET_AT] = replaced(query_claim, features[i], weight, leave_out)
        return matrix, cosines

    def _weights(self, query: Features, features: Iterable[Features], claimants: Iterable[Features | None],
                 total: int) -> Callable[[str], float]:
        """The IDF weight of each stem of the query, the candidates and their claimants (unseen stems weigh most)."""
        vocabulary = set(query.stems).union(*(f.stems for f in features), *(c.stems for c in claimants if c))
        df = self._frequencies(vocabulary)
        weights = _Weights({term: math.log(1 + (total - min(n, total) + 0.5) / (min(n, total) + 0.5))
                            for term, n in df.items()})
        weights.unseen = math.log(1 + (total + 0.5) / 0.5)
        # A dict's own look-up: the features ask for thousands of weights a lookup.
        return weights.__getitem__

    def _indexed(self, records: list[FactCheck]) -> tuple[np.ndarray, list[Features]]:
        """The records' stored vectors and features; records without them (a read-only
        store made by an older version, an external source's answers) are done now."""
        stored = self._stored([r.id for r in records if r.id is not None]) if self._stored_vectors else {}
        out = np.zeros((len(records), embed.DIM), dtype=np.float32)
        features: list[Features] = []
        have: list[int] = []
        missing: list[int] = []
        for i, record in enumerate(records):
            entry = stored.get(record.id) if record.id is not None else None
            if entry is None:
                missing.append(i)
                features.append(analyse(record.claim))
            else:
                have.append(i)
                features.append(entry[1])
        if have:
            out[have] = embed.from_blob([stored[records[i].id][0] for i in have])  # type: ignore[index]
        if missing:
            out[missing] = embed.embedder().embed([records[i].claim for i in missing])
        return out, features

    def vetted(self, text: str, hits: list[tuple[FactCheck, float]], logits: np.ndarray,
               floor: float = VET_FLOOR) -> np.ndarray:
        """P(same claim) of each hit, less :attr:`role_penalty` in log-odds where the query swaps the roles
        of a stored claim scoring ``floor`` or more, and :attr:`direction_penalty` where it turns its verb
        (:func:`~claimcheck.lookups.roles.vet`)."""
        logits = np.array(logits, dtype=float)
        if self.role_penalty or self.direction_penalty:
            # A score is rounded to four places: vet every one that rounds to the floor.
            low = floor - 0.5e-4
            reach = math.log(low / (1.0 - low)) if 0.0 < low < 1.0 else -math.inf
            close = np.flatnonzero(logits >= reach)
            if len(close):
                speaker, claim = split_frame(text)
                prime([claim, *(hits[i][0].claim for i in close)], self.pipeline)
                for i in close:
                    swapped, flipped = vet(claim, hits[i][0].claim, speaker, hits[i][0].claimant)
                    logits[i] -= self.role_penalty * swapped + self.direction_penalty * flipped
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))

    def _rank(self, text: str, query: Features, hits: list[tuple[FactCheck, float]], *, limit: int,
              min_score: float) -> list[Match]:
        if not hits:
            return []
        rows, cosines = self.pairs(text, query, hits, floor=min_score)
        scores = self.vetted(text, hits, self.model.logits(rows), max(min_score, VET_FLOOR))
        matches = [Match(record=record, score=round(float(score), 4), bm25=bm25, cosine=round(float(cosine), 4))
                   for (record, bm25), score, cosine in zip(hits, scores, cosines)]
        matches = [m for m in matches if m.score >= min_score]
        matches.sort(key=lambda m: (-m.score, m.bm25))
        return matches[:limit]
