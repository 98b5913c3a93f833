"""attach_lookups: evidence above the threshold on each claim; a failing source is a CC160 warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.lookups import plugin
from claimcheck.lookups.attach import attach_lookups
from claimcheck.lookups.base import LookupFailed, LookupSource
from claimcheck.lookups.local import LocalSource
from claimcheck.lookups.match import DEFAULT_THRESHOLD
from claimcheck.lookups.store import Store
from claimcheck.report import Claim, Diagnostic, Entity, Evidence


def make_claim(text: str, entities: list[Entity] | None = None) -> Claim:
    return Claim(id="c", text=text, sentence=text, start=0, end=len(text), sentence_start=0, sentence_end=len(text),
                 type="quantity", score=0.8, band="high", entities=entities or [])


def evidence(score: float, source: str = "fake") -> Evidence:
    return Evidence(source=source, claim=f"claim {score}", rating="False", verdict="false", publisher="P",
                    url=None, date=None, score=score)


class FixedSource:
    """Returns the same evidence for every claim."""

    def __init__(self, name: str, scores: list[float]) -> None:
        self.name = name
        self.scores = scores
        self.calls = 0

    def lookup(self, text: str, *, claim: Claim | None = None, limit: int = 5) -> list[Evidence]:
        self.calls += 1
        return [evidence(s, self.name) for s in self.scores][:limit]


class BrokenSource:
    name = "broken"

    def __init__(self, exc: Exception) -> None:
        self.exc = exc
        self.calls = 0

    def lookup(self, text: str, *, claim: Claim | None = None, limit: int = 5) -> list[Evidence]:
        self.calls += 1
        raise self.exc


def test_attach_filters_by_threshold_and_merges_sources() -> None:
    claims = [make_claim("a"), make_claim("b")]
    warnings: list[Diagnostic] = []
    attach_lookups(claims, [FixedSource("one", [0.9, 0.4]), FixedSource("two", [0.7, 0.55])],
                   {"lookup": {"threshold": 0.5, "limit": 2}}, warnings)
    assert warnings == []
    assert [(e.source, e.score) for e in claims[0].lookups] == [("one", 0.9), ("two", 0.7)]


@pytest.mark.parametrize(
    ("exc", "text"),
    [(LookupFailed("GOOGLE_FACTCHECK_API_KEY is not set"), "GOOGLE_FACTCHECK_API_KEY is not set"),
     (RuntimeError("socket closed"), "socket closed"), (KeyError("x"), "'x'"), (ValueError(), "ValueError")],
)
def test_attach_failing_source_is_one_warning(exc: Exception, text: str) -> None:
    claims = [make_claim("a"), make_claim("b"), make_claim("c")]
    broken = BrokenSource(exc)
    good = FixedSource("good", [0.8])
    warnings: list[Diagnostic] = []
    attach_lookups(claims, [broken, good], {"lookup": {}}, warnings)
    assert broken.calls == 1  # not asked again for this document
    assert len(warnings) == 1
    assert (warnings[0].code, warnings[0].plugin) == ("CC160", "broken")
    assert "'broken'" in warnings[0].message and text in warnings[0].message
    assert all([e.source for e in c.lookups] == ["good"] for c in claims)


def test_attach_defaults_without_config() -> None:
    claims = [make_claim("a")]
    t = DEFAULT_THRESHOLD
    attach_lookups(claims, [FixedSource("s", [0.99, 0.98, t + 0.01, t, t - 0.01])], None, [])
    assert [e.score for e in claims[0].lookups] == [0.99, 0.98, t + 0.01]  # default threshold, limit 3


def test_attach_with_the_local_store(filled_store: Store, db_path: Path) -> None:
    sources = plugin.claimcheck_lookup_sources({"db": str(db_path)})
    assert len(sources) == 1 and isinstance(sources[0], LookupSource) and sources[0].name == "local"
    claim = make_claim("Kirsten Gillibrand said about 40 percent of guns are sold without a background check.",
                       [Entity("Kirsten Gillibrand", "PERSON", 0, 18)])
    unrelated = make_claim("The gun show at the fairgrounds was cancelled because of flooding.")
    warnings: list[Diagnostic] = []
    attach_lookups([claim, unrelated], sources, {"lookup": {"threshold": 0.5}}, warnings)
    assert warnings == []
    assert claim.lookups and claim.lookups[0].source == "local"
    assert "background check" in claim.lookups[0].claim and claim.lookups[0].publisher == "PolitiFact"
    assert claim.lookups[0].verdict in {"false", "mostly-false", "mixed", "mostly-true", "true"}
    assert unrelated.lookups == []
    sources[0].close()


def test_attach_lookups_warns_when_the_store_is_missing(tmp_path: Path) -> None:
    # A misspelt --db must not read as "never fact-checked" (issue 12 A3).
    sources = plugin.claimcheck_lookup_sources({"db": str(tmp_path / "fatchecks.sqlite3")})
    claims = [make_claim("Taxes rose 5 percent.")]
    warnings: list[Diagnostic] = []
    attach_lookups(claims, sources, {"lookup": {}}, warnings)
    assert claims[0].lookups == []
    (warning,) = warnings
    assert warning.code == "CC160" and "no fact-check store at" in warning.message
    assert "fatchecks.sqlite3" in warning.message
    assert not (tmp_path / "fatchecks.sqlite3").exists()  # asking must not create it


def test_attach_lookups_warns_when_no_source_is_offered() -> None:
    warnings: list[Diagnostic] = []
    attach_lookups([make_claim("Taxes rose 5 percent.")], [], {"lookup": {}}, warnings)
    assert [w.code for w in warnings] == ["CC160"] and "no lookup source" in warnings[0].message


def test_plugin_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path) -> None:
    monkeypatch.setenv("CLAIMCHECK_DB", str(tmp_path / "default.sqlite3"))
    (missing,) = plugin.claimcheck_lookup_sources({})
    assert missing.unavailable() is not None
    Store(tmp_path / "default.sqlite3").close()
    (source,) = plugin.claimcheck_lookup_sources({"lookup": {"enabled": True}})
    assert isinstance(source, LocalSource) and source.path == tmp_path / "default.sqlite3"
    assert source.unavailable() is None


def test_local_source_missing_database_raises_cc170(tmp_path: Path) -> None:
    source = LocalSource(tmp_path / "gone.sqlite3")
    with pytest.raises(Exception) as info:
        source.lookup("Taxes rose.")
    assert info.value.code.value == "CC170"


def _claims_for_the_samples() -> list[Claim]:
    return [
        make_claim("Kirsten Gillibrand said about 40 percent of guns are sold without a background check.",
                   [Entity("Kirsten Gillibrand", "PERSON", 0, 18)]),
        make_claim("The gun show at the fairgrounds was cancelled because of flooding."),
        make_claim("The Annies List group supports abortions in the third trimester on demand."),
        make_claim("Coal began to decline when natural gas took off under President Bush."),
        make_claim("."),  # no terms: no candidates
    ]


def test_local_lookup_claims_answers_as_lookup_does(filled_store: Store, db_path: Path) -> None:
    source = LocalSource(db_path)
    claims = _claims_for_the_samples()
    one_by_one = [source.lookup(c.text, claim=c, limit=3) for c in claims]
    together = list(source.lookup_claims(claims, limit=3))
    assert together == one_by_one
    assert any(together) and together[-1] == []
    source.close()
    assert list(source.lookup_claims(claims[:2], limit=3)) == one_by_one[:2]  # reopens after close
    source.close()


def test_local_lookup_claims_failure_keeps_the_answers_before_it(filled_store: Store, db_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    source = LocalSource(db_path)
    claims = _claims_for_the_samples()
    expected = [source.lookup(c.text, claim=c, limit=3) for c in claims[:2]]
    searched: list[str] = []
    real_search = Store.search

    def failing_search(self: Store, match_query: str, limit: int) -> list:
        searched.append(match_query)
        if len(searched) == 3:
            raise RuntimeError("disk I/O error")
        return real_search(self, match_query, limit)

    monkeypatch.setattr(Store, "search", failing_search)
    warnings: list[Diagnostic] = []
    attach_lookups(claims, [source], {"lookup": {"threshold": 0.0, "limit": 3}}, warnings)
    (warning,) = warnings
    assert warning.code == "CC160" and "disk I/O error" in warning.message
    assert [c.lookups for c in claims[:2]] == expected
    assert all(c.lookups == [] for c in claims[2:])
    source.close()
