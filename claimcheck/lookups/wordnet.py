"""Tell a reworded word from a swapped one with WordNet.

A person rewording a claim replaces words by words of like meaning
("joblessness" for "unemployment", "inmates" for "prisoners", "grew" for
"growth"); a same-topic sentence that states another claim replaces a word by
another member of its family ("mortgage" for "loan" stays a debt, "Canada" for
"Australia" a country, "Senate" for "House" a chamber).  Word vectors rate
both kinds alike; WordNet's graph does not: synonyms share a synset,
derivations and similar adjectives are linked, a hypernym is a step up,
while a swapped concept is a *sibling*: another child of a common parent.

The data is a compact table derived from Princeton WordNet 3.0
(``wordnet.npz``, made by ``bench/build_wordnet_table.py``; WordNet licence in
``WORDNET_LICENSE``): single-word lemmas, their synsets, each synset's
hypernyms, related synsets and antonyms.  It is read on first use (a few
milliseconds) and each word's sets are cached.
"""

from __future__ import annotations

import bisect
import io
import math
import mmap
import struct
import threading
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np

from claimcheck.lookups.features import Features, stem

__all__ = ["ANTONYM", "RELATED", "SAME", "SIBLING", "TABLE_FILE", "WORDNET_FEATURES", "known", "relation",
           "replaced", "replacements"]

TABLE_FILE = Path(__file__).with_name("wordnet.npz")

SAME, RELATED, SIBLING, ANTONYM = "same", "related", "sibling", "antonym"

# A common ancestor this close to a root ("entity", "abstraction", "act") says
# nothing: every two nouns have one.  Depth is counted in hypernym steps.
GENERAL_DEPTH = 4
# Parents looked at for siblings, and hypernyms for rewordings ("vehicle" for "car").
UP = 2

# Suffix rules of WordNet's morphy, for inflected forms not in the table.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
    ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
    ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)


class _Table:
    """The arrays of ``wordnet.npz`` and the look-ups built on them."""

    def __init__(self, path: Path) -> None:
        arrays = _mapped(path)
        self.lemmas = arrays["lemmas"]
        # "inflected base" lines in sorted order: looked up by binary search (:meth:`exceptions`).
        self._exceptions = arrays["exceptions"].tobytes().decode("ascii").split("\n")
        # Row starts as memoryviews: indexing one gives a Python int, several times
        # faster than a numpy scalar, and nothing is converted at load.
        self.lists = {name: (np.ascontiguousarray(arrays[f"{name}_starts"], dtype=np.intc).data.cast("B").cast("i"),
                             arrays[name])
                      for name in ("senses", "hypernyms", "related", "antonyms")}
        # Bytes: indexing them gives a Python int, several times faster than a numpy scalar.
        self.depth = arrays["depth"].astype(np.uint8).tobytes()

    def exceptions(self, word: str) -> list[str]:
        """The base forms WordNet's exception lists give an inflected word ("geese": "goose"), in file order."""
        lines, key = self._exceptions, word + " "
        out: list[str] = []
        at = bisect.bisect_left(lines, key)
        while at < len(lines) and lines[at].startswith(key):
            out.append(lines[at][len(key):])
            at += 1
        return out

    def find(self, words: list[str]) -> np.ndarray:
        """The rows of those words that are lemmas (one binary search for all: loading builds no dictionary)."""
        width = self.lemmas.dtype.itemsize
        keys = [w.encode("ascii") for w in words if w.isascii() and 0 < len(w) <= width]
        if not keys:
            return np.zeros(0, dtype=np.int64)
        found = np.searchsorted(self.lemmas, np.asarray(keys, dtype=self.lemmas.dtype))
        inside = found < len(self.lemmas)
        found = found[inside]
        return found[self.lemmas[found] == np.asarray(keys, dtype=self.lemmas.dtype)[inside]]

    def get(self, name: str, row: int) -> list[int]:
        """The targets of one row's list (a lemma's senses, a synset's hypernyms ...)."""
        starts, flat = self.lists[name]
        return flat[starts[row]:starts[row + 1]].tolist()  # type: ignore[no-any-return]


