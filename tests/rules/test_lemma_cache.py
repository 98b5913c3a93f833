"""Rule-pack phrase lemmas come from the cache after the first run, and match as the pipeline's do."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.rules import lemma_cache

PHRASES = ["raise taxes", "cut spending", "rising prices"]


def _summary(docs) -> dict[str, list[tuple[str, str, str]]]:
    return {p: [(t.text, t.whitespace_, t.lemma_) for t in d] for p, d in docs.items()}


def test_lemma_cache_second_run_skips_the_pipeline(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lemma_cache.CACHE_ENV, str(tmp_path))
    first = lemma_cache.lemma_docs(nlp, PHRASES)
    assert len(list(tmp_path.glob("phrase-lemmas-*.json"))) == 1
    assert first["rising prices"][0].lemma_ == "rise"

    def no_pipeline(*args, **kwargs):
        raise AssertionError("the cached lemmas should have been used")

    monkeypatch.setattr(nlp, "pipe", no_pipeline)
    second = lemma_cache.lemma_docs(nlp, PHRASES)
    assert _summary(second) == _summary(first)


def test_lemma_cache_damaged_or_unwritable_is_recomputed(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lemma_cache.CACHE_ENV, str(tmp_path))
    expected = _summary(lemma_cache.lemma_docs(nlp, PHRASES))
    (path,) = tmp_path.glob("phrase-lemmas-*.json")
    path.write_text('{"raise taxes": [["raise"], "not a list"]}', encoding="utf-8")
    assert _summary(lemma_cache.lemma_docs(nlp, PHRASES)) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(lemma_cache.CACHE_ENV, str(blocked / "cache"))  # cannot be created
    assert _summary(lemma_cache.lemma_docs(nlp, PHRASES)) == expected


def test_lemma_cache_docs_match_inflected_forms(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spacy.matcher import PhraseMatcher

    monkeypatch.setenv(lemma_cache.CACHE_ENV, str(tmp_path))
    lemma_cache.lemma_docs(nlp, PHRASES)
    cached = lemma_cache.lemma_docs(nlp, PHRASES)
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    matcher.add("P", list(cached.values()))
    doc = nlp("The government raised taxes and cuts spending.")
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["raised taxes", "cuts spending"]
