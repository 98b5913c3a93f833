"""Run loaded rule packs over a parsed document: matches -> findings and claim effects.

A :class:`RuleSet` compiles every enabled rule once -- one ``PhraseMatcher`` on
``LOWER`` and one on ``LEMMA`` for all phrase rules, one ``Matcher`` for all
token rules, one set of ``DependencyMatcher`` patterns, pre-compiled regexes -- so that each
document costs one pass per matcher, whatever the number of rules.

The engine calls :meth:`RuleSet.prepare` once with its spaCy pipeline (the
lemma variant of phrases needs the pipeline's lemmatizer), then
:meth:`RuleSet.apply` once per document after the claims exist.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from claimcheck.report import Claim, Finding
from claimcheck.rules.lemma_cache import lemmatised_doc
from claimcheck.rules.lemma_cache import phrase_lemmas as _phrase_lemmas
from claimcheck.rules.loader import LoadedPack
from claimcheck.rules.policy import RulePolicy
from claimcheck.rules.safe_regex import compile_regex
from claimcheck.rules.schema import ClaimCondition, Rule

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from claimcheck.context import RunContext

#: Called as ``observer(rule_id, effect)`` whenever a rule has an effect:
#: ``finding``, ``set_type``, ``score`` or ``note`` (used by ``rules test``).
Observer = Callable[[str, str], None]


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run: its full id, effective severity and compiled parts."""

    id: str
    pack: str
    rule: Rule
    severity: str
    regexes: tuple[Any, ...]  # RE2 patterns (rules.safe_regex)
    labels: frozenset[str] | None

    @property
    def kind(self) -> str:
        """The rule's match kind (``phrases``, ``tokens`` ... ``entity``, ``claim``)."""
        return self.rule.match.kind


@dataclass
class Hit:
    """One place where a rule matched (after its conditions held)."""

    rule: CompiledRule
    span: Span
    claim: Claim | None
    label: str = ""
    sentence: Span | None = None


def claim_meets(claim: Claim, condition: ClaimCondition | None) -> bool:
    """Whether a claim satisfies a rule's ``claim`` condition."""
    if condition is None:
        return True
    if condition.type is not None and claim.type not in condition.type:
        return False
    if condition.min_score is not None and claim.score < condition.min_score:
        return False
    if condition.max_score is not None and claim.score > condition.max_score:
        return False
    if condition.attribution is not None:
        kind = claim.attribution.kind if claim.attribution is not None else "article"
        if kind not in condition.attribution:
            return False
    if condition.hedged is not None and bool(claim.hedges) != condition.hedged:
        return False
    return True


class _Matchers:
    """The spaCy matchers of a rule set, bound to one vocab."""

    def __init__(self, rules: Sequence[CompiledRule], nlp: Language | None, vocab: Vocab) -> None:
        from claimcheck.analysis.matching import DependencyPatterns, LazyPhraseMatcher, PrefilteredMatcher, WordFilter

        self.vocab = vocab
        self.by_key: dict[int, CompiledRule] = {}
        # Phrase patterns are built when a document first holds their first word (a cold
        # start checks one article, which holds the first words of few of them).
        self.lower = LazyPhraseMatcher(vocab, "LOWER")
        self.lemma = LazyPhraseMatcher(vocab, "LEMMA")
        self.tokens = PrefilteredMatcher(vocab)  # only the patterns whose words a doc holds run
        self.dependency = DependencyPatterns(vocab)  # the common patterns without spaCy's DependencyMatcher
        dependency_patterns: list[list[dict[str, Any]]] = []
        phrase_rules = [r for r in rules if r.rule.match.phrases]
        phrases = {p for r in phrase_rules for p in r.rule.match.phrases or ()}
        # Each phrase's tokens and lemmas (from the user cache): its first token says when it is needed.
        lemmatised = _phrase_lemmas(nlp, phrases) if nlp is not None else {}
        tokenizer: Callable[[str], Doc] | None = nlp.make_doc if nlp is not None else None
        for compiled in rules:
            key = vocab.strings.add(compiled.id)
            self.by_key[key] = compiled
            match = compiled.rule.match
            if match.phrases:
                if tokenizer is None:
                    tokenizer = _blank_tokenizer(vocab)
                make: Callable[[str], Doc] = tokenizer
                eager = []
                for phrase in match.phrases:
                    entry = lemmatised.get(phrase)
                    if entry is None:
                        eager.append(make(phrase))
                        continue
                    words, spaces, lemmas = entry
                    self.lower.add_later(compiled.id, words[0].lower(), functools.partial(make, phrase))
                    self.lemma.add_later(compiled.id, lemmas[0], functools.partial(lemmatised_doc, vocab, words, spaces, lemmas))
                self.lower.add(compiled.id, eager)
            elif match.tokens:
                self.tokens.add(compiled.id, match.tokens, greedy="LONGEST")
            elif match.dependency:
                self.dependency.add(compiled.id, match.dependency)
                dependency_patterns.extend(match.dependency)
        # The words some token must have for a dependency pattern to match at
        # all: most documents have none, and the DependencyMatcher is the
        # slowest matcher, so it only runs when a pattern could match.
        self.dependency_words = WordFilter(dependency_patterns, vocab)
        self.has_lower = any(r.rule.match.phrases for r in rules)
        self.has_lemma = len(self.lemma) > 0
        self.has_tokens = len(self.tokens) > 0
        self.has_dependency = len(self.dependency) > 0


