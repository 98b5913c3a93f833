"""Indexed look-ups that replaced linear scans answer exactly as the scans did."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from claimcheck.analysis.claims import quote_around
from claimcheck.analysis.document import DocumentMeta


def _excluded_by_scan(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    length = max(1, end - start)
    return any(min(end, b) - max(start, a) > 0 and (min(end, b) - max(start, a)) * 2 >= length for a, b in regions)


@pytest.mark.parametrize("seed", range(5))
def test_document_excluded_matches_a_scan_of_every_region(seed: int) -> None:
    rng = random.Random(seed)
    meta = DocumentMeta()
    for _ in range(rng.randint(0, 30)):
        a = rng.randint(0, 2000)
        meta.furniture.append((a, a + rng.randint(1, 120)))
    meta.byline_span = (0, rng.randint(1, 400)) if seed % 2 else None  # may overlap furniture
    meta.dateline_span = (rng.randint(0, 50), rng.randint(60, 90))
    regions = [*meta.furniture, *(s for s in (meta.byline_span, meta.dateline_span) if s)]
    for _ in range(400):
        start = rng.randint(0, 2100)
        end = start + rng.randint(0, 300)
        assert meta.excluded(start, end) == _excluded_by_scan(regions, start, end)
    meta.furniture.append((2500, 2600))  # found later: the index follows
    assert meta.excluded(2510, 2590)


def testquote_around_finds_the_quote_holding_a_token() -> None:
    rng = random.Random(7)
    quotes: list[tuple[int, int]] = []
    at = 0
    for _ in range(40):
        start = at + rng.randint(0, 30)
        end = start + rng.randint(0, 50)
        quotes.append((start, end))
        at = end + 1
    for idx in range(at + 5):
        expected = next(((a, b) for a, b in quotes if a <= idx < b), None)
        assert quote_around(SimpleNamespace(idx=idx), quotes) == expected  # type: ignore[arg-type]
    assert quote_around(SimpleNamespace(idx=3), []) is None  # type: ignore[arg-type]
