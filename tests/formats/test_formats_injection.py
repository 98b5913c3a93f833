"""A crafted fact-check file, imported into the store, cannot inject markup into any format (issue 12 A10).

End to end, as an attacker would try it: a ClaimReview file whose URL closes
its Markdown link and adds a tracking image, and whose publisher name and
claim carry HTML, is imported with ``claimcheck db import``; the worked
example is then checked with ``--lookup`` in every format.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claimcheck.testing import run_cli
from tests.formats.rendered import rendered_markdown

CLAIM = "North Korea is already sending Russia ammunition to use in Ukraine"
EVIL_URL = "https://factcheck.example/x) ![pixel](https://tracker.example/p.png"
EVIL_NAME = "AFP](https://evil.example) <img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crafted")
    review = {
        "@context": "https://schema.org", "@type": "ClaimReview", "datePublished": "2024-03-01",
        "url": EVIL_URL,
        "claimReviewed": f"{CLAIM} </script><script>alert(2)</script>",
        "author": {"@type": "Organization", "name": EVIL_NAME},
        "reviewRating": {"@type": "Rating", "alternateName": "=HYPERLINK(\"https://evil.example\")"},
        "inLanguage": "en",
    }
    path = folder / "crafted.json"
    path.write_text(json.dumps(review), encoding="utf-8")
    db = folder / "store.sqlite3"
    result = run_cli(["db", "import", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return db


def check(store: Path, example_text: str, fmt: str) -> str:
    result = run_cli(["check", "-", "--date", "2024-06-19", "--lookup", "--db", str(store), "--format", fmt],
                     stdin=example_text)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_formats_injection_evidence_is_attached(store: Path, example_text: str) -> None:
    report = json.loads(check(store, example_text, "json"))
    evidence = [e for c in report["claims"] for e in c["lookups"]]
    assert any(e["publisher"] == EVIL_NAME for e in evidence), "the crafted fact-check must reach the report"


def test_formats_injection_markdown(store: Path, example_text: str) -> None:
    page = rendered_markdown(check(store, example_text, "markdown"))
    assert page.images == [] and page.raw_html == []
    assert all("tracker.example/p.png)" not in link and "evil.example" not in link.split("/")[2] for link in page.links)
    assert EVIL_NAME in page.text


def test_formats_injection_html(store: Path, example_text: str) -> None:
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring(check(store, example_text, "html"))
    assert len(tree.xpath("//script")) == 3 and not tree.xpath("//img")
    assert all(href.startswith("https://factcheck.example/x%29") for href in tree.xpath("//a/@href"))


def test_formats_injection_csv_and_sarif(store: Path, example_text: str) -> None:
    rows = list(csv.DictReader(io.StringIO(check(store, example_text, "csv"))))
    assert all(not row[key].startswith(("=", "+", "-", "@")) for row in rows for key in row)
    log = json.loads(check(store, example_text, "sarif"))
    assert all("helpUri" not in rule or rule["helpUri"].startswith("https://") for rule in log["runs"][0]["tool"]["driver"]["rules"])
