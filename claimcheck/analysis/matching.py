"""spaCy matchers that skip the patterns a document cannot match.

spaCy's :class:`~spacy.matcher.Matcher` compares plain attribute values
(``{"LOWER": "the"}``) in compiled code, but calls Python for every set
predicate (``{"LOWER": {"IN": [...]}}``) its current pattern position holds.
A pattern whose *first* token is a set therefore costs a Python call per
token of every document, whether or not anything matches: on the benchmark
articles that made the claim-pattern and rule-pack matchers cost more than
the rest of claim typing.  :func:`expand_first_sets` rewrites such patterns
into one pattern per listed value, which finds exactly the same matches with
the first comparison done in C.

Even with plain values the Matcher walks every token for every pattern
(about 50 ns each, 3 ms for the 60 idiom patterns on a 400-token article),
although most patterns name a word that most documents lack ("iceberg",
"goalposts").  :class:`PrefilteredMatcher` reads the document's words once
(``Doc.to_array``), keeps the patterns whose required words are all present,
and runs a Matcher of only those (built once per such set and cached): the
same matches, usually from no Matcher at all.  When some pattern is possible,
the Matcher walks only the stretches near that pattern's rarest required word
or tag; a pattern with a repeated token ("the" + a superlative + any number of
nouns) is bounded there by the document's longest run of tokens that could
fill the repeat, so it no longer makes the Matcher walk every document.

:class:`WordFilter` does the same for the ``DependencyMatcher``, which runs a
token pattern per node over the whole document: it answers whether some
node's words are missing from the doc, in which case the matcher need not run.

When the words are there, the ``DependencyMatcher`` still calls Python for
every set predicate at every token and builds a ``Token`` per node match.
:class:`DependencyPatterns` finds the matches of the common shape, an anchor
token and nodes that are its children (``>``) or descendants (``>>``), each
given by plain or ``IN`` values of word and tag attributes, from the
document's attribute hashes and its :mod:`~claimcheck.analysis.token_table`;
any other pattern goes to a ``DependencyMatcher``.
"""

from __future__ import annotations

import itertools
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimcheck.analysis.spans import per_document
from claimcheck.analysis.token_table import token_table

#: The attributes whose words are read from a document to decide which patterns could match.
_WORD_ATTRS: tuple[tuple[str, int], ...] = (("ORTH", ORTH), ("TEXT", ORTH), ("LOWER", LOWER), ("LEMMA", LEMMA))
#: The attributes a pattern's windows may be anchored on: its words, and its tags ("the" + a superlative
#: is found near the document's few superlatives, not its every "the").
_ANCHOR_ATTRS = _WORD_ATTRS + (("TAG", TAG),)
#: The attributes a repeated pattern token's test is read from (see :func:`_repeats`).
_REPEAT_ATTRS = _ANCHOR_ATTRS + (("POS", POS),)
#: The word attributes' columns (``TEXT`` is ``ORTH``).
_WORD_COLUMNS = (ORTH, LOWER, LEMMA)
#: Attributes read from the document's token table, as spaCy's strings, not as hashes from ``Doc.to_array``.
_TABLE_ATTRS = {TAG: "tag", POS: "pos"}

#: One attribute's accepted values: hashes, or strings for :data:`_TABLE_ATTRS`.
_Values = tuple[int, frozenset[Any]]

#: Token attributes whose plain value the Matcher compares in C, as a set predicate's values are compared.
_PLAIN_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "SHAPE"})

#: Never expand a pattern into more than this many: beyond it, the set predicate is cheaper to keep.
MAX_EXPANSION = 64


