"""Throughput of claimcheck against bare spaCy, in words per second, in one run.

Both sides parse the same texts with the same loaded spaCy pipeline in the
same process:

* **bare**: ``nlp.pipe(texts, batch_size=B)`` with the pipeline exactly as
  spaCy ships it -- claimcheck's own small ``claimcheck_entity_fixes``
  component is disabled for this side, and its attribute ruler matches with
  spaCy's Matcher, not claimcheck's look-ups (``--bare-ruler lookup`` gives
  bare spaCy the look-ups too, to see the report's cost alone) -- consuming
  the docs;
* **claimcheck**: ``Engine(...).check_many(...)`` (normalisation, the parse,
  claim detection and enrichment, the trained model when it is installed, the
  built-in rule packs; lookups off), consuming the reports.

The corpus is the CLEF CheckThat! 2019 debate transcripts
(``debates/clef2019_train/*.tsv``, "free for general research use"), in two
shapes, each cut at the first document that brings it to ``--words`` words
(whitespace-separated):

* ``articles``: runs of 20 consecutive sentences of one transcript joined
  into one document, like a short article (the default ``claimcheck check``
  case);
* ``sentences``: one sentence per document, the ``--input-format jsonl``
  batch case.

Every document gets its transcript's date (from the file name) as its
publication date, so relative dates are resolved as in real use.  The machine
is noisy, so each mode first runs an untimed bare pass over the whole corpus
(it fills the lemmatizer's cache and the vocabulary, which both sides share)
and then ``--rounds`` rounds of paired slices: the corpus is cut into slices
of at most ``--slice-docs`` documents (default ``--batch-size``, so bare
spaCy's batches are those of a whole run), and each slice is parsed by bare
spaCy and by claimcheck back to back, the order alternating from pair to
pair, so that both sides of a pair see the same load.  Reported: the median
of the per-round ratios (wall clock and CPU time, as before), and over all
pairs the median wall-clock ratio, the median CPU-time ratio
(``time.process_time``, every thread of the process) with their quartiles
and range, and the ratio of the pairs' pooled CPU time.  Peak memory is the peak resident set size (``VmHWM`` from
``/proc/self/status``; ``ru_maxrss`` where there is no ``/proc``) of a fresh
subprocess that loads the engine and checks each corpus once, next to the
same figure for a fresh subprocess that loads only the spaCy pipeline and
runs bare ``nlp.pipe``.  Targets: ratio >= 0.9, claimcheck peak RSS < 500 MB.

    python bench/throughput.py                         # both modes, 100,000 words each
    python bench/throughput.py --data ../shared/data --words 200000 --json results.json
    python bench/throughput.py --mode articles --profile claimcheck.prof

Scale (issue 11), on the ``articles`` corpus, each in a fresh subprocess:

* **jobs**: ``claimcheck.parallel.check_parallel`` with ``--jobs`` worker
  processes (default 2), as ``claimcheck check --jobs 2`` runs a batch;
* **dask**: ``claimcheck.dask.check_bag`` on a ``LocalCluster`` of
  ``--jobs`` worker processes with one thread each, records brought back;

each reported in words/s over the whole run (start-up included, what a user
waits for) and steady (from the moment each worker has loaded its engine to
the end of the batch, averaged over the workers: the workers report, through
a queue they inherit, when they are ready and when each chunk starts and
ends), with the peak RSS of the parent and of each worker.  The jobs
speed-up is given twice: over claimcheck in one process measured above (warm:
that process has parsed the corpus before), and over ``check_parallel`` with
one worker started the same way (cold, like the N workers);
``--scale-rounds`` alternates such fresh ``--jobs 1`` and ``--jobs N`` runs
and takes the median of each.  Each scale round also times this process's
warm engine over the whole corpus right next to the ``--jobs N`` run (before
it in one round, after it in the next), and the speed-up and CPU efficiency
against the warm engine are also given round by round from those pairs: the
one-process rounds were timed minutes earlier, and on a shared machine the
load, and with it even the CPU time, moves within minutes.  The warm engine
re-checks text it has parsed before (7-11% less CPU than a first pass), so
each round also runs **one fresh process** next to the ``--jobs N`` run:
claimcheck loaded and warmed up on ``parallel.WARM_TEXT``, as the ``--jobs``
parent is before it forks, then checking the corpus, new to it, in that
process (as ``claimcheck check --jobs 1`` runs a batch); the speed-up and CPU
efficiency against it are given round by round with the load average.  The jobs runs also give each worker's chunks,
check CPU and idle time at the end (a straggler's cost), and the CPU
efficiency: one worker's check CPU over the N workers' for the same
documents; N times it is the speed-up N free cores would give, which a
shared machine's wall clock cannot show.  **cold start**:
``claimcheck check`` on one article in a fresh
process against a fresh process that imports spaCy, loads the same pipeline
and parses the same article, alternating, ``--cold-rounds`` times each
(medians; wall clock and CPU time), after one untimed ``claimcheck check``
that fills the user cache of rule-pack phrase lemmas as a first run does;
claimcheck's modules are first compiled to bytecode beside them, as ``pip
install`` compiles a wheel's and spaCy's were (``--cold-no-compile`` skips
that: an editable install under ``PYTHONDONTWRITEBYTECODE=1`` recompiles
every module on every run).
Targets: jobs >= 1.6x one process, cold start <= 1.3x bare spaCy.

The load average is printed before and after the timed rounds: the machine
is shared, and under load the CPU-time ratios are the steadier figure.

    python bench/throughput.py --mode articles --words 50000 --rounds 1   # all of the above

Only built-in plugins are loaded (``CLAIMCHECK_LOAD_PLUGINS`` is set empty
unless already set), so installed third-party plugins do not skew the figure.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import csv
import datetime as dt
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEBATES = Path("debates") / "clef2019_train"
SENTENCES_PER_DOC = 20
TARGET_RATIO = 0.9  # issue 11: the single-process batch at >= 0.9x bare nlp.pipe
TARGET_RSS_MB = 500.0
MODES = ("articles", "sentences")

os.environ.setdefault("CLAIMCHECK_LOAD_PLUGINS", "")


# -- the corpus ----------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One benchmark document: its id, text and publication date."""

    id: str
    text: str
    published: str | None


