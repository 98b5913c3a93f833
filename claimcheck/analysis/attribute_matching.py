"""The attribute ruler's matches found by dictionary look-ups instead of spaCy's ``Matcher``.

``en_core_web_sm``'s ``attribute_ruler`` turns fine-grained tags into parts of
speech and morphology and fixes a few lemmas ("gonna", "y'all") with 179
patterns that a spaCy ``Matcher`` runs over every token.  The Matcher tries
each pattern at each token and makes spaCy objects as it goes: about 18 us a
token, a sixth of the whole pipeline's CPU on the throughput corpus, as much
as the parser.  Every one of these patterns is one or two tokens, each a
conjunction of tests of ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE`` for
equality, ``IN``, ``NOT_IN`` or ``REGEX``: the tokens where a pattern can
start are found by a dictionary look-up of the token's value of its most
selective attribute, and only those are tested.

:class:`LookupAttributeRuler` is spaCy's ``AttributeRuler`` with that
``match``: the same matches, sorted as spaCy sorts them, so the same
attributes are set in the same order (``set_annotations`` is spaCy's).  A
ruler with any pattern of another shape (an operator, another attribute or
predicate) keeps spaCy's Matcher, and so does a document without tags or a
parse.  :func:`use_lookup_matching` gives a loaded pipeline's ruler this
class; :func:`shipped_matching` puts spaCy's back for a while, for measuring
spaCy as it ships (bench/throughput.py's bare side).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: The attributes a pattern may test, and their column in the token rows :meth:`LookupAttributeRuler.match` reads.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
#: One token's test: (column, predicate of the column's value).
_Check = tuple[int, Callable[[Any], bool]]
#: One pattern: its attribute id (the ruler's index of its attributes), the Matcher key, and per token its tests.
_Pattern = tuple[int, int, tuple[tuple[_Check, ...], ...]]
#: One token's tag, lower case, dependency label and whether it is a space (the columns of :data:`_COLUMNS`).
_Row = tuple[str, str, str, bool]
#: What can start at a row (:meth:`_Index.starts`): one-token patterns' (attribute id, key), longer patterns' rest.
_Starts = tuple[tuple[tuple[int, int], ...], tuple[_Pattern, ...]]
#: The strings of the hashes seen so far (a hash names the same string in every vocab); cleared past this many.
_NAMES: dict[int, str] = {}
_MAX_NAMES = 500_000
#: Distinct rows whose starts are kept (a few hundred bytes each); started again past this many.
_MAX_ROWS = 100_000


def _predicate(value: Any) -> Callable[[Any], bool] | None:
    """The test a Matcher token attribute's value makes, or ``None`` for one not handled here."""
    if isinstance(value, bool):
        return value.__eq__
    if isinstance(value, str):
        return value.__eq__
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            return frozenset(arg).__contains__
        if op == "NOT_IN" and isinstance(arg, list):
            excluded = frozenset(arg)
            return lambda x: x not in excluded
        if op == "REGEX" and isinstance(arg, str):
            search = re.compile(arg).search  # spaCy's REGEX predicate searches the attribute's string
            return lambda x: search(x) is not None
    return None


def _index_values(token: dict[str, Any]) -> tuple[int, tuple[Any, ...]] | None:
    """The column a pattern's first token is looked up by and the values that can start it (most selective first)."""
    for attr in ("LOWER", "TAG", "DEP", "IS_SPACE"):
        value = token.get(attr)
        if isinstance(value, (str, bool)):
            return _COLUMNS[attr], (value,)
        if isinstance(value, dict) and list(value) == ["IN"]:
            return _COLUMNS[attr], tuple(value["IN"])
    return None