def _blank_tokenizer(vocab: Vocab) -> Callable[[str], Doc]:
    import spacy

    nlp = spacy.blank("en", vocab=vocab)
    return nlp.make_doc


class RuleSet:
    """The enabled rules of some packs, compiled once, applied per document.

    Args:
        packs: the loaded packs, in order (later packs' ``set_type`` wins).
        policy: enable/disable and severity overrides from the configuration.
    """

    def __init__(self, packs: Sequence[LoadedPack] = (), policy: RulePolicy | None = None) -> None:
        self.packs: list[LoadedPack] = list(packs)
        self.policy = policy or RulePolicy()
        self.all_rules: list[CompiledRule] = []
        for pack in self.packs:
            for rule in pack.model.rules:
                rule_id = f"{pack.name}.{rule.id}"
                match = rule.match
                self.all_rules.append(
                    CompiledRule(
                        id=rule_id,
                        pack=pack.name,
                        rule=rule,
                        severity=self.policy.severity_for(rule_id, rule.severity),
                        regexes=tuple(compile_regex(p) for p in match.regex or ()),
                        labels=frozenset(match.entity) if match.entity is not None else None,
                    )
                )
        self.rules: list[CompiledRule] = [r for r in self.all_rules if self.policy.enabled(r.id)]
        self.observer: Observer | None = None
        self._matchers: _Matchers | None = None
        self._regex_rules = [r for r in self.rules if r.regexes]
        self._entity_rules = [r for r in self.rules if r.kind == "entity"]
        self._claim_rules = [r for r in self.rules if r.kind == "claim"]

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> CompiledRule | None:
        """A rule by its full id (enabled or not)."""
        return next((r for r in self.all_rules if r.id == rule_id), None)

    def prepare(self, nlp: Language) -> None:
        """Build the matchers for ``nlp``'s vocab (once; later calls are free)."""
        if self._matchers is None or self._matchers.vocab is not nlp.vocab:
            self._matchers = _Matchers(self.rules, nlp, nlp.vocab)

    def _matchers_for(self, doc: Doc) -> _Matchers:
        if self._matchers is None or self._matchers.vocab is not doc.vocab:
            # Without the pipeline phrases match on LOWER only (no lemma variant);
            # the engine calls prepare(nlp) so this is only a fallback.
            self._matchers = _Matchers(self.rules, None, doc.vocab)
        return self._matchers

    def match(self, doc: Doc, claims: Sequence[Claim], context: RunContext) -> list[Hit]:
        """Every place an enabled rule matches, with the claim it concerns."""
        if not self.rules:
            return []
        from spacy.util import filter_spans

        matchers = self._matchers_for(doc)
        found: dict[str, list[Span]] = defaultdict(list)
        if matchers.has_lower:
            for key, start, end in matchers.lower(doc):
                found[matchers.by_key[key].id].append(doc[start:end])
        if matchers.has_lemma:
            for key, start, end in matchers.lemma(doc):
                found[matchers.by_key[key].id].append(doc[start:end])
        if matchers.has_tokens:
            for key, start, end in matchers.tokens(doc):
                found[matchers.by_key[key].id].append(doc[start:end])
        if matchers.has_dependency and doc.has_annotation("DEP") and matchers.dependency_words.possible(doc):
            for key, token_ids in matchers.dependency(doc):
                found[matchers.by_key[key].id].append(doc[min(token_ids) : max(token_ids) + 1])
        from claimcheck.analysis.spans import doc_text

        text = doc_text(doc)  # built anew on every access: read once per document
        for compiled in self._regex_rules:
            for pattern in compiled.regexes:
                for m in pattern.finditer(text):
                    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                    if span is not None and len(span):
                        found[compiled.id].append(span)

        sentences = _Sentences(doc)
        index = _ClaimIndex(claims, context, sentences)
        hits: list[Hit] = []
        for compiled in self.rules:
            spans = found.get(compiled.id)
            if not spans:
                continue
            for span in filter_spans(spans):
                if compiled.labels is not None and not any(e.label_ in compiled.labels for e in sentences.of(span).ents):
                    continue
                claim = index.claim_for(span, compiled.rule.match.claim)
                if claim is None and compiled.rule.match.claim is not None:
                    continue
                hits.append(Hit(compiled, span, claim, sentence=sentences.of(span)))
        for compiled in self._entity_rules:
            for ent in doc.ents:
                if ent.label_ in (compiled.labels or ()):
                    claim = index.claim_for(ent, compiled.rule.match.claim)
                    if claim is None and compiled.rule.match.claim is not None:
                        continue
                    hits.append(Hit(compiled, ent, claim, ent.label_, sentences.of(ent)))
        for compiled in self._claim_rules:
            for claim, span in index.items:
                if claim_meets(claim, compiled.rule.match.claim):
                    hits.append(Hit(compiled, span, claim, sentence=sentences.of(span)))
        hits.sort(key=lambda h: (h.span.start_char, h.span.end_char, h.rule.id))
        return hits

    def apply(self, doc: Doc, claims: Sequence[Claim], context: RunContext) -> list[Finding]:
        """Run the rules over one document.

        Applies the effects (``set_type``, ``score``, ``note``) to the claims in
        place -- once per rule and claim however often it matches -- and returns
        the findings, with offsets into the original input and the id of the
        claim each falls in.  Conditions are evaluated against the claims as
        they were before any rule ran, so the packs' order does not change
        which rules fire.
        """
        hits = self.match(doc, claims, context)
        findings: list[Finding] = []
        done: set[tuple[str, str]] = set()
        for hit in hits:
            rule = hit.rule.rule
            if hit.claim is not None and (hit.rule.id, hit.claim.id) not in done:
                done.add((hit.rule.id, hit.claim.id))
                self._effects(hit.rule, hit.claim)
            if rule.finding:
                findings.append(self._finding(hit, context))
                self._notify(hit.rule.id, "finding")
        return findings

    def _effects(self, compiled: CompiledRule, claim: Claim) -> None:
        rule = compiled.rule
        if rule.set_type is not None:
            claim.type = rule.set_type
            self._notify(compiled.id, "set_type")
        if rule.score is not None:
            claim.score += rule.score  # Claim clamps the score and derives its band
            claim.reasons.append(f"{compiled.id} ({rule.score:+.2f})")
            self._notify(compiled.id, "score")
        if rule.note is not None:
            if rule.note.strip() not in claim.notes:
                claim.notes.append(rule.note.strip())
            self._notify(compiled.id, "note")

    def _finding(self, hit: Hit, context: RunContext) -> Finding:
        start, end = context.to_original(hit.span.start_char, hit.span.end_char)
        text = context.original_text(start, end)
        sentence = hit.sentence if hit.sentence is not None else hit.span.doc[:]
        s_start, s_end = context.to_original(sentence.start_char, sentence.end_char)
        claim = hit.claim
        values = {
            "match": text,
            "claim": claim.text if claim else "",
            "sentence": context.original_text(s_start, s_end).strip(),
            "type": claim.type if claim else "",
            "speaker": (claim.attribution.speaker or "") if claim and claim.attribution else "",
            "label": hit.label,
            "rule": hit.rule.id,
        }
        return Finding(
            rule=hit.rule.id,
            severity=hit.rule.severity,
            message=hit.rule.rule.message.format_map(values),
            text=text,
            start=start,
            end=end,
            claim=claim.id if claim else None,
            link=hit.rule.rule.link,
        )

    def _notify(self, rule_id: str, effect: str) -> None:
        if self.observer is not None:
            self.observer(rule_id, effect)

    def filter_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """Apply the configuration's disable list and severity overrides to other findings (the core's)."""
        return self.policy.filter_findings(findings)