def _read_transcript(path: Path) -> list[str]:
    """The sentences of one CLEF 2019 transcript (columns: line, speaker, text, label)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row[2].strip() for row in rows if len(row) >= 3 and row[2].strip()]


def _date_of(path: Path) -> str | None:
    """``20160209_msnbc_dem.tsv`` -> ``2016-02-09``."""
    stem = path.name[:8]
    try:
        return dt.datetime.strptime(stem, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


def load_corpus(data: Path, mode: str, words: int, per_doc: int = SENTENCES_PER_DOC) -> list[Document]:
    """Documents of the given shape, in transcript order, totalling at least ``words`` words.

    Raises:
        SystemExit: with a one-line message when the data is missing or too small.
    """
    folder = data / DEBATES
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not files:
        raise SystemExit(
            f"throughput: error: no CLEF 2019 transcripts in {folder} "
            f"(give the data folder holding {DEBATES}/ with --data)"
        )
    docs: list[Document] = []
    total = 0
    size = per_doc if mode == "articles" else 1
    for path in files:
        sentences = _read_transcript(path)
        published = _date_of(path)
        for i in range(0, len(sentences), size):
            text = " ".join(sentences[i : i + size])
            docs.append(Document(f"{path.stem}:{i + 1}", text, published))
            total += len(text.split())
            if total >= words:
                return docs
    raise SystemExit(f"throughput: error: the transcripts in {folder} hold only {total:,} words; ask for fewer with --words")


def count_words(docs: Iterable[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


# -- the two sides ---------------------------------------------------------------


def make_engine(use_model: bool) -> Any:
    """An engine with the rule packs on, the model on when installed, lookups off."""
    from claimcheck.engine import Engine

    engine = Engine(config={"model": use_model, "lookup": {"enabled": False}})
    # Load the lazily loaded parts now, so the first timed run does not pay for them.
    _ = engine.model, engine.rules
    return engine


def run_bare(nlp: Any, docs: list[Document], batch_size: int, shipped_ruler: bool = True) -> int:
    """Parse with the pipeline as spaCy ships it (claimcheck's component disabled, the attribute ruler
    matching with spaCy's own Matcher, unless ``shipped_ruler`` is false); returns tokens seen.

    ``shipped_ruler=False`` (``--bare-ruler lookup``) gives bare spaCy claimcheck's look-up attribute
    ruler too, so the ratio then shows the report's cost alone, without the faster ruler's gain.
    """
    from claimcheck.analysis.attribute_matching import shipped_matching
    from claimcheck.analysis.components import ENTITY_FIXES

    disabled = [ENTITY_FIXES] if ENTITY_FIXES in nlp.pipe_names else []
    tokens = 0
    with nlp.select_pipes(disable=disabled), (shipped_matching(nlp) if shipped_ruler else contextlib.nullcontext()):
        for doc in nlp.pipe((d.text for d in docs), batch_size=batch_size):
            tokens += len(doc)
    return tokens


def run_claimcheck(engine: Any, docs: list[Document], batch_size: int) -> int:
    """Check every document with ``Engine.check_many``; returns the number of claim candidates."""
    del batch_size  # the engine parses with its own batch size (claimcheck.analysis.nlp.parse, 64)
    items = ({"id": d.id, "text": d.text, "published": d.published} for d in docs)
    return sum(report.candidates for report in engine.check_many(items))


@dataclass
class Timing:
    seconds: float
    cpu: float


def timed(fn: Callable[[], Any]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


@dataclass
class ModeResult:
    mode: str
    documents: int
    words: int
    rounds: list[dict[str, float]]
    bare_seconds: float
    claimcheck_seconds: float
    bare_words_per_second: float
    claimcheck_words_per_second: float
    ratio: float
    cpu_ratio: float
    claims_candidates: int
    pairs: int = 0
    pair_ratio: float = 0.0
    pair_ratio_spread: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    pair_cpu_ratio: float = 0.0
    pair_cpu_ratio_spread: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    pooled_cpu_ratio: float = 0.0


def _slices(docs: list[Document], most: int) -> list[list[Document]]:
    """``docs`` cut into the fewest runs of at most ``most`` documents, as even as they can be."""
    count = -(-len(docs) // most)
    size, extra = divmod(len(docs), count)
    out, at = [], 0
    for k in range(count):
        n = size + (1 if k < extra else 0)
        out.append(docs[at : at + n])
        at += n
    return out


def _spread(values: list[float]) -> tuple[float, float, float, float]:
    """Minimum, lower quartile, upper quartile and maximum."""
    if len(values) < 2:
        v = values[0] if values else 0.0
        return (v, v, v, v)
    q = statistics.quantiles(values, n=4, method="inclusive")
    return (round(min(values), 3), round(q[0], 3), round(q[2], 3), round(max(values), 3))


def measure_mode(engine: Any, docs: list[Document], mode: str, rounds: int, batch_size: int,
                 slice_docs: int | None = None, shipped_ruler: bool = True) -> ModeResult:
    """Warm up, then time bare and claimcheck in pairs, slice by slice, for ``rounds`` rounds.

    The corpus is cut into slices of at most ``slice_docs`` documents (default
    ``batch_size``, so bare spaCy's batches are the ones of a whole run) and
    each slice is parsed by both sides back to back, the order alternating
    from pair to pair: a pair takes seconds, so both of its sides see the
    same load on a shared machine, where a whole round of one side and then
    of the other may not.  A round is every slice once.
    """
    # Untimed: a whole bare pass fills the lemmatizer's cache and the vocabulary, which both sides share
    # (a first pass over new text is up to a tenth slower); a short claimcheck pass loads its lazy parts.
    run_bare(engine.nlp, docs, batch_size, shipped_ruler)
    run_claimcheck(engine, docs[: max(10, len(docs) // 20)], batch_size)
    words = count_words(docs)
    slices = _slices(docs, slice_docs or batch_size)
    per_round: list[dict[str, float]] = []
    pairs: list[tuple[Timing, Timing]] = []
    candidates = 0
    for r in range(rounds):
        got: dict[str, Timing] = {"bare": Timing(0.0, 0.0), "claimcheck": Timing(0.0, 0.0)}
        round_candidates = 0
        for k, part in enumerate(slices):
            order = ("bare", "claimcheck") if (r * len(slices) + k) % 2 == 0 else ("claimcheck", "bare")
            pair: dict[str, Timing] = {}
            for side in order:
                if side == "bare":
                    pair[side] = timed(lambda part=part: run_bare(engine.nlp, part, batch_size, shipped_ruler))  # type: ignore[misc]
                else:
                    found: list[int] = []
                    pair[side] = timed(lambda part=part, found=found: found.append(  # type: ignore[misc]
                        run_claimcheck(engine, part, batch_size)))
                    round_candidates += found[0]
                got[side] = Timing(got[side].seconds + pair[side].seconds, got[side].cpu + pair[side].cpu)
            pairs.append((pair["bare"], pair["claimcheck"]))
        candidates = round_candidates
        print(f"  {mode:9} round {r + 1}/{rounds}: bare {got['bare'].seconds:7.2f} s, claimcheck "
              f"{got['claimcheck'].seconds:7.2f} s ({len(slices)} pairs)", file=sys.stderr, flush=True)
        per_round.append({
            "bare_seconds": round(got["bare"].seconds, 3),
            "claimcheck_seconds": round(got["claimcheck"].seconds, 3),
            "bare_cpu": round(got["bare"].cpu, 3),
            "claimcheck_cpu": round(got["claimcheck"].cpu, 3),
            "ratio": round(got["bare"].seconds / got["claimcheck"].seconds, 4),
            "cpu_ratio": round(got["bare"].cpu / got["claimcheck"].cpu, 4),
        })
    bare_s = statistics.median(r["bare_seconds"] for r in per_round)
    cc_s = statistics.median(r["claimcheck_seconds"] for r in per_round)
    pair_ratios = [b.seconds / c.seconds for b, c in pairs]
    pair_cpu = [b.cpu / c.cpu for b, c in pairs if c.cpu > 0]
    return ModeResult(
        mode=mode,
        documents=len(docs),
        words=words,
        rounds=per_round,
        bare_seconds=bare_s,
        claimcheck_seconds=cc_s,
        bare_words_per_second=round(words / bare_s),
        claimcheck_words_per_second=round(words / cc_s),
        ratio=round(statistics.median(r["ratio"] for r in per_round), 3),
        cpu_ratio=round(statistics.median(r["cpu_ratio"] for r in per_round), 3),
        claims_candidates=candidates,
        pairs=len(pairs),
        pair_ratio=round(statistics.median(pair_ratios), 3),
        pair_ratio_spread=_spread(pair_ratios),
        pair_cpu_ratio=round(statistics.median(pair_cpu), 3) if pair_cpu else 0.0,
        pair_cpu_ratio_spread=_spread(pair_cpu),
        pooled_cpu_ratio=round(sum(b.cpu for b, _ in pairs) / sum(c.cpu for _, c in pairs), 3),
    )


# -- peak memory in a fresh process -------------------------------------------------


def _child_memory(args: argparse.Namespace) -> int:
    """Child process: load, run one side once over the corpus, print peak RSS in MB as JSON."""
    docs = load_corpus(args.data, args.mode_child, args.words, args.per_doc)
    if args.side in ("jobs", "dask", "one"):
        result = {"jobs": _child_jobs, "dask": _child_dask, "one": _child_one}[args.side](args, docs)
        result.update({"side": args.side, "mode": args.mode_child, "peak_rss_mb": round(_peak_rss_mb()[0], 1)})
        print(json.dumps(result))
        return 0
    if args.side == "bare":
        from claimcheck.analysis.nlp import load_pipeline

        run_bare(load_pipeline(), docs, args.batch_size)  # spaCy alone: no engine, model or rule packs loaded
    else:
        run_claimcheck(make_engine(not args.no_model), docs, args.batch_size)
    peak_mb, source = _peak_rss_mb()
    print(json.dumps({"side": args.side, "mode": args.mode_child, "peak_rss_mb": round(peak_mb, 1), "source": source}))
    return 0


def _peak_rss_mb() -> tuple[float, str]:
    """This process's peak resident set size in MB, and where the figure comes from.

    On Linux ``ru_maxrss`` survives ``fork`` + ``exec``: a child started by a
    big parent reports the parent's peak.  ``VmHWM`` in ``/proc/self/status``
    is the high-water mark of this process's own memory, so it is used when
    it exists.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024, "VmHWM"
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, kB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20, "ru_maxrss"


def peak_rss(args: argparse.Namespace, side: str, mode: str) -> tuple[float, str]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_child", side, "--_child-mode", mode,
           "--data", str(args.data), "--words", str(args.words), "--batch-size", str(args.batch_size),
           "--sentences-per-doc", str(args.per_doc)]
    if args.no_model:
        cmd.append("--no-model")
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"throughput: error: the memory subprocess failed: {out.stderr.strip().splitlines()[-1:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return float(result["peak_rss_mb"]), str(result["source"])


# -- scale: --jobs and Dask, each in a fresh process ----------------------------------


def _items(docs: list[Document]) -> list[Any]:
    from claimcheck.text.inputs import InputDocument

    return [InputDocument(text=d.text, source="bench", id=d.id, published=d.published) for d in docs]


def _child_jobs(args: argparse.Namespace, docs: list[Document]) -> dict[str, Any]:
    """Time ``check_parallel`` with ``--jobs`` workers over the corpus, with each worker's start-up and work.

    The workers report (through a queue inherited by ``fork``) when their
    engine is loaded and when each chunk starts and ends, so the steady time
    is measured in the same run as the start-up: from the moment a worker is
    ready to the end of the batch, averaged over the workers (a worker that is
    ready first works longer).  ``tail`` is how long a worker sat idle at the
    end while another finished its last chunk.
    """
    import multiprocessing

    from claimcheck import parallel

    if parallel._context().get_start_method() != "fork":
        raise SystemExit("throughput: error: the jobs measurement needs the fork start method (Linux, one thread)")
    queue = multiprocessing.get_context("fork").SimpleQueue()
    load, check = parallel._init_worker, parallel._check_chunk

    def init_worker(config: dict[str, Any], *inherited: Any) -> None:
        load(config, *inherited)  # a forked worker's inherited engine
        queue.put(("ready", os.getpid(), time.time()))

    def check_chunk(items: list[Any], options: dict[str, Any]) -> Any:
        started, cpu = time.time(), time.process_time()
        out = check(items, options)
        queue.put(("chunk", os.getpid(), started, time.time(), time.process_time() - cpu, len(items)))
        return out

    # Looked up by name when the pool starts and when a task is pickled: the forked workers run these.
    check_chunk.__module__, check_chunk.__qualname__ = check.__module__, check.__qualname__
    parallel._init_worker, parallel._check_chunk = init_worker, check_chunk  # type: ignore[assignment]
    config = {"model": not args.no_model, "lookup": {"enabled": False}}
    items = _items(docs)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin, cpu = time.time(), time.process_time()
    results = list(parallel.check_parallel(items, config=config, jobs=args.jobs))
    end = time.time()
    parent_cpu = time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool is shut down: its workers are reaped
    workers: dict[int, dict[str, Any]] = {}
    while not queue.empty():
        event = queue.get()
        w = workers.setdefault(event[1], {"ready": None, "chunks": []})
        if event[0] == "ready":
            w["ready"] = event[2]
        else:
            w["chunks"].append(event[2:])
    if len(workers) != args.jobs or any(w["ready"] is None for w in workers.values()):
        raise SystemExit(f"throughput: error: {len(workers)} of {args.jobs} workers reported back")
    ready = [w["ready"] - begin for w in workers.values()]
    steady = statistics.mean(end - w["ready"] for w in workers.values())
    workers_peak = after.ru_maxrss / 1024  # the largest worker, kB -> MB
    return {"total_seconds": round(end - begin, 3), "steady_seconds": round(steady, 3),
            "startup_seconds": round(statistics.mean(ready), 3),
            "worker_ready_seconds": [round(x, 3) for x in sorted(ready)],
            "worker_busy_seconds": [round(sum(c[1] - c[0] for c in w["chunks"]), 3) for w in workers.values()],
            "worker_check_cpu": [round(sum(c[2] for c in w["chunks"]), 3) for w in workers.values()],
            "worker_chunks": [len(w["chunks"]) for w in workers.values()],
            "worker_tail_seconds": [round(end - max(c[1] for c in w["chunks"]), 3) if w["chunks"] else None
                                    for w in workers.values()],
            "workers_cpu": round((after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime), 3),
            "parent_cpu": round(parent_cpu, 3), "documents": len(results),
            "worker_peak_rss_mb": [round(workers_peak, 1)] * args.jobs,
            "worker_peak_note": "ru_maxrss of the children: the largest worker, counted for each"}


def _child_one(args: argparse.Namespace, docs: list[Document]) -> dict[str, Any]:
    """Time claimcheck in one fresh process over the corpus, as ``claimcheck check`` checks a batch without workers.

    The engine is loaded and warmed up on :data:`claimcheck.parallel.WARM_TEXT`
    first, as the ``--jobs`` parent does before it forks the workers, so that
    this run and the workers start from the same state, and the text is as new
    to it as to them.  The steady time is the check alone, in this process.
    """
    from claimcheck import parallel
    from claimcheck.engine import Engine

    config = {"model": not args.no_model, "lookup": {"enabled": False}}
    begin = time.time()
    engine = Engine(config=config)
    parallel.warm_engine(engine)
    ready, cpu = time.time(), time.process_time()
    results = list(engine.check_batch(_items(docs), lookup=False))
    end = time.time()
    return {"total_seconds": round(end - begin, 3), "steady_seconds": round(end - ready, 3),
            "startup_seconds": round(ready - begin, 3), "worker_check_cpu": [round(time.process_time() - cpu, 3)],
            "documents": len(results), "worker_peak_rss_mb": [], "parent_cpu": 0.0}


def _process_cpu() -> float:
    return time.process_time()


def _worker_peak_mb() -> float:
    return _peak_rss_mb()[0]


def _child_dask(args: argparse.Namespace, docs: list[Document]) -> dict[str, Any]:
    """Time ``check_bag`` on a LocalCluster of ``--jobs`` worker processes, one thread each."""
    import dask.bag as db
    from distributed import Client

    from claimcheck.dask import EnginePlugin, check_bag, local_cluster

    config = {"model": not args.no_model, "lookup": {"enabled": False}}
    start = time.perf_counter()
    cluster = local_cluster(args.jobs)  # as --dask local[N] starts it
    client = Client(cluster)
    client.register_plugin(EnginePlugin(config))  # each worker loads its engine now
    check_bag(db.from_sequence(_items(docs[: args.jobs]), npartitions=args.jobs), config).compute()
    startup = time.perf_counter() - start
    wall, cpu, workers_cpu = time.perf_counter(), time.process_time(), client.run(_process_cpu)
    records = check_bag(db.from_sequence(_items(docs), npartitions=4 * args.jobs), config).compute()
    seconds = time.perf_counter() - wall
    # Each worker process's CPU over the batch (every thread: the task's, the event loop's), and this
    # process's (the scheduler and the client, which receives the records).
    spent = {k: v - workers_cpu[k] for k, v in client.run(_process_cpu).items()}
    parent_cpu = time.process_time() - cpu
    peaks = client.run(_worker_peak_mb)
    client.close()
    cluster.close()
    return {"total_seconds": round(seconds + startup, 3), "steady_seconds": round(seconds, 3),
            "startup_seconds": round(startup, 3), "documents": len(records),
            "worker_cpu": [round(v, 3) for v in spent.values()], "parent_cpu": round(parent_cpu, 3),
            "worker_peak_rss_mb": [round(v, 1) for v in peaks.values()]}


def _paired(base: Sequence[dict[str, Any] | None], runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Round by round, a one-process run's time over the fresh ``--jobs N`` run's steady time, and its CPU over
    the workers' check CPU; ``base`` holds ``seconds``, ``cpu`` and ``load`` per round (``None`` for a failed run)."""
    pairs = [(b, r) for b, r in zip(base, runs) if b is not None and "error" not in r and r["steady_seconds"] > 0]
    if not pairs:
        return None
    ratios = [round(b["seconds"] / r["steady_seconds"], 3) for b, r in pairs]
    cpu = [round(b["cpu"] / sum(r["worker_check_cpu"]), 3) for b, r in pairs]
    return {"ratios": ratios, "ratio": round(statistics.median(ratios), 3),
            "cpu_efficiencies": cpu, "cpu_efficiency": round(statistics.median(cpu), 3),
            "loads": [(b.get("load", "?"), r.get("load", "?")) for b, r in pairs]}


def _as_base(run: dict[str, Any]) -> dict[str, Any] | None:
    """A fresh one-process run as :func:`_paired` takes it."""
    if "error" in run:
        return None
    return {"seconds": run["steady_seconds"], "cpu": sum(run["worker_check_cpu"]), "load": run["load"]}


def _paired_line(what: str, paired: dict[str, Any], working: int, jobs: int) -> str:
    return (f"  {'':22} against {what} ({len(paired['ratios'])} rounds, alternating): steady speed-up median "
            f"{paired['ratio']:.2f}x (range {min(paired['ratios']):.2f}-{max(paired['ratios']):.2f}); CPU efficiency "
            f"median {paired['cpu_efficiency']:.2f} (range {min(paired['cpu_efficiencies']):.2f}-"
            f"{max(paired['cpu_efficiencies']):.2f}), about {working * paired['cpu_efficiency']:.2f}x with {jobs} free "
            f"cores; load average at the starts {'; '.join(f'{a.split()[0]}, {b.split()[0]}' for a, b in paired['loads'])}")


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median steady time (the lower middle one of an even count), or the first error."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    return sorted(ok, key=lambda r: r["steady_seconds"])[(len(ok) - 1) // 2]


def scale_run(args: argparse.Namespace, side: str, jobs: int | None = None) -> dict[str, Any]:
    jobs = jobs or args.jobs
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_child", side, "--_child-mode", "articles",
           "--data", str(args.data), "--words", str(args.words), "--sentences-per-doc", str(args.per_doc),
           "--jobs", str(jobs)]
    if args.no_model:
        cmd.append("--no-model")
    what = "claimcheck in one process, no workers" if side == "one" else f"{jobs} workers"
    print(f"  {side}: a fresh process, {what} ...", file=sys.stderr, flush=True)
    load = load_average()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        tail = out.stderr.strip().splitlines()[-3:]
        return {"side": side, "error": " | ".join(tail)}
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "load": load}