def expand_first_sets(patterns: Iterable[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Rewrite patterns whose first token is ``{ATTR: {"IN": [...]}}`` into one pattern per value.

    Only a first token that must occur (no ``OP``) and whose sets are plain
    strings on attributes the Matcher compares directly is rewritten; every
    other pattern is returned unchanged.  The result matches exactly what the
    input matches.

    Args:
        patterns: Matcher token patterns.

    Returns:
        The equivalent patterns.
    """
    out: list[list[dict[str, Any]]] = []
    for pattern in patterns:
        first = pattern[0] if pattern else {}
        sets = {attr: value["IN"] for attr, value in first.items()
                if attr in _PLAIN_ATTRS and isinstance(value, dict) and list(value) == ["IN"]
                and isinstance(value["IN"], list) and all(isinstance(v, str) for v in value["IN"])}
        size = 1
        for values in sets.values():
            size *= len(set(values))
        if not sets or "OP" in first or size > MAX_EXPANSION or size == 0:
            out.append(pattern)
            continue
        attrs = list(sets)
        for combination in itertools.product(*(sorted(set(sets[a])) for a in attrs)):
            token = {**first, **dict(zip(attrs, combination))}
            out.append([token, *pattern[1:]])
    return out


class WordFilter:
    """Whether a document holds the words that some dependency pattern needs.

    Args:
        patterns: ``DependencyMatcher`` patterns.
        vocab: the vocab whose string hashes the document uses.
    """

    def __init__(self, patterns: Sequence[list[dict[str, Any]]], vocab: Vocab) -> None:
        # A node's RIGHT_ATTRS is a token pattern: its required words are read as a Matcher pattern's are.
        self.needs: list[list[tuple[int, frozenset[int]]]] = [
            _needs([node.get("RIGHT_ATTRS") or {} for node in pattern], vocab) for pattern in patterns
        ]

    def possible(self, doc: Doc) -> bool:
        """False when no pattern can match ``doc``: each lacks some node's words."""
        if not len(doc):
            return False
        if not self.needs or any(not needs for needs in self.needs):
            return True
        present = _present(doc)
        return any(all(not present[attr].isdisjoint(words) for attr, words in needs) for needs in self.needs)


def _needs(pattern: list[dict[str, Any]], vocab: Vocab) -> list[tuple[int, frozenset[int]]]:
    """(attribute id, accepted hashes) for each token of a Matcher pattern that must occur and names its words."""
    return [need for token in pattern if token.get("OP", "1") in ("1", "+")  # else the doc need not hold it
            for need in _values(token, vocab, _WORD_ATTRS)]


def _values(token: dict[str, Any], vocab: Vocab, attrs: tuple[tuple[str, int], ...]) -> list[_Values]:
    """(attribute id, accepted values) for each of ``attrs`` that a Matcher pattern token gives as a
    plain string or an ``IN`` list of strings: hashes, or the strings for :data:`_TABLE_ATTRS`."""
    out: list[_Values] = []
    for name, attr_id in attrs:
        value = token.get(name)
        if isinstance(value, str):
            values = [value]
        elif (isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list)
              and all(isinstance(v, str) for v in value["IN"])):
            values = value["IN"]
        else:
            continue
        out.append((attr_id, frozenset(values) if attr_id in _TABLE_ATTRS else frozenset(vocab.strings.add(v) for v in values)))
    return out


def _row(doc: Doc, attr: int) -> list[Any]:
    """The attribute's value for every token of ``doc``: the token table's string for
    :data:`_TABLE_ATTRS` (already read for the document), else the hash (:func:`_columns`)."""
    name = _TABLE_ATTRS.get(attr)
    return getattr(token_table(doc), name) if name is not None else _columns(doc)[attr]


def _alive(ref: weakref.ref[Doc]) -> Doc:
    """The doc of a per-document memo's value (alive while its memo entry is: the entry goes with it)."""
    doc = ref()
    assert doc is not None
    return doc


class _Columns(dict[int, list[int]]):
    """A document's values of each token attribute asked for, in token order, each column read
    (``Doc.to_array``) when a matcher first asks for it and kept for every matcher that asks again."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self._doc = weakref.ref(doc)  # not the doc: a memo's value holding it would keep it alive

    def __missing__(self, attr: int) -> list[int]:
        doc = _alive(self._doc)
        # The word columns are read together: every document is asked for them (one to_array call, not three).
        attrs = list(_WORD_COLUMNS) if attr in _WORD_COLUMNS else [attr]
        if not len(doc):
            self.update((a, []) for a in attrs)
            return self[attr]
        # The stubs type tolist() of this uint64 array as floats; it gives ints.
        self.update(zip(attrs, doc.to_array(attrs).reshape(len(doc), len(attrs)).T.tolist()))  # type: ignore[arg-type]
        return self[attr]


_columns = per_document(_Columns)


class _Present(dict[int, set[int]]):
    """The hashes of each attribute asked for that occur in a document, each set made when first asked for."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self._doc = weakref.ref(doc)  # not the doc: a memo's value holding it would keep it alive

    def __missing__(self, attr: int) -> set[int]:
        found = self[attr] = set(_columns(_alive(self._doc))[attr])
        return found


_present = per_document(_Present)


class _Runs(dict[tuple[_Values, ...], int]):
    """For a document, the longest stretch of consecutive tokens that pass a token test, per test (made
    when first asked for): a bound on how many tokens a repeated pattern token (``+``, ``*``) can match."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self._doc = weakref.ref(doc)  # not the doc: a memo's value holding it would keep it alive

    def __missing__(self, test: tuple[_Values, ...]) -> int:
        doc = _alive(self._doc)
        if len(test) == 1:
            (attr, values), = test
            passing = ["1" if value in values else "0" for value in _row(doc, attr)]
        else:
            rows = [(_row(doc, attr), values) for attr, values in test]
            passing = ["1" if all(row[k] in values for row, values in rows) else "0" for k in range(len(doc))]
        longest = self[test] = max(map(len, "".join(passing).split("0")))
        return longest


_runs = per_document(_Runs)


class PrefilteredMatcher:
    """A ``Matcher`` that only runs the patterns whose required words a document holds.

    Finds the same ``(match_id, start, end)`` matches, in the same order, as a
    ``Matcher`` with the same ``add`` calls.

    Args:
        vocab: the pipeline's vocab.
        cache_size: how many Matchers for different sets of possible patterns to keep.
    """

    def __init__(self, vocab: Vocab, cache_size: int = 256) -> None:
        self.vocab = vocab
        self.cache_size = cache_size
        self._patterns: list[tuple[str, list[dict[str, Any]], str | None]] = []
        self._needs: list[list[tuple[int, frozenset[int]]]] = []
        self._matchers: OrderedDict[tuple[int, ...], Matcher] = OrderedDict()
        #: attribute -> word hash -> the patterns whose first required word set holds it; patterns
        #: that require no word are in ``_always``.
        self._by_word: dict[int, dict[int, list[int]]] = {}
        self._always: list[int] = []
        #: Each pattern's longest match in tokens (None when unbounded).
        self._longest: list[int | None] = []
        #: For an unbounded pattern: the tokens it holds besides its repeated ones, and the test of each
        #: repeated token (of :func:`_repeats`), whose longest run in a document bounds its match there.
        self._repeats: list[tuple[int, list[tuple[_Values, ...]]]] = []
        #: The required values a pattern's windows may be anchored on (of :data:`_ANCHOR_ATTRS`).
        self._anchors: list[list[_Values]] = []
        #: Match id -> the greedy filter of its key, applied here rather than by the Matcher (see ``__call__``).
        self._greedy: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, patterns: Iterable[list[dict[str, Any]]], greedy: str | None = None) -> None:
        """Add patterns under ``key``, as ``Matcher.add`` does (a leading word set is expanded, see :func:`expand_first_sets`)."""
        if greedy not in (None, "FIRST", "LONGEST"):
            raise ValueError(Errors.E947.format(expected=["FIRST", "LONGEST"], arg=greedy))
        if greedy is None:
            self._greedy.pop(self.vocab.strings.add(key), None)
        else:
            self._greedy[self.vocab.strings.add(key)] = greedy
        for pattern in expand_first_sets(patterns):
            index = len(self._patterns)
            needs = _needs(pattern, self.vocab)
            self._patterns.append((key, pattern, greedy))
            self._needs.append(needs)
            fixed, tests = _repeats(pattern, self.vocab)
            self._longest.append(None if tests else fixed)  # a pattern with no repeated token holds at most `fixed`
            self._repeats.append((fixed, tests))
            self._anchors.append([anchor for token in pattern if token.get("OP", "1") in ("1", "+")
                                  for anchor in _values(token, self.vocab, _ANCHOR_ATTRS)])
            if not needs:
                self._always.append(index)
                continue
            attr, words = needs[0]
            for word in words:
                self._by_word.setdefault(attr, {}).setdefault(word, []).append(index)
        self._matchers.clear()

    def possible(self, doc: Doc) -> tuple[int, ...]:
        """Indices of the patterns whose required words all occur in ``doc``."""
        if not len(doc) or not self._patterns:
            return ()
        present = _present(doc)
        # Only the patterns whose first required word occurs are tested further: a set
        # intersection per attribute instead of a test per pattern.
        found = set(self._always)
        for attr, by_word in self._by_word.items():
            for word in present[attr].intersection(by_word):
                found.update(by_word[word])
        needs = self._needs
        # isdisjoint stops at the first shared word and builds no set.
        return tuple(sorted(i for i in found if all(not present[attr].isdisjoint(words) for attr, words in needs[i])))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matches in ``doc``, as ``Matcher.__call__`` returns them."""
        chosen = self.possible(doc)
        if not chosen:
            return []
        matcher = self._matchers.get(chosen)
        if matcher is None:
            # Built without greedy filters: a match found in one window must be filtered against the
            # whole document's matches, so the filter runs on the joined list (:func:`_filter_greedy`).
            matcher = Matcher(self.vocab)
            by_key: dict[str, list[list[dict[str, Any]]]] = {}
            for i in chosen:
                key, pattern, _ = self._patterns[i]
                by_key.setdefault(key, []).append(pattern)
            for key, patterns in by_key.items():
                matcher.add(key, patterns)
            self._matchers[chosen] = matcher
            if len(self._matchers) > self.cache_size:
                self._matchers.popitem(last=False)
        else:
            self._matchers.move_to_end(chosen)
        matches: list[tuple[int, int, int]] = []
        for start, end in self._windows(doc, chosen):
            if start == 0 and end == len(doc):
                matches.extend(matcher(doc))
            else:
                matches.extend((key, start + a, start + b) for key, a, b in matcher(doc[start:end]))
        return _filter_greedy(matches, self._greedy, len(doc)) if self._greedy else matches

    def _windows(self, doc: Doc, chosen: tuple[int, ...]) -> list[tuple[int, int]]:
        """The stretches of ``doc`` that hold every match of the chosen patterns, in document order.

        The Matcher makes two spaCy ``Token`` objects per token it walks, which is most of its cost
        on a document where a few patterns are possible.  Every match of a pattern holds a token with
        each of its required values (each entry of its ``_needs``) and is at most ``L`` tokens long,
        so it lies within ``L`` tokens of any such token: the Matcher need only walk those stretches,
        merged where they touch.  Each pattern is anchored on the required value that is rarest in
        this document.  ``L`` is the pattern's longest match, or for a pattern with a repeated token
        (``+``, ``*``) its other tokens plus the longest run of tokens in this document that pass the
        repeated token's test (or the whole document when that test reads what is not read here).
        Found in document order, the stretches' matches come out in the order a walk of the whole
        document finds them (no match crosses a gap between two).
        """
        n = len(doc)
        whole = [(0, n)]
        wanted: dict[int, set[Any]] = {}
        # A bounded pattern is anchored on its first required word: counting which is rarest costs
        # more than the few tokens it would spare.  A repeated token's pattern may start with "the".
        anchors = [self._needs[i][:1] if self._longest[i] is not None else self._anchors[i] for i in chosen]
        for i, candidates in zip(chosen, anchors):
            if not self._needs[i]:
                return whole
            for attr, words in candidates:
                wanted.setdefault(attr, set()).update(words)
        at: dict[int, dict[Any, list[int]]] = {}  # attribute -> value -> its positions
        for attr, values in wanted.items():
            at[attr] = _occurrences(_row(doc, attr), values)
        reach: dict[_Values, int] = {}  # anchor -> the longest match anchored on it
        runs = None
        for i, candidates in zip(chosen, anchors):
            length = self._longest[i]
            if length is None:
                fixed, tests = self._repeats[i]
                if runs is None:
                    runs = _runs(doc)
                length = fixed + sum(runs[test] if test else n for test in tests)
                if length >= n:
                    return whole
                length = max(length, 1)  # a document where the repeated token matches nothing has no match of it
            anchor = min(candidates, key=lambda need: sum(len(at[need[0]].get(w, ())) for w in need[1]))
            if reach.get(anchor, 0) < length:
                reach[anchor] = length
        spans = sorted((max(0, p - length + 1), min(n, p + length))
                       for (attr, words), length in reach.items() for w in words for p in at[attr].get(w, ()))
        windows: list[tuple[int, int]] = []
        for start, end in spans:
            if windows and start <= windows[-1][1]:
                if end > windows[-1][1]:
                    windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows


def _occurrences(column: list[Any], values: set[Any]) -> dict[Any, list[int]]:
    """Where each of ``values`` occurs in ``column``: value -> its positions, in order (values that do not occur left out)."""
    found: dict[Any, list[int]] = {}
    if len(values) <= 4:
        # list.index compares in C: a scan per value is cheaper than a Python test per token
        for value in values:
            start = 0
            try:
                while True:
                    start = column.index(value, start) + 1
                    found.setdefault(value, []).append(start - 1)
            except ValueError:
                pass
        return found
    for p in [p for p, value in enumerate(column) if value in values]:
        found.setdefault(column[p], []).append(p)
    return found


def _repeats(pattern: list[dict[str, Any]], vocab: Vocab) -> tuple[int, list[tuple[_Values, ...]]]:
    """(tokens besides the unbounded ones, the test of each unbounded token) for a Matcher pattern.

    A test keeps only the token's plain and ``IN`` values of the attributes of :data:`_REPEAT_ATTRS`:
    it passes every token the pattern token matches (and maybe more), so the longest run of tokens
    that pass it bounds the repeated token's share of a match.  An empty test passes every token.
    """
    fixed = 0
    tests: list[tuple[_Values, ...]] = []
    for token in pattern:
        op = str(token.get("OP", "1"))
        if op in ("1", "!", "?"):
            fixed += 1
        elif op.startswith("{") and op.endswith("}") and not op.endswith(",}"):
            fixed += int(op[1:-1].split(",")[-1])
        else:  # "*", "+", "{n,}"
            tests.append(tuple(_values(token, vocab, _REPEAT_ATTRS)))
    return fixed, tests


def _filter_greedy(matches: list[tuple[int, int, int]], greedy: dict[int, str], length: int) -> list[tuple[int, int, int]]:
    """``Matcher.__call__``'s greedy filter, on matches found without it: the matches of keys without a
    filter in their order, then each filtered key's kept matches (keys in order of first match)."""
    final: list[tuple[int, int, int]] = []
    pairs_by_key: dict[int, list[tuple[int, int]]] = {}
    for key, start, end in matches:
        if key in greedy:
            pairs_by_key.setdefault(key, []).append((start, end))
        else:
            final.append((key, start, end))
    for key, pairs in pairs_by_key.items():
        if greedy[key] == "FIRST":
            ordered = sorted(pairs, key=lambda x: (x[0], -x[1]), reverse=False)
        else:  # "LONGEST" (the Matcher refuses any other value when the pattern is added)
            ordered = sorted(pairs, key=lambda x: (x[1] - x[0], -x[0]), reverse=True)
        matched = bytearray(length)
        for start, end in ordered:
            if not any(matched[start:end]):
                final.append((key, start, end))
                matched[start:end] = b"\x01" * (end - start)
    return final


#: Token attributes :class:`DependencyPatterns` compares itself (a value or ``{"IN": [...]}`` of strings).
_NODE_ATTRS: dict[str, int] = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "LEMMA": LEMMA, "DEP": DEP, "POS": POS,
                               "TAG": TAG, "ENT_TYPE": ENT_TYPE}

