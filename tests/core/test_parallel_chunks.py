"""How claimcheck.parallel cuts a batch into worker tasks: input order kept, the last tasks smaller."""

from __future__ import annotations

import pytest

from claimcheck.parallel import TAIL_FRACTION, _chunks
from claimcheck.text.inputs import InputDocument, RefusedInput


def _docs(count: int, chars: int) -> list[InputDocument | RefusedInput]:
    return [InputDocument(text="x" * chars, source="t", id=str(i)) for i in range(count)]


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_parallel_chunks_keep_every_document_in_order(jobs: int) -> None:
    docs = _docs(300, 1_000)
    chunks = list(_chunks(docs, 20_000, 64, jobs))
    assert [d for c in chunks for d in c] == docs
    assert all(sum(len(getattr(d, "text", "")) for d in c) <= 20_000 for c in chunks)


def test_parallel_chunks_shrink_at_the_end_for_several_workers() -> None:
    sizes = [len(c) for c in _chunks(_docs(300, 1_000), 20_000, 64, 2)]
    assert sizes[0] == 20 and sizes[-1] < sizes[0]
    assert min(sizes[:-1]) >= 20 // TAIL_FRACTION  # never below the floor (the very last holds what is left)
    # one worker: every task full-size, as before
    assert [len(c) for c in _chunks(_docs(300, 1_000), 20_000, 64, 1)] == [20] * 15


def test_parallel_chunks_small_batch_stays_one_task() -> None:
    """A batch of at most one task is checked in the calling process: it must not be cut up."""
    assert [len(c) for c in _chunks(_docs(10, 1_000), 20_000, 64, 2)] == [10]


def test_parallel_chunks_cap_documents_per_task() -> None:
    refused = [RefusedInput(source="t", line=i, code="CC101", message="bad") for i in range(5)]
    assert [len(c) for c in _chunks(refused, 20_000, 2, 2)] == [2, 2, 1]