# -- cold start: bench/cold_start.py ------------------------------------------------------

from cold_start import cold_start, summary as cold_summary  # noqa: E402 -- beside this script


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# -- profile -------------------------------------------------------------------------


def profile(engine: Any, docs: list[Document], batch_size: int, path: Path | None, top: int = 25) -> dict[str, Any]:
    """Profile one claimcheck run and split its time by module (own time)."""
    profiler = cProfile.Profile()
    profiler.enable()
    run_claimcheck(engine, docs, batch_size)
    profiler.disable()
    if path is not None:
        profiler.dump_stats(str(path))
    stats = pstats.Stats(profiler)
    by_area: collections.Counter[str] = collections.Counter()
    total = 0.0
    for (filename, _line, _func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_area[_area(filename)] += tottime
        total += tottime
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(r"claimcheck", top)
    return {"total_seconds": round(total, 2), "by_area": {k: round(v, 2) for k, v in by_area.most_common()},
            "stages": _stages(stats), "top_claimcheck": buffer.getvalue()}


def _area(filename: str) -> str:
    """Group a profiled file into the part of the system it belongs to."""
    path = filename.replace("\\", "/")
    if "/claimcheck/" in path:
        part = path.split("/claimcheck/", 1)[1]
        return "claimcheck/" + (part.split("/", 1)[0] + "/*" if "/" in part else part)
    for name in ("spacy", "thinc", "dateparser", "numpy", "pluggy", "regex", "srsly", "blis"):
        if f"/{name}/" in path or path.startswith(f"{name}/"):
            return name
    if filename.startswith("<") or filename == "~":
        return "builtins (C calls)"
    return "python stdlib / other"


#: Stages of a claimcheck run, as (file suffix, function) whose cumulative time is reported.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("normalise (text.py)", "claimcheck/text/normalise.py", "normalise"),
    ("analyse_document (document.py)", "claimcheck/analysis/document.py", "analyse_document"),
    ("make_doc: tokenize + sentence marks (nlp.py)", "claimcheck/analysis/nlp.py", "make_doc"),
    ("claimcheck_entity_fixes component", "claimcheck/analysis/components.py", "entity_fixes_component"),
    ("per-document report (engine._report)", "claimcheck/engine.py", "_report"),
    ("  hedges (HedgeFinder.find)", "claimcheck/analysis/hedges.py", "find"),
    ("  SpeakerResolver", "claimcheck/analysis/attribution.py", "__init__"),
    ("  candidates (claims.find_candidates)", "claimcheck/analysis/claims.py", "find_candidates"),
    ("  model.predict", "claimcheck/model/__init__.py", "predict"),
    ("  per-claim enrichment (_claim)", "claimcheck/engine.py", "_claim"),
    ("    attribute", "claimcheck/analysis/attribution.py", "attribute"),
    ("    classify (claim_types)", "claimcheck/analysis/claim_types.py", "classify"),
    ("    score_claim", "claimcheck/analysis/scoring.py", "score_claim"),
    ("    dates.resolve", "claimcheck/analysis/dates.py", "resolve"),
    ("  rule packs (RuleSet.apply)", "claimcheck/rules/ruleset.py", "apply"),
    ("  plugins.call (pluggy hooks)", "claimcheck/plugins/manager.py", "call"),
    ("  doc.sents count", "claimcheck/engine.py", "<genexpr>"),
)