def _mapped(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` archive, memory-mapped where stored uncompressed (read when deflated).

    A check looks up a few hundred words: mapping the 6 MB table touches only
    their pages, where reading it took 10-20 ms of CPU.
    """
    arrays: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(path) as archive, path.open("rb") as handle:
        whole = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        for info in archive.infolist():
            name = info.filename.removesuffix(".npy")
            if info.compress_type != zipfile.ZIP_STORED:
                arrays[name] = np.load(io.BytesIO(archive.read(info)), allow_pickle=False)
                continue
            # The local header's name and extra field lengths give where the member's bytes start.
            name_length, extra_length = struct.unpack_from("<HH", whole, info.header_offset + 26)
            start = info.header_offset + 30 + name_length + extra_length
            head = io.BytesIO(whole[start: start + min(info.file_size, 4096)])
            version = np.lib.format.read_magic(head)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read_header(head)
            if fortran or dtype.hasobject:
                raise ValueError(f"{path}: {info.filename} is not a plain C-ordered array")
            arrays[name] = np.frombuffer(whole, dtype=dtype, count=math.prod(shape),
                                         offset=start + head.tell()).reshape(shape)
    return arrays


_table: _Table | None = None
_lock = threading.Lock()


def _loaded() -> _Table:
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _Table(TABLE_FILE)
    return _table


def _lemmas(word: str, table: _Table) -> list[int]:
    """Rows of the word's base forms in the table (morphy: exceptions, the word, suffix rules)."""
    bases = [*table.exceptions(word), word]
    bases += [word[: -len(suffix)] + repl for suffix, repl in _SUFFIXES
              if word.endswith(suffix) and len(word) > len(suffix) + 1]
    return table.find(list(dict.fromkeys(bases))).tolist()  # type: ignore[no-any-return]


# A word's synsets, what they are related to, their telling parents, their antonyms.
_WordSets = tuple[frozenset[int], frozenset[int], frozenset[int], frozenset[int]]


@lru_cache(maxsize=16384)
def _sets(word: str) -> _WordSets:
    """A word's synsets; what they are related to; their telling parents; their antonyms."""
    table = _loaded()
    synsets = {s for row in _lemmas(word, table) for s in table.get("senses", row)}
    if not synsets:
        empty: frozenset[int] = frozenset()
        return empty, empty, empty, empty
    above: set[int] = set()
    frontier = synsets
    for _ in range(UP):
        frontier = {h for s in frontier for h in table.get("hypernyms", s)}
        above |= frontier
    related = {r for s in synsets for r in table.get("related", s)}
    depth = table.depth
    parents = frozenset(p for p in above if depth[p] >= GENERAL_DEPTH)
    antonyms = frozenset(a for s in synsets for a in table.get("antonyms", s))
    own = frozenset(synsets)
    return own, own | related | above, parents, antonyms


def known(word: str) -> bool:
    """Whether WordNet has the word (or its base form)."""
    return bool(_sets(word)[0])


def relation(a: str, b: str) -> str | None:
    """How two lower-case words relate in WordNet, the closest first.

    Returns :data:`SAME` (a shared synset), :data:`RELATED` (a derivation,
    similar word, or a hypernym or hyponym within two steps), :data:`ANTONYM`,
    :data:`SIBLING` (a common parent below the most general levels), or
    ``None`` (unrelated, or a word WordNet lacks).
    """
    sa, ra, pa, aa = _sets(a)
    sb, rb, pb, ab = _sets(b)
    if not sa or not sb:
        return None
    if sa & sb:
        return SAME
    if ra & sb or rb & sa:
        return RELATED
    if aa & sb or ab & sa:
        return ANTONYM
    if pa & pb:
        return SIBLING
    return None


@lru_cache(maxsize=4096)
def _union(words: tuple[str, ...]) -> _WordSets:
    """The union of each of :func:`_sets`'s four sets over the words."""
    sets = [_sets(w) for w in words]
    return (frozenset().union(*(x[0] for x in sets)), frozenset().union(*(x[1] for x in sets)),
            frozenset().union(*(x[2] for x in sets)), frozenset().union(*(x[3] for x in sets)))


# The WordNet features, in the order :func:`replacements` returns them.
WORDNET_FEATURES: tuple[str, ...] = ("wn_reworded", "wn_swapped", "wn_unrelated")


def replacements(query: dict[str, str], candidate: dict[str, tuple[str, float]]) -> tuple[float, float, float]:
    """How the stored claim's words that the query does not repeat were replaced.

    Args:
        query: the query claim's content words (lower case) by stem.
        candidate: the stored claim's content words by stem, each with its weight
            (its IDF; 0 for words that never count, such as the claimant's).

    Returns:
        The weighted shares of the stored claim's words that the query drops
        but replaces with a WordNet rewording of them (``wn_reworded``), only
        with a sibling or an antonym (``wn_swapped``: a swapped concept), or
        only with words WordNet knows and does not relate (``wn_unrelated``).
        The query's words that the stored claim repeats are not replacements.
    """
    total = sum(weight for _, weight in candidate.values())
    if total <= 0:
        return 0.0, 0.0, 0.0
    others = tuple(word for s, word in query.items() if s not in candidate and known(word))
    if not others:
        return 0.0, 0.0, 0.0
    # "Some query word is related" is "related to the union of the query words' sets":
    # one test per stored word instead of one per pair (a lookup has 50 candidates).
    union = _union(others)
    shares = [0.0, 0.0, 0.0]
    for s, (word, weight) in candidate.items():
        if weight <= 0 or s in query:
            continue
        kind = _replacement_kind(_sets(word), union)
        if kind is not None:
            shares[kind] += weight
    return shares[0] / total, shares[1] / total, shares[2] / total


def _replacement_kind(word: _WordSets, union: _WordSets) -> int | None:
    """How a dropped stored word was replaced, as an index into :data:`WORDNET_FEATURES`.

    ``word`` is the word's :func:`_sets`, ``union`` the union of the query's
    other words' sets (:func:`_union`); None when WordNet does not know the word.
    """
    ws, wr, wp, wa = word
    if not ws:
        return None
    synsets, related, parents, antonyms = union
    if not wr.isdisjoint(synsets) or not ws.isdisjoint(related):
        return 0
    if not wa.isdisjoint(synsets) or not ws.isdisjoint(antonyms) or not wp.isdisjoint(parents):
        return 1
    return 2


@lru_cache(maxsize=8192)
def _by_stem(features: Features) -> dict[str, str]:
    """A claim's content words by stem (the first word of each stem), cached as the candidates recur."""
    out: dict[str, str] = {}
    for word in features.words:
        out.setdefault(stem(word), word)
    return out


@lru_cache(maxsize=8192)
def _known(features: Features) -> tuple[tuple[str, str, _WordSets], ...]:
    """The claim's words WordNet knows: (stem, word, the word's sets), cached as the candidates recur."""
    return tuple((s, w, _sets(w)) for s, w in _by_stem(features).items() if _sets(w)[0])


def replaced(query: Features, candidate: Features, weight: Callable[[str], float],
             leave_out: frozenset[str] = frozenset()) -> tuple[float, float, float]:
    """:func:`replacements` of two claims' features (the same values, computed faster).

    Args:
        query: features of the query's claim (speaker frame removed).
        candidate: features of the stored claim.
        weight: a stem's weight (its IDF in the store).
        leave_out: stems that never count (the stored claim's claimant).
    """
    stems = _by_stem(candidate)
    total = sum(0.0 if s in leave_out else weight(s) for s in stems)
    if total <= 0:
        return 0.0, 0.0, 0.0
    others = tuple(w for s, w, _ in _known(query) if s not in stems)
    if not others:
        return 0.0, 0.0, 0.0
    union = _union(others)
    query_stems = _by_stem(query)
    shares = [0.0, 0.0, 0.0]
    # Only the words the query drops are looked up: a lookup's first candidates
    # bring hundreds of words WordNet has not been asked about yet.
    for s, word in stems.items():
        if s in query_stems or s in leave_out:
            continue
        w = weight(s)
        if w <= 0:
            continue
        kind = _replacement_kind(_sets(word), union)
        if kind is not None:
            shares[kind] += w
    return shares[0] / total, shares[1] / total, shares[2] / total
