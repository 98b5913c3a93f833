"""The lemmas of rule-pack phrases, computed once per pipeline and kept in the user's cache.

A phrase rule also matches inflected forms ("raise taxes" finds "raised
taxes") through a ``PhraseMatcher`` on ``LEMMA``, whose patterns are the
phrases as the pipeline lemmatises them.  Lemmatising means tagging: running
the built-in packs' ~300 phrases through the pipeline took about 0.1 s of
every cold ``claimcheck check`` (issue 11).  The result depends only on the
phrases and the pipeline, so it is stored as JSON in the user cache folder
(``platformdirs.user_cache_dir("claimcheck")``, or ``$CLAIMCHECK_CACHE_DIR``)
under a key made of the phrases, the pipeline's name and version and spaCy's
version; later runs rebuild the pattern docs from it without the pipeline.
A cache that cannot be read or written is ignored: the phrases are then
lemmatised as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

CACHE_ENV = "CLAIMCHECK_CACHE_DIR"
#: Bump when the stored layout changes.
FORMAT = 1


def cache_dir() -> Path:
    """Where claimcheck keeps what it can recompute (``$CLAIMCHECK_CACHE_DIR`` or the platform's user cache)."""
    folder = os.environ.get(CACHE_ENV)
    if folder:
        return Path(folder)
    import platformdirs

    return Path(platformdirs.user_cache_dir("claimcheck", appauthor=False))


def _key(nlp: Language, phrases: list[str]) -> str:
    import spacy

    meta = nlp.meta
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, spacy.__version__, meta.get("lang"), meta.get("name"), meta.get("version"),
                              nlp.pipe_names, phrases]).encode("utf-8"))
    return digest.hexdigest()[:24]


def lemma_docs(nlp: Language, phrases: Iterable[str]) -> dict[str, Doc]:
    """Each phrase as a ``Doc`` with the pipeline's tokens and lemmas (parser and NER are not needed).

    Args:
        nlp: the pipeline whose lemmatiser the ``LEMMA`` matcher must agree with.
        phrases: the phrases.

    Returns:
        The docs of the phrases that got lemmas, by phrase.
    """
    return {p: lemmatised_doc(nlp.vocab, *entry) for p, entry in phrase_lemmas(nlp, phrases).items()}


#: A phrase as the pipeline tokenizes and lemmatises it: its words, whether each is followed by a space, their lemmas.
Lemmatised = tuple[list[str], list[bool], list[str]]


def phrase_lemmas(nlp: Language, phrases: Iterable[str]) -> dict[str, Lemmatised]:
    """Each phrase's words, spaces and lemmas, from the cache or (the first time) from the pipeline.

    The words are the pipeline's tokenizer's: ``nlp.make_doc(phrase)`` has the
    same tokens.  :func:`lemma_docs` makes ``Doc`` objects of them; a caller
    that needs only some of the phrases can make only those (see
    :class:`claimcheck.analysis.matching.LazyPhraseMatcher`).

    Args:
        nlp: the pipeline whose lemmatiser the ``LEMMA`` matcher must agree with.
        phrases: the phrases.

    Returns:
        The phrases that got lemmas, by phrase.
    """
    ordered = sorted(set(phrases))
    if not ordered or "lemmatizer" not in nlp.pipe_names:
        return {}
    path = cache_dir() / f"phrase-lemmas-{_key(nlp, ordered)}.json"
    stored = _read(path)
    if stored is not None:
        entries = {p: stored[p] for p in ordered if p in stored}
        if all(_valid(entry) for entry in entries.values()):
            return {p: (list(e[0]), list(e[1]), list(e[2])) for p, e in entries.items()}
        # a damaged entry: recompute below
    skip = [name for name in nlp.pipe_names if name in ("parser", "ner")]
    with nlp.select_pipes(disable=skip):
        docs = {p: d for p, d in zip(ordered, nlp.pipe(ordered)) if d.has_annotation("LEMMA")}
    computed = {p: ([t.text for t in d], [bool(t.whitespace_) for t in d], [t.lemma_ for t in d]) for p, d in docs.items()}
    _write(path, {p: list(entry) for p, entry in computed.items()})
    return computed


def _valid(entry: Any) -> bool:
    """Whether a stored entry is three lists of the same length: words, spaces (bools), lemmas (strings)."""
    if not (isinstance(entry, list) and len(entry) == 3 and all(isinstance(part, list) for part in entry)):
        return False
    words, spaces, lemmas = entry
    return (len(words) == len(spaces) == len(lemmas) > 0 and all(isinstance(w, str) for w in words)
            and all(isinstance(s, bool) for s in spaces) and all(isinstance(lemma, str) for lemma in lemmas))


def lemmatised_doc(vocab: Vocab, words: list[str], spaces: list[bool], lemmas: list[str]) -> Doc:
    """A phrase's ``Doc`` from its :data:`Lemmatised` entry: the pipeline's tokens with their lemmas."""
    from spacy.tokens import Doc

    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, data: dict[str, Any]) -> None:
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a concurrent run never reads half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
            temporary = handle.name
            json.dump(data, handle)
        os.replace(temporary, path)
    except OSError:
        # A read-only or full cache folder only costs the next run the same 0.1 s.
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