def _stages(stats: pstats.Stats) -> dict[str, float]:
    out: dict[str, float] = {}
    for label, suffix, func in STAGES:
        total = 0.0
        for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            if name == func and filename.replace("\\", "/").endswith(suffix):
                total += cumtime
        out[label] = round(total, 3)
    return out


# -- report ----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import spacy

    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "spacy": spacy.__version__, "platform": platform.platform()}


def print_table(results: list[ModeResult], info: dict[str, Any]) -> None:
    print(f"machine: {info['cpu']}, {info['cores']} cores; Python {info['python']}; spaCy {info['spacy']}; "
          f"pipeline {info['pipeline']}; model {info['model']}; load average {info['load_before']} before the "
          f"rounds, {info['load_after']} after")
    print(f"{'mode':10} {'docs':>6} {'words':>8} | {'bare s':>7} {'bare w/s':>9} | {'cc s':>7} {'cc w/s':>9} | "
          f"{'ratio':>5} {'cpu':>5} {'rounds':>17}")
    for r in results:
        per = " ".join(f"{x['ratio']:.2f}" for x in r.rounds)
        print(f"{r.mode:10} {r.documents:6d} {r.words:8,d} | {r.bare_seconds:7.2f} {r.bare_words_per_second:9,d} | "
              f"{r.claimcheck_seconds:7.2f} {r.claimcheck_words_per_second:9,d} | {r.ratio:5.2f} {r.cpu_ratio:5.2f} {per:>17}")
    print(f"ratio = bare s / claimcheck s, median of rounds (target >= {TARGET_RATIO}); cpu = the same on process CPU time; "
          f"bare spaCy's attribute ruler: {info.get('bare_ruler', 'shipped')}")
    for r in results:
        lo, q1, q3, hi = r.pair_ratio_spread
        clo, cq1, cq3, chi = r.pair_cpu_ratio_spread
        print(f"{r.mode:10} paired slices ({r.pairs} pairs, each slice bare and claimcheck back to back): median ratio "
              f"{r.pair_ratio:.3f} (quartiles {q1:.2f}-{q3:.2f}, range {lo:.2f}-{hi:.2f}); CPU time: median "
              f"{r.pair_cpu_ratio:.3f} (quartiles {cq1:.2f}-{cq3:.2f}, range {clo:.2f}-{chi:.2f}), all pairs pooled "
              f"{r.pooled_cpu_ratio:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the shared data folder (default {DEFAULT_DATA})")
    parser.add_argument("--words", type=int, default=100_000, help="corpus size per mode, in words (default 100000)")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both", help="document shape (default both)")
    parser.add_argument("--sentences-per-doc", dest="per_doc", type=int, default=SENTENCES_PER_DOC,
                        help=f"sentences per document in the articles mode (default {SENTENCES_PER_DOC})")
    parser.add_argument("--rounds", type=int, default=3, help="alternating timed rounds per mode (default 3)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size for bare spaCy, in documents (default 64, the engine's cap; "
                             "the engine also caps a batch at claimcheck.analysis.nlp.BATCH_TOKENS tokens)")
    parser.add_argument("--slice-docs", type=int, default=None,
                        help="documents per timed pair of bare and claimcheck (default: --batch-size)")
    parser.add_argument("--no-model", action="store_true", help="score without the trained model")
    parser.add_argument("--bare-ruler", choices=("shipped", "lookup"), default="shipped",
                        help="bare spaCy's attribute ruler: spaCy's own Matcher, as spaCy ships it (default), or "
                             "claimcheck's look-ups, which give the same tokens faster (the report's cost alone)")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory subprocesses")
    parser.add_argument("--profile", type=Path, nargs="?", const=Path("-"), default=None,
                        help="also profile one claimcheck run of the first mode (cProfile); PATH keeps the .prof file")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the jobs and Dask measurements (default 2)")
    parser.add_argument("--no-scale", action="store_true", help="skip the jobs and Dask measurements")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask measurement (keep the jobs one)")
    parser.add_argument("--scale-rounds", type=int, default=1,
                        help="fresh --jobs 1 and --jobs N runs each, alternating (default 1; 0 skips them, as --no-scale)")
    parser.add_argument("--cold-rounds", type=int, default=5, help="fresh processes per side for the cold start (default 5; 0 skips it)")
    parser.add_argument("--cold-no-compile", action="store_true",
                        help="time the cold start without first compiling claimcheck's bytecode (an editable install "
                             "under PYTHONDONTWRITEBYTECODE=1 then recompiles it every run)")
    parser.add_argument("--_child", dest="side", choices=("bare", "claimcheck", "jobs", "dask", "one"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--_child-mode", dest="mode_child", choices=MODES, default="articles", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.words, args.rounds, args.batch_size, args.per_doc) < 1:
        parser.error("--words, --rounds, --batch-size and --sentences-per-doc must be positive")
    if args.side:
        return _child_memory(args)

    modes = MODES if args.mode == "both" else (args.mode,)
    corpora = {mode: load_corpus(args.data, mode, args.words, args.per_doc) for mode in modes}  # fail fast on missing data
    started = time.perf_counter()
    from claimcheck.analysis.nlp import pipeline_name

    engine = make_engine(not args.no_model)
    info = machine()
    info["bare_ruler"] = args.bare_ruler
    info["pipeline"] = pipeline_name(engine.nlp)
    info["components"] = [c for c in engine.nlp.pipe_names]
    info["model"] = getattr(engine.model, "name", None) or "features only"
    rules = engine.rules
    info["rules"] = len(getattr(rules, "rules", []) or []) if rules is not None else 0
    info["load_before"] = load_average()
    results = [measure_mode(engine, corpora[mode], mode, args.rounds, args.batch_size, args.slice_docs,
                            args.bare_ruler == "shipped") for mode in modes]
    info["load_after"] = load_average()

    memory: dict[str, Any] = {}
    if not args.no_memory:
        print("  peak memory: fresh subprocesses ...", file=sys.stderr, flush=True)
        for mode in modes:
            for side in ("bare", "claimcheck"):
                memory[f"{mode}_{side}_peak_rss_mb"], memory["source"] = peak_rss(args, side, mode)

    scale: dict[str, Any] = {}
    # --scale-rounds 0 asks for no --jobs runs: the same as --no-scale (there would be no run to take a median of).
    if not args.no_scale and args.scale_rounds > 0 and "articles" in modes:
        scale["load_before"] = load_average()
        # --jobs 1 and --jobs N alternate, each in a fresh process started the same way: the speed-up is
        # between two runs that both start cold (a fresh lemmatizer cache and vocabulary in every worker).
        # Each round also times the warm engine of this process over the whole corpus, beside the fresh runs
        # (this process is idle while they run): the one-process rate of the rounds above was measured minutes
        # earlier, and on a shared machine the load (and with it even the CPU time) moves in minutes.
        # And each round runs claimcheck in one fresh process ("one"), also next to --jobs N: the warm engine
        # re-checks text it has parsed before, which a real batch never does (a second pass over the same text
        # costs 7-10% less CPU than the first), while "one" starts where the workers start: loaded, warmed up
        # on parallel.WARM_TEXT, the corpus new to it.
        runs: dict[int, list[dict[str, Any]]] = {1: [], args.jobs: []}
        warm: list[dict[str, Any]] = []
        fresh: list[dict[str, Any]] = []
        articles = corpora["articles"]
        for r in range(args.scale_rounds):
            # --jobs N always between the warm pass and the fresh one process, their order alternating.
            for step in (("warm", args.jobs, "one", 1) if r % 2 == 0 else (1, "one", args.jobs, "warm")):
                if step == "warm":
                    print("  jobs: the warm engine of this process, beside them ...", file=sys.stderr, flush=True)
                    t = timed(lambda: run_claimcheck(engine, articles, args.batch_size))
                    warm.append({"seconds": round(t.seconds, 3), "cpu": round(t.cpu, 3), "load": load_average()})
                elif step == "one":
                    fresh.append(scale_run(args, "one", 1))
                else:
                    runs[int(step)].append(scale_run(args, "jobs", int(step)))
        scale["jobs_runs"] = {str(k): v for k, v in runs.items()}
        scale["warm_runs"] = warm
        scale["one_runs"] = fresh
        scale["jobs"] = _median_run(runs[args.jobs])
        scale["jobs_1"] = _median_run(runs[1])
        if not args.no_dask:
            scale["dask"] = scale_run(args, "dask")
        scale["load_after"] = load_average()
    cold: dict[str, Any] | None = None
    if args.cold_rounds > 0:
        print("  cold start: fresh processes ...", file=sys.stderr, flush=True)
        cold = cold_start(args.cold_rounds, compile_bytecode=not args.cold_no_compile)

    profiled: dict[str, Any] | None = None
    if args.profile is not None:
        profiled = profile(engine, corpora[modes[0]], args.batch_size, None if str(args.profile) == "-" else args.profile)

    print_table(results, info)
    if memory:
        print(f"peak RSS ({memory['source']} of a fresh process per side and corpus: bare loads only the spaCy "
              f"pipeline, claimcheck the engine, model and rule packs), target claimcheck < {TARGET_RSS_MB:.0f} MB:")
        for mode in modes:
            print(f"  {mode:10} bare spaCy {memory[f'{mode}_bare_peak_rss_mb']:5.0f} MB   "
                  f"claimcheck {memory[f'{mode}_claimcheck_peak_rss_mb']:5.0f} MB")
    if scale:
        one = next(r for r in results if r.mode == "articles")
        one_rate = one.words / one.claimcheck_seconds
        print(f"scale ({one.words:,} words of articles; load average {scale['load_before']} before, {scale['load_after']} after; "
              f"claimcheck in one process {one_rate:,.0f} words/s, bare spaCy {one.words / one.bare_seconds:,.0f} words/s):")
        one_cold = scale.get("jobs_1", {})
        for side in ("jobs", "dask"):
            if side not in scale:
                continue
            r = scale[side]
            if "error" in r:
                print(f"  {side:5} failed: {r['error']}")
                continue
            steady = one.words / r["steady_seconds"]
            with_start = one.words / r["total_seconds"]
            label = f"--jobs {args.jobs}" if side == "jobs" else f"Dask local, {args.jobs} workers"
            print(f"  {label:22} {steady:8,.0f} words/s ({steady / one_rate:4.2f}x one process; {with_start:,.0f} words/s "
                  f"with the {r['startup_seconds']:.1f} s start-up); peak RSS parent {r['peak_rss_mb']:.0f} MB, "
                  f"workers {', '.join(f'{m:.0f}' for m in r['worker_peak_rss_mb'])} MB")
            r["steady_words_per_second"] = round(steady)
            r["speedup_vs_one_process"] = round(steady / one_rate, 3)
            if side == "jobs" and "steady_seconds" in one_cold:
                cold_rate = one.words / one_cold["steady_seconds"]
                r["speedup_vs_jobs_1"] = round(steady / cold_rate, 3)
                # On a shared machine the wall clock shows how many cores were free; the CPU time the
                # workers spent on the same documents shows what the split itself costs.
                efficiency = sum(one_cold["worker_check_cpu"]) / sum(r["worker_check_cpu"])
                r["cpu_efficiency_vs_jobs_1"] = round(efficiency, 3)
                print(f"  {'':22} against --jobs 1 started the same way ({cold_rate:,.0f} words/s, median of "
                      f"{len(scale['jobs_runs']['1'])} fresh runs): {steady / cold_rate:4.2f}x; workers' check CPU "
                      f"{sum(r['worker_check_cpu']):.1f} s against {sum(one_cold['worker_check_cpu']):.1f} s in one; "
                      f"chunks {r['worker_chunks']}, idle at the end {r['worker_tail_seconds']} s; "
                      f"parent CPU {r['parent_cpu']:.2f} s")
                working = sum(1 for n in r["worker_chunks"] if n)  # a batch of fewer tasks than workers leaves some idle
                print(f"  {'':22} CPU efficiency {efficiency:.2f} (one worker's check CPU over the {args.jobs} workers'): "
                      f"with {args.jobs} free cores the steady speed-up would be about {working * efficiency:.2f}x")
                # The same against the warm engine of this process (the median of its rounds' CPU): what the
                # workers spend beyond it is what a split costs against the best one process does.
                warm_cpu = statistics.median(x["claimcheck_cpu"] for x in one.rounds)
                warm_efficiency = warm_cpu / sum(r["worker_check_cpu"])
                r["cpu_efficiency_vs_one_process"] = round(warm_efficiency, 3)
                print(f"  {'':22} against the warm engine in one process (check CPU {warm_cpu:.1f} s, median of "
                      f"{len(one.rounds)} rounds): CPU efficiency {warm_efficiency:.2f}, about "
                      f"{working * warm_efficiency:.2f}x with {args.jobs} free cores")
                runs_n = scale["jobs_runs"][str(args.jobs)]
                for key, what, base in (
                        ("paired_vs_one_process", "claimcheck in one fresh process on the same new text, beside each run",
                         [_as_base(o) for o in scale["one_runs"]]),
                        ("paired_vs_warm", "the warm engine timed beside each fresh run (it re-checks text it has parsed before)",
                         scale["warm_runs"])):
                    paired = _paired(base, runs_n)
                    if paired:
                        r[key] = paired
                        print(_paired_line(what, paired, working, args.jobs))
            if side == "dask" and scale.get("one_runs"):
                fresh_cpu = statistics.median(sum(o["worker_check_cpu"]) for o in scale["one_runs"] if "error" not in o)
                efficiency = fresh_cpu / sum(r["worker_cpu"])
                r["cpu_efficiency_vs_one_process"] = round(efficiency, 3)
                print(f"  {'':22} workers' CPU {sum(r['worker_cpu']):.1f} s ({', '.join(f'{c:.1f}' for c in r['worker_cpu'])}) "
                      f"against {fresh_cpu:.1f} s for claimcheck in one fresh process (median of the rounds): CPU "
                      f"efficiency {efficiency:.2f}, about {args.jobs * efficiency:.2f}x with {args.jobs} free cores; "
                      f"scheduler and client CPU {r['parent_cpu']:.2f} s")
    if cold is not None:
        print(cold_summary(cold))
    if profiled is not None:
        print(f"\nprofile of one claimcheck run ({modes[0]}), own time by area, of {profiled['total_seconds']:.1f} s profiled:")
        for area, seconds in profiled["by_area"].items():
            if seconds >= 0.05:
                print(f"  {area:34} {seconds:7.2f} s  {100 * seconds / profiled['total_seconds']:5.1f}%")
        print("cumulative time by claimcheck stage (under cProfile, which inflates Python-heavy code):")
        for label, seconds in profiled["stages"].items():
            print(f"  {label:46} {seconds:7.2f} s  {100 * seconds / profiled['total_seconds']:5.1f}%")
        print(profiled["top_claimcheck"])
    elapsed = time.perf_counter() - started
    print(f"total run time {elapsed:.0f} s")

    if args.json:
        payload = {
            "machine": info,
            "settings": {"words": args.words, "rounds": args.rounds, "batch_size": args.batch_size,
                         "sentences_per_article": args.per_doc, "corpus": str(DEBATES),
                         "plugins_env": os.environ.get("CLAIMCHECK_LOAD_PLUGINS")},
            "results": [asdict(r) for r in results],
            "memory": memory,
            "scale": scale or None,
            "cold_start": cold,
            "targets": {"ratio": TARGET_RATIO, "peak_rss_mb": TARGET_RSS_MB},
            "profile": {k: v for k, v in (profiled or {}).items() if k != "top_claimcheck"} or None,
            "elapsed_seconds": round(elapsed, 1),
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
