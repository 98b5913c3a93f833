"""Each supported file format imports to the common record; re-imports add nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.lookups.importers import import_file, read_file
from claimcheck.lookups.store import FactCheck, Store


def by_claim(records: list[FactCheck]) -> dict[str, FactCheck]:
    return {r.claim: r for r in records}


@pytest.mark.parametrize(
    ("name", "fmt", "count"),
    [("liar_sample.tsv", "liar", 40), ("averitec_sample.json", "averitec", 10),
     ("claimreview_single.json", "claimreview", 1), ("claimreview_list.json", "claimreview", 3),
     ("claimreview_graph.json", "claimreview", 1), ("claimreview_page.html", "claimreview", 1),
     ("google_response.json", "google", 3)],
)
def test_importers_detect_and_count(data_dir: Path, name: str, fmt: str, count: int) -> None:
    detected, records, digest = read_file(data_dir / name)
    assert detected == fmt
    assert len(records) == count
    assert len(digest) == 64
    forced, forced_records, _ = read_file(data_dir / name, fmt)
    assert forced == fmt and forced_records == records


def test_importers_liar_fields(data_dir: Path) -> None:
    _, records, _ = read_file(data_dir / "liar_sample.tsv")
    first = records[0]
    assert first.claim == "Says the Annies List political group supports third-trimester abortions on demand."
    assert (first.verdict, first.rating, first.publisher, first.claimant) == ("false", "False", "PolitiFact", "Dwayne Bohac")
    assert first.url is None  # the LIAR id does not give the review's address
    assert (first.source_id, first.dataset, first.language) == ("2635", "liar", "en")
    # The speaker's job title: news copy often names a speaker by it alone.
    assert first.claimant_title == "State representative"
    verdicts = {r.source_id: (r.rating, r.verdict) for r in records}
    assert verdicts["10540"] == ("Half True", "mixed")
    assert verdicts["324"] == ("Mostly True", "mostly-true")


def test_importers_averitec_fields(data_dir: Path) -> None:
    _, records, _ = read_file(data_dir / "averitec_sample.json")
    connery = records[0]
    assert connery.claim.startswith("In a letter to Steve Jobs, Sean Connery")
    assert (connery.verdict, connery.rating, connery.claim_date) == ("false", "Refuted", "2020-10-31")
    assert connery.publisher == "Check Your Fact"
    assert connery.url.startswith("https://web.archive.org/web/")
    assert {r.rating: r.verdict for r in records} == {
        "Refuted": "false", "Supported": "true", "Conflicting Evidence/Cherrypicking": "mixed",
        "Not Enough Evidence": "unrated"}
    assert any(r.claimant for r in records)


def test_importers_claimreview_fields(data_dir: Path) -> None:
    (single,) = read_file(data_dir / "claimreview_single.json")[1]
    assert single == FactCheck(
        claim="The new Harbour Bridge cost taxpayers $2.4 billion, twice the original budget.", verdict="mixed",
        dataset="claimreview", rating="Half True", claimant="Jane Doe", claim_date="2024-02-01",
        publisher="Example Check", url="https://factcheck.example/2024/02/bridge-cost", review_date="2024-02-14",
        language="en", claimant_title="Councillor")
    listed = by_claim(read_file(data_dir / "claimreview_list.json")[1])
    spanish = listed["Las vacunas contra la gripe contienen un microchip."]
    assert (spanish.verdict, spanish.language, spanish.review_date) == ("false", "es", "2023-09-03")
    assert listed["Unemployment fell to 2 percent last year, the lowest ever recorded."].verdict == "false"
    numeric = listed["The city planted 50,000 trees in 2022."]
    assert (numeric.rating, numeric.verdict) == ("5", "true")
    (graph,) = read_file(data_dir / "claimreview_graph.json")[1]
    assert (graph.verdict, graph.claimant, graph.url) == ("mostly-false", "Sam Smith",
                                                          "https://news.example/fact-check/school-meals")
    (page,) = read_file(data_dir / "claimreview_page.html")[1]
    assert (page.verdict, page.publisher) == ("mostly-true", "Page Example")


def test_importers_google_fields(data_dir: Path) -> None:
    records = read_file(data_dir / "google_response.json")[1]
    assert [r.publisher for r in records] == ["Example Check", "Verificado Ejemplo", "Example Check"]
    assert [r.verdict for r in records] == ["mostly-true", "mostly-false", "false"]
    assert records[0].claim_date == "2023-04-02" and records[0].review_date == "2023-04-05"
    assert records[0].claimant == "Facebook posts" and records[1].language == "es"


def test_importers_reimport_adds_nothing(store: Store, data_dir: Path) -> None:
    names = ["liar_sample.tsv", "averitec_sample.json", "claimreview_list.json", "google_response.json"]
    first = [import_file(store, data_dir / n) for n in names]
    total = store.count()
    assert total == sum(r.added for r in first) > 0
    terms = store.conn.execute("SELECT sum(df) FROM terms").fetchone()[0]
    second = [import_file(store, data_dir / n) for n in names]
    assert [r.added for r in second] == [0, 0, 0, 0]
    assert [r.skipped for r in second] == [r.records for r in second]
    assert store.count() == total
    assert store.conn.execute("SELECT sum(df) FROM terms").fetchone()[0] == terms
    assert store.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 8


def test_importers_same_review_from_two_formats_is_one_record(store: Store, data_dir: Path, tmp_path: Path) -> None:
    # The Google answer's first review, re-published as ClaimReview markup on the publisher's page.
    page = {"@context": "https://schema.org", "@type": "ClaimReview",
            "url": "https://factcheck.example/2023/04/wind-turbines-birds/",
            "claimReviewed": "Wind turbines kill more than 500,000 birds a year in the United States.",
            "author": {"@type": "Organization", "name": "Example Check"},
            "reviewRating": {"@type": "Rating", "alternateName": "Mostly True"}}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    assert import_file(store, data_dir / "google_response.json").added == 3
    assert import_file(store, path).added == 0


def test_importers_unknown_format_option(data_dir: Path) -> None:
    with pytest.raises(ClaimcheckError) as info:
        read_file(data_dir / "liar_sample.tsv", "csv")
    assert info.value.code.value == "CC111"