class _Index:
    """A ruler's patterns, by the value of one attribute their first token must have."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.size = len(ruler.attrs)
        self.ok = True
        self.by: tuple[dict[Any, list[_Pattern]], ...] = ({}, {}, {}, {})
        self.anywhere: list[_Pattern] = []  # patterns whose first token has no value to look up
        strings = ruler.vocab.strings
        for attr_id, entry in enumerate(ruler.patterns):
            key = strings[str(attr_id)]  # AttributeRuler.add names each pattern set by its attributes' index
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                tokens: list[tuple[_Check, ...]] = []
                for token in pattern:
                    checks = [(_COLUMNS.get(attr, -1), _predicate(value)) for attr, value in token.items()]
                    if not token or any(column < 0 or test is None for column, test in checks):
                        self.ok = False  # an operator, another attribute or predicate: spaCy's Matcher answers
                        return
                    tokens.append(tuple((column, test) for column, test in checks if test is not None))
                found = _index_values(pattern[0])
                if found is None:
                    self.anywhere.append((attr_id, key, tuple(tokens)))
                    continue
                column, values = found
                # The look-up makes the first token's test of that column: it is not made again (a pattern
                # of one tag, most of them, then needs no test at all).
                first = tuple(check for check in tokens[0] if check[0] != column)
                compiled: _Pattern = (attr_id, key, (first, *tokens[1:]))
                for value in values:
                    self.by[column].setdefault(value, []).append(compiled)
        self._starts: dict[_Row, _Starts] = {}

    def starts(self, row: _Row) -> _Starts:
        """What can start at a token with these values: the keys of the one-token patterns it matches,
        and the longer patterns whose first token it matches, with the tests of their other tokens.

        Every test reads only the token's own four values, so a row's answer is the same wherever it
        occurs and is found once per distinct row (a document repeats most of its rows).
        """
        found = self._starts.get(row)
        if found is not None:
            return found
        whole: list[tuple[int, int]] = []
        longer: list[_Pattern] = []
        looked_up = [pattern for column in range(len(_COLUMNS)) for pattern in self.by[column].get(row[column], ())]
        for attr_id, key, tokens in looked_up + self.anywhere:
            if not all(test(row[c]) for c, test in tokens[0]):
                continue
            if len(tokens) > 1:
                longer.append((attr_id, key, tokens[1:]))
            else:
                whole.append((attr_id, key))
        if len(self._starts) > _MAX_ROWS:
            self._starts.clear()
        found = self._starts[row] = (tuple(whole), tuple(longer))
        return found


#: Each ruler's index, built on its first document (kept out of the ruler, which stays picklable).
_INDICES: weakref.WeakKeyDictionary[AttributeRuler, _Index] = weakref.WeakKeyDictionary()


def _rows(doc: Doc) -> list[_Row]:
    """Per token: its tag, lower case, dependency label (spaCy's strings) and whether it is a space."""
    columns = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).T.tolist()
    try:
        tags, lowers, deps = (list(map(_NAMES.__getitem__, column)) for column in columns[:3])
    except KeyError:
        if len(_NAMES) > _MAX_NAMES:
            _NAMES.clear()
        strings = doc.vocab.strings
        for column in columns[:3]:
            for key in set(column).difference(_NAMES):
                _NAMES[key] = strings[key]
        tags, lowers, deps = (list(map(_NAMES.__getitem__, column)) for column in columns[:3])
    return list(zip(tags, lowers, deps, map(bool, columns[3])))


class LookupAttributeRuler(AttributeRuler):
    """spaCy's ``AttributeRuler``, whose matches are found by look-ups (see the module's docstring)."""

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``AttributeRuler.match``: ``(attribute id, key, start, end)`` of every match, sorted."""
        index = _INDICES.get(self)
        if index is None or index.size != len(self.attrs):  # built again if patterns were added
            index = _INDICES[self] = _Index(self)
        if not index.ok or not doc.has_annotation("TAG") or not doc.has_annotation("DEP"):
            return super().match(doc)  # type: ignore[no-any-return]
        n = len(doc)
        if not n:
            return []
        rows = _rows(doc)
        starts = index.starts
        out: list[tuple[int, int, int, int]] = []
        for i, row in enumerate(rows):
            whole, longer = starts(row)
            for attr_id, key in whole:
                out.append((attr_id, key, i, i + 1))
            for attr_id, key, rest in longer:
                end = i + 1 + len(rest)
                if end <= n and all(all(test(rows[i + 1 + k][c]) for c, test in checks) for k, checks in enumerate(rest)):
                    out.append((attr_id, key, i, end))
        out.sort()  # as spaCy's match sorts: later attribute ids are set last and win
        return out

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """``AttributeRuler.set_annotations``, with the token found by its index rather than through a ``Span``."""
        attrs, indices = self.attrs, self.indices
        for attr_id, key, start, end in matches:
            index = indices[attr_id]
            at = start + index if index >= 0 else end + index  # ``doc[start:end][index]``
            if not start <= at < end:
                super().set_annotations(doc, [(attr_id, key, start, end)])  # raises spaCy's error (E1001)
            set_token_attrs(doc[at], attrs[attr_id])


def use_lookup_matching(nlp: Language) -> None:
    """Give the pipeline's spaCy ``AttributeRuler`` (if it has one) :class:`LookupAttributeRuler`'s ``match``."""
    for _, pipe in nlp.pipeline:
        if type(pipe) is AttributeRuler:
            pipe.__class__ = LookupAttributeRuler


@contextmanager
def shipped_matching(nlp: Language) -> Iterator[None]:
    """Run the pipeline's attribute rulers with spaCy's own Matcher inside the block (to measure spaCy as shipped)."""
    swapped = [pipe for _, pipe in nlp.pipeline if type(pipe) is LookupAttributeRuler]
    for pipe in swapped:
        pipe.__class__ = AttributeRuler  # type: ignore[assignment]
    try:
        yield
    finally:
        for pipe in swapped:
            pipe.__class__ = LookupAttributeRuler