#: A node's test: for each attribute, the hashes it accepts.
_Test = tuple[tuple[int, frozenset[int]], ...]


def _node_test(attrs: dict[str, Any], vocab: Vocab) -> _Test | None:
    """The node's attribute test, or None when it needs more than plain or ``IN`` string values."""
    test: list[tuple[int, frozenset[int]]] = []
    for name, value in attrs.items():
        attr = _NODE_ATTRS.get(name)
        if attr is None:
            return None
        if isinstance(value, str):
            test.append((attr, frozenset({vocab.strings.add(value)})))
        elif (isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list)
              and all(isinstance(v, str) for v in value["IN"])):
            test.append((attr, frozenset(vocab.strings.add(v) for v in value["IN"])))
        else:
            return None
    return tuple(test)


def _anchored(pattern: list[dict[str, Any]], vocab: Vocab) -> tuple[_Test, list[tuple[bool, _Test]]] | None:
    """(anchor test, [(descendant rather than child, node test)]) for a pattern whose every other
    node hangs directly off the anchor with ``>`` or ``>>``; None for any other pattern."""
    if not pattern or "LEFT_ID" in pattern[0] or not pattern[0].get("RIGHT_ID"):
        return None
    anchor = _node_test(pattern[0].get("RIGHT_ATTRS") or {}, vocab)
    if anchor is None:
        return None
    nodes: list[tuple[bool, _Test]] = []
    ids = {pattern[0]["RIGHT_ID"]}
    for node in pattern[1:]:
        test = _node_test(node.get("RIGHT_ATTRS") or {}, vocab)
        if (test is None or node.get("LEFT_ID") != pattern[0]["RIGHT_ID"] or node.get("REL_OP") not in (">", ">>")
                or node.get("RIGHT_ID") in ids or set(node) - {"LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"}):
            return None
        ids.add(node["RIGHT_ID"])
        nodes.append((node["REL_OP"] == ">>", test))
    return anchor, nodes


