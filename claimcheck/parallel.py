"""Every core of one machine: a batch spread over worker processes, results in input order.

:func:`check_parallel` cuts the stream of documents into chunks of about
:data:`CHUNK_CHARS` characters (smaller at the end of the stream, so that the
workers finish together), hands them to a
:class:`concurrent.futures.ProcessPoolExecutor` and yields the reports (and
error records) in input order.

Where worker processes are forked (Linux), the engine is loaded once in this
process and warmed up on a short text (:func:`warm_engine`), and the workers
are forked from it: they share its memory copy-on-write and start with what a
first document loads (dateparser, its locale data and time-zone expressions,
the model's and rule packs' lazy parts), so no worker loads an engine or pays
for a first document.  This process's objects are frozen
(:func:`gc.freeze`) while the workers are forked, so that the workers'
collector leaves the shared pages alone.  Where workers are spawned (macOS,
Windows, or a parent running threads), each loads the engine itself.

At most two chunks per process are in flight, so memory stays flat
however long the batch.  A batch of one chunk is checked in this process:
starting workers would cost more than it saves.

A worker process that dies (killed, out of memory, a crash in native code)
takes its chunks with it; the pool is restarted, the chunks are checked again
one document at a time, and a document that kills a worker again gets an
error record (``CC200``) instead of ending the run.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from claimcheck.batch import INTERNAL, DocumentError
from claimcheck.errors import ErrorCode
from claimcheck.text.inputs import InputDocument, RefusedInput

if TYPE_CHECKING:
    from claimcheck.engine import Engine
    from claimcheck.report import Report

#: Characters of text per task.  About a second of work for one process
#: (~8,000 words): long enough that pickling the reports back is a few per
#: cent of the time, short enough that both cores stay busy to the end.
CHUNK_CHARS = 50_000
#: Most documents per task, whatever their length.
CHUNK_DOCS = 64
#: The last tasks of a batch are cut smaller, down to this fraction of :data:`CHUNK_CHARS`.
TAIL_FRACTION = 8

Item = InputDocument | RefusedInput

_engine: Engine | None = None
#: Why this worker has no engine (code, message, exit code): a configuration
#: error, such as a missing pipeline, that every document would hit.
_init_error: tuple[str, str, int] | None = None


#: Memory one worker needs: its engine (~340 MB peak with en_core_web_sm,
#: measured by bench/throughput.py) and room for a chunk's parse.
WORKER_MEMORY = 500 * 1024 * 1024


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _available_memory() -> int | None:
    """Bytes of memory available for new processes (Linux ``MemAvailable``), or ``None`` when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def default_jobs() -> int:
    """``--jobs`` by default: every core, but no more workers than the free memory holds."""
    cores = available_cores()
    memory = _available_memory()
    if memory is None:
        return cores
    return max(1, min(cores, memory // WORKER_MEMORY))


#: What the engine checks before workers are forked from it: one short article
#: with the parts every batch reaches (an absolute date, which dateparser
#: resolves; relative dates; a quotation, a source, numbers and a hedge).
WARM_TEXT = (
    "LONDON, 19 June 2024. Unemployment fell to 4.2 per cent in May, the lowest rate since March 2019, "
    "according to figures published by the Office for National Statistics on Tuesday. \"We have created "
    "more than 300,000 jobs in the past year,\" the minister told reporters. Critics said the figures may "
    "overstate the recovery, and the opposition claimed that wages rose by only 1.5% last year."
)


def warm_engine(engine: Engine) -> None:
    """Load ``engine``'s lazily loaded parts and check :data:`WARM_TEXT`, filling the caches a first document fills."""
    from claimcheck.text.inputs import InputDocument

    _ = engine.model, engine.rules
    # Lookups off: a store's connection and helper thread must not be shared with forked workers.
    for _result in engine.check_batch([InputDocument(text=WARM_TEXT, source="warm-up", id="warm-up",
                                                     published="2024-06-19")], lookup=False):
        pass


def _init_worker(config: dict[str, Any], engine: Engine | None = None) -> None:
    """Take the engine a forked worker inherits, or load it once in a spawned worker, with its lazily loaded parts."""
    global _engine, _init_error
    if engine is not None:
        _engine = engine
        return
    from claimcheck.engine import Engine
    from claimcheck.errors import ClaimcheckError

    try:
        _engine = Engine(config=config)
        _ = _engine.model, _engine.rules
    except ClaimcheckError as exc:
        # Raised here, it would break the pool and look like a dead worker;
        # the error is handed back with the first chunk instead.
        _init_error = (exc.code.value, exc.message, int(exc.exit_code))


def _check_chunk(items: list[Item], options: dict[str, Any]) -> list[Report | DocumentError] | tuple[str, str, int]:
    if _init_error is not None:
        return _init_error
    assert _engine is not None, "the worker's engine was not loaded"
    return list(_engine.check_batch(items, **options))


def _size(item: Item) -> int:
    return len(item.text) if isinstance(item, InputDocument) else 0


def _chunks(items: Iterable[Item], chars: int, docs: int, jobs: int = 1) -> Iterator[list[Item]]:
    """Cut the stream into tasks of about ``chars`` characters (at most ``docs`` documents), smaller at the end.

    The stream is read a few tasks ahead, so its end is seen before the last
    tasks are cut: what is left then is cut into tasks of a ``2 * jobs``-th
    of it (but no smaller than a :data:`TAIL_FRACTION` of ``chars``), so that
    the workers finish together instead of one waiting while another checks
    a full-size last task.  A stream of at most one task stays one task.
    """
    stream = iter(items)
    buffer: deque[Item] = deque()
    buffered = 0
    exhausted = False
    first = True
    ahead = chars * (2 * jobs + 1)
    while True:
        while not exhausted and buffered < ahead:
            item = next(stream, None)
            if item is None:
                exhausted = True
                break
            buffer.append(item)
            buffered += _size(item)
        if not buffer:
            return
        target = chars
        if exhausted and jobs > 1 and not (first and buffered <= chars):
            target = max(chars // TAIL_FRACTION, min(chars, buffered // (2 * jobs)))
        first = False
        chunk: list[Item] = []
        size = 0
        while buffer and size < target and len(chunk) < docs:
            item = buffer.popleft()
            chunk.append(item)
            size += _size(item)
        buffered -= size
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the already-imported spaCy with the workers (a faster
    # start), but is only safe while this process runs a single thread.
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _lost(item: Item, why: str) -> DocumentError:
    if isinstance(item, RefusedInput):
        return DocumentError.refused(item)
    return DocumentError(id=item.id, source=item.source, code=ErrorCode.CHECK_FAILED.value, kind=INTERNAL,
                         message=f"the worker process checking this document died ({why}); "
                                 "it may need more memory than is free, or it trips a bug: please report it")


class _Pool:
    """A process pool that can be restarted when a worker dies."""

    def __init__(self, jobs: int, config: dict[str, Any], options: dict[str, Any], engine: Engine | None = None) -> None:
        self.jobs, self.config, self.options, self.engine = jobs, config, options, engine
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = _context()
        # A forked worker inherits its initializer's arguments as they are in
        # memory (nothing is pickled), so it takes this process's engine; a
        # spawned one would get a pickled copy, so it loads its own.
        engine = self.engine if context.get_start_method() == "fork" else None
        self.forked = False
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=context,
                                   initializer=_init_worker, initargs=(self.config, engine))

    def submit(self, chunk: list[Item]) -> Future[list[Report | DocumentError] | tuple[str, str, int]]:
        if self.forked:
            return self.executor.submit(_check_chunk, chunk, self.options)
        # The first task forks every worker.  Frozen objects are left out of
        # collections, so the workers' collector never writes to (and so
        # copies) the pages they share with this process.
        frozen = gc.get_freeze_count()
        gc.freeze()
        try:
            return self.executor.submit(_check_chunk, chunk, self.options)
        finally:
            self.forked = True
            if not frozen:
                gc.unfreeze()  # this process's own collections go on as before

    @staticmethod
    def results(done: list[Report | DocumentError] | tuple[str, str, int]) -> list[Report | DocumentError]:
        """A chunk's results, or the worker's configuration error raised here."""
        if isinstance(done, tuple):
            from claimcheck.errors import ClaimcheckError, ExitCode

            code, message, exit_code = done
            raise ClaimcheckError(ErrorCode(code), message, ExitCode(exit_code))
        return done

    def restart(self) -> None:
        # Waiting lets the broken pool's manager thread end, so that the new
        # pool may fork again (see _context).
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def one_at_a_time(self, chunk: list[Item]) -> list[Report | DocumentError]:
        """Check a chunk that was lost with a dead worker, one document per task."""
        out: list[Report | DocumentError] = []
        for item in chunk:
            try:
                out.extend(self.results(self.submit([item]).result()))
            except BrokenProcessPool as exc:
                out.append(_lost(item, str(exc) or "killed"))
                self.restart()
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def check_parallel(items: Iterable[Item], *, config: dict[str, Any], jobs: int, options: dict[str, Any] | None = None,
                   local: Callable[[], Engine] | None = None, chunk_chars: int | None = None,
                   chunk_docs: int | None = None) -> Iterator[Report | DocumentError]:
    """Check a batch in ``jobs`` worker processes; results come in input order.

    The pool is started before this returns (while this process has one
    thread), so it is safe to show a progress bar while iterating.

    Args:
        items: documents and refused lines, e.g. from
            :func:`~claimcheck.text.inputs.read_jsonl` with ``strict=False``.
        config: the engine configuration each worker loads its engine with.
        jobs: worker processes.
        options: per-call options for :meth:`Engine.check_batch`.
        local: makes an engine in this process: for a batch too small to be
            worth starting workers (without it, workers are always used), and,
            where workers are forked, the engine they are forked from
            (without it, one is made from ``config``).
        chunk_chars: characters of text per task (default :data:`CHUNK_CHARS`).
        chunk_docs: most documents per task (default :data:`CHUNK_DOCS`).

    Returns:
        An iterator over one report or error record per item, in input order.

    Raises:
        ClaimcheckError: the engine cannot be loaded with ``config`` (raised
            here where workers are forked, and from the iterator where each
            spawned worker loads its own).
    """
    opts = dict(options or {})
    engine: Engine | None = None
    if _context().get_start_method() == "fork":
        # Loaded before the input is read, so that a configuration error stops the run at once.
        if local is not None:
            engine = local()
        else:
            from claimcheck.engine import Engine

            engine = Engine(config=config)
    chunks = _chunks(items, chunk_chars or CHUNK_CHARS, chunk_docs or CHUNK_DOCS, jobs)
    first = next(chunks, [])
    second = next(chunks, None)
    if second is None and local is not None:
        return (engine or local()).check_batch(first, **opts)
    if engine is not None:
        warm_engine(engine)
    pool = _Pool(jobs, config, opts, engine)
    window: deque[tuple[list[Item], Future[Any]]] = deque()
    for chunk in (first, second):
        if chunk:
            window.append((chunk, pool.submit(chunk)))
    return _results(pool, window, chunks)


def _results(pool: _Pool, window: deque[tuple[list[Item], Future[Any]]],
             chunks: Iterator[list[Item]]) -> Iterator[Report | DocumentError]:
    try:
        while window:
            while len(window) < 2 * pool.jobs:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                window.append((chunk, pool.submit(chunk)))
            chunk, future = window.popleft()
            try:
                results = pool.results(future.result())
            except BrokenProcessPool:
                # Every chunk in flight went down with the pool: check them again,
                # the one we waited for document by document.
                pool.restart()
                results = pool.one_at_a_time(chunk)
                window = deque((c, pool.submit(c)) for c, _ in window)
            yield from results
    finally:
        pool.close()
