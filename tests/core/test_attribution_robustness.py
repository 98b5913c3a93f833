"""Attribution never crashes on quote-mark soup, and its cost grows linearly with the document."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.analysis.attribution import (
    QuoteInfo,
    SpeakerResolver,
    attribute,
    attribute_quotes,
)
from claimcheck.analysis.claims import find_candidates
from claimcheck.text.normalise import normalise

_QUOTES = ['"', "'", "\u201c", "\u201d", "\u201e", "\u201f", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u2039", "\u203a", "`", "''", '""']
_FRAMES = ["", "He said ", "she told reporters ", "said Mr Monday, ", "according to police, ", "The minister said: "]
_WORDS = ["they", "said", "Putin", "the", "minister", "it's", "don't", "O'Neill", "rates", "rose", "5%", "in", "2024",
          "was", "claimed", "that", "Mr", "Monday", "police"]
_PUNCT = ["", ".", ",", ":", ";", "!", "?", "\u2014", "-", "(", ")", "\n", "\n\n"]
_SPACE = ["", " ", " ", "  ", "\n"]
def _assert_offsets(text: str, report) -> None:
    for claim in report.claims:
        assert 0 <= claim.sentence_start <= claim.start < claim.end <= claim.sentence_end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        a = claim.attribution
        if a is not None and a.start is not None:
            assert 0 <= a.start <= a.end <= len(text)
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        # issue 12 A1: an opening curly quote, then a straight pair around a space.
        'He said \u201cthey said " ".\n',
        # issue 11: from the CT24 training debates (CheckThat! 2024, research use), document 97 of
        # 500 ten-sentence batches: a quotation closes where a whitespace-only span begins.
        ("\"I think the record should show, Mr. Newman, that uh - the Bureau of Census - we checked it just "
        "yesterday - indicates that expenditures by the government went up over 50 percent.\" I'm not talking "
        "about leaving. \"In our particular church, we did not use that term, \"\"born again,'' so I don't know "
        "whether I would fit that -- that particular term.\" I would disagree with it."),
    ],
)
def test_attribution_quote_mark_mixes_give_a_report(engine, text: str) -> None:
    _assert_offsets(text, engine.check(text, all=True))


# A "clause" is a frame, a quote mark, words, spaces, a quote mark and punctuation, each part
# drawn at random: quotations close together, opened and closed by any mark, often empty or
# ending in a space, which is what made attribution crash.
_clause = st.tuples(
    st.sampled_from(_FRAMES), st.sampled_from(_QUOTES), st.lists(st.sampled_from(_WORDS), max_size=4),
    st.sampled_from(_SPACE), st.sampled_from(_QUOTES), st.sampled_from(_PUNCT), st.sampled_from(_SPACE),
)


def _text(clauses: list[tuple[str, str, list[str], str, str, str, str]]) -> str:
    return "".join(frame + q1 + " ".join(words) + space + q2 + punct + gap for frame, q1, words, space, q2, punct, gap in clauses)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_clause, min_size=1, max_size=5))
def test_attribution_random_quote_marks_never_crash(engine, clauses) -> None:
    text = _text(clauses)
    _assert_offsets(text, engine.check(text, all=True))


_PARAGRAPH = ("\u201cPrices will rise by 5% next year,\u201d said Mr Monday, an economist. "
              "\u201cThe bank has no choice.\u201d He added that wages fell in May. "
              "The minister said: \u201cWe will act.\u201d Critics said the plan was late.\n\n")


def _attribution_seconds(nlp, copies: int) -> float:
    norm = normalise(_PARAGRAPH * copies)
    doc = nlp(norm.text)
    quotes = [QuoteInfo(q.start, q.end, q.continues_previous) for q in norm.quotes]
    spans = [(q.start, q.end) for q in quotes]
    cands = [c for sent in doc.sents for c in find_candidates(doc, sent, spans)]
    best = float("inf")
    for _ in range(5):
        for q in quotes:
            q.source = None
        resolver = SpeakerResolver(doc)
        # The collector's passes grow with the heap, not with the work measured here.
        gc.collect()
        gc.disable()
        try:
            # CPU time, not wall time: other jobs on a shared machine do not count.
            began = time.process_time()
            attribute_quotes(resolver, cands, quotes)
            for cand in cands:
                attribute(resolver, cand, quotes)
            best = min(best, time.process_time() - began)
        finally:
            gc.enable()
    return best


def test_attribution_time_grows_linearly(nlp) -> None:
    # Re-scanning the document per quotation (issue 12 A5) made 10x the text cost 100x the time
    # (measured: 0.016 s -> 6 s from 15 to 240 copies, 120x from 10 to 100); now about 20x.
    small, large = _attribution_seconds(nlp, 10), _attribution_seconds(nlp, 100)
    assert large / max(small, 1e-6) < 50, (small, large)