class _Sentences:
    """The sentences of one doc, computed once (``Token.sent`` rescans the doc on every call)."""

    def __init__(self, doc: Doc) -> None:
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            from claimcheck.analysis.spans import sentences

            self.spans: list[Span] = sentences(doc)
        else:
            self.spans = [doc[:]]
        self.starts = [sentence.start for sentence in self.spans]

    def of(self, span: Span) -> Span:
        """The sentence holding the span's first token."""
        return self.spans[max(0, bisect_right(self.starts, span.start) - 1)]


class _ClaimIndex:
    """Finds the claim a match concerns: one containing it, else overlapping it, else in its sentence."""

    def __init__(self, claims: Sequence[Claim], context: RunContext, sentences: _Sentences) -> None:
        self.items: list[tuple[Claim, Span]] = [(c, context.spans[c.id]) for c in claims if c.id in context.spans]
        self.sentences = sentences

    def candidates(self, span: Span) -> list[Claim]:
        containing: list[tuple[int, Claim]] = []
        overlapping: list[tuple[int, Claim]] = []
        same_sentence: list[Claim] = []
        sentence = self.sentences.of(span)
        for claim, cspan in self.items:
            if cspan.start <= span.start and span.end <= cspan.end:
                containing.append((len(cspan), claim))
            elif cspan.start < span.end and span.start < cspan.end:
                overlapping.append((-(min(cspan.end, span.end) - max(cspan.start, span.start)), claim))
            elif sentence.start <= cspan.start < sentence.end:
                same_sentence.append(claim)
        containing.sort(key=lambda item: item[0])
        overlapping.sort(key=lambda item: item[0])
        return [c for _, c in containing] + [c for _, c in overlapping] + same_sentence

    def claim_for(self, span: Span, condition: ClaimCondition | None) -> Claim | None:
        """The first candidate claim that meets ``condition``."""
        for claim in self.candidates(span):
            if claim_meets(claim, condition):
                return claim
        return None


def compile_rules(packs: Iterable[LoadedPack], config: ConfigLike | None = None) -> RuleSet:
    """A :class:`RuleSet` over already-loaded packs, with the configuration's policy."""
    return RuleSet(list(packs), RulePolicy.from_config(config))
