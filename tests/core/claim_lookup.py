"""Finding one claim of a checked sentence, for tests that ask about that claim."""

from __future__ import annotations

from typing import Any


def first_claim(engine: Any, text: str, contains: str) -> tuple[Any, Any]:
    """The first claim whose text holds ``contains``, and the report it came from."""
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text]
    assert hits, [c.text for c in report.claims]
    return hits[0], report