class _Positions:
    """One document's node attributes, each read (one ``Doc.to_array`` column) when a pattern first asks
    for it, and the tokens that pass each anchor's first test, found once for the patterns that share it."""

    def __init__(self, doc: Doc) -> None:
        self.rows = _columns(doc)  # shared with the token matchers' reads of the same attributes
        self.passing: dict[tuple[int, frozenset[int]], list[int]] = {}

    def row(self, attr: int) -> list[int]:
        """The attribute's hash for every token."""
        return self.rows[attr]

    def having(self, attr: int, hashes: frozenset[int]) -> list[int]:
        """The tokens whose attribute has one of ``hashes``, in document order.

        One pass with a set test per token: indexing every value of the attribute (a list per
        distinct word) cost several such passes, for the few anchor tests a document is asked.
        """
        key = (attr, hashes)
        found = self.passing.get(key)
        if found is None:
            found = self.passing[key] = [i for i, value in enumerate(self.row(attr)) if value in hashes]
        return found


_positions = per_document(_Positions)


class DependencyPatterns:
    """``DependencyMatcher`` patterns, the common ones matched without it.

    ``add`` takes what ``DependencyMatcher.add`` takes (and validates it the same
    way); calling it on a doc gives the same ``(match_id, token_ids)`` matches
    as a ``DependencyMatcher`` with the same ``add`` calls, not necessarily in
    the same order.  A pattern whose other nodes are all children (``>``) or
    descendants (``>>``) of its first node, each tested by plain or ``IN``
    string values of ORTH/TEXT, LOWER, LEMMA, DEP, POS, TAG or ENT_TYPE, is
    matched from the document's attribute hashes and token table; any other
    pattern runs in a ``DependencyMatcher``.

    Args:
        vocab: the pipeline's vocab.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._anchored: list[tuple[int, _Test, list[tuple[bool, _Test]]]] = []
        self._other = DependencyMatcher(vocab)
        self._keys: set[str] = set()

    def __len__(self) -> int:
        """The number of keys, as ``len(DependencyMatcher)``."""
        return len(self._keys)

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under ``key``, as ``DependencyMatcher.add`` does."""
        DependencyMatcher(self.vocab, validate=True).add(key, patterns)  # the same errors for a bad pattern
        key_id = self.vocab.strings.add(key)
        self._keys.add(key)
        other = []
        for pattern in patterns:
            found = _anchored(pattern, self.vocab)
            if found is None:
                other.append(pattern)
            else:
                self._anchored.append((key_id, *found))
        if other:
            self._other.add(key, other)

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        """The matches in ``doc``: (match id, token indices in the order of the pattern's nodes)."""
        out: list[tuple[int, list[int]]] = []
        if self._anchored and len(doc):
            positions = _positions(doc)
            table = token_table(doc)
            row = positions.row
            for key_id, anchor, nodes in self._anchored:
                for a in _candidates(anchor, positions, table.n):
                    choices = []
                    for descendant, test in nodes:
                        reach = table.subtree(a) if descendant else table.children[a]
                        choices.append([c for c in reach if c != a and all(row(attr)[c] in hashes for attr, hashes in test)])
                        if not choices[-1]:
                            break
                    else:
                        out.extend((key_id, [a, *combination]) for combination in itertools.product(*choices))
        if len(self._other):
            out.extend((key_id, list(ids)) for key_id, ids in self._other(doc))
        return out


def _candidates(test: _Test, positions: _Positions, n: int) -> list[int]:
    """The tokens that pass an anchor's test, in document order."""
    if not test:
        return list(range(n))
    (attr, hashes), rest = test[0], test[1:]
    found = positions.having(attr, hashes)
    return [i for i in found if all(positions.row(a)[i] in hs for a, hs in rest)]


class LazyPhraseMatcher:
    """A ``PhraseMatcher`` whose patterns are built when a document first holds their first word.

    Building a phrase pattern means making a ``Doc`` of it (new lexemes in
    the vocab, a tokenizer call): for the ~300 phrases of the built-in rule
    packs that was a tenth of what ``claimcheck check`` adds to a cold start
    (issue 11), although one article holds the first word of few of them.  A
    phrase can only match where a token has its first token's value, so a
    pattern that is still pending cannot match any document seen so far:
    the matches are the same as a ``PhraseMatcher`` given every pattern up
    front.

    Args:
        vocab: the pipeline's vocab.
        attr: ``"LOWER"`` or ``"LEMMA"``, as for ``PhraseMatcher``.
    """

    def __init__(self, vocab: Vocab, attr: str) -> None:
        from spacy.matcher import PhraseMatcher

        if attr not in ("LOWER", "LEMMA"):
            raise ValueError(f"LazyPhraseMatcher reads LOWER or LEMMA, not {attr}")
        self.vocab = vocab
        self.attr = LOWER if attr == "LOWER" else LEMMA
        self.matcher = PhraseMatcher(vocab, attr=attr)
        #: first token's value (hash) -> (key, a function that makes the pattern doc)
        self._pending: dict[int, list[tuple[str, Callable[[], Doc]]]] = {}
        self._patterns = 0

    def __len__(self) -> int:
        """How many patterns were added (built or pending)."""
        return self._patterns

    def add(self, key: str, docs: Iterable[Doc]) -> None:
        """Add patterns that are built already, as ``PhraseMatcher.add`` does."""
        built = list(docs)
        if built:
            self.matcher.add(key, built)
            self._patterns += len(built)

    def add_later(self, key: str, first: str, make: Callable[[], Doc]) -> None:
        """Add a pattern built by ``make()`` once a document has a token whose value is ``first``.

        Args:
            key: the match key.
            first: the value (the lowercase form, or the lemma) of the pattern's first token.
            make: builds the pattern's ``Doc``; its first token must have the value ``first``.
        """
        self._pending.setdefault(self.vocab.strings.add(first), []).append((key, make))
        self._patterns += 1

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matches in ``doc``, as ``PhraseMatcher.__call__`` returns them."""
        if self._pending and len(doc):
            for value in _present(doc)[self.attr].intersection(self._pending):
                for key, make in self._pending.pop(value):
                    self.matcher.add(key, [make()])
        if not len(self.matcher):
            return []
        return list(self.matcher(doc))
