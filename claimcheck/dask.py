"""More than one machine: a batch checked on a Dask cluster (``claimcheck check --dask``).

The flow is that of a local batch, spread out:

* :func:`read_documents` reads JSON Lines from files, globs or any fsspec URL
  (``s3://``, ``gcs://``, ``https://`` with the matching fsspec package) into a
  ``dask.bag`` of documents, one partition per file, with the same line-by-line
  checks as ``claimcheck check`` (a bad line becomes an error record);
* :func:`check_bag` checks a bag of documents on the workers, each of which
  holds one engine, loaded once by :class:`EnginePlugin`, and gives a bag of
  JSON records (reports and error records) in input order;
* :func:`write_records` writes one JSON Lines (or Parquet) file per partition,
  named so that a later run with ``resume`` adds files beside them;
  :func:`done_ids` reads back the ids already written.

:func:`check_files` ties them together; ``claimcheck check --dask`` calls it.
Dask and distributed are an optional extra: ``pip install 'claimcheck[dask]'``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import threading
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from claimcheck.batch import BatchTally, DocumentError
from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.text.inputs import InputDocument, RefusedInput, parse_jsonl_line

try:
    import dask
    import dask.bag as db
    import fsspec  # type: ignore[import-untyped]
    from dask.bytes import read_bytes
    from distributed import Client, LocalCluster, get_worker
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # the optional extra is not installed
    raise ClaimcheckError(
        ErrorCode.BAD_OPTION,
        f"checking on a Dask cluster needs Dask and distributed ({exc.name} is missing): pip install 'claimcheck[dask]'",
    ) from None

if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from claimcheck.engine import Engine

__all__ = ["EnginePlugin", "check_bag", "check_files", "connect", "done_ids", "iter_records", "local_cluster",
           "read_documents", "write_records"]

#: Output formats :func:`write_records` can write.
FORMATS = ("jsonl", "parquet")

#: Dask settings for the workers of a local cluster (:func:`local_cluster`).
#: Distributed's statistical profiler samples the running task's stack every
#: 10 ms and ships the samples to the scheduler: with it on, two workers spent
#: 6.7-7.6 s of CPU on 25,000 words against 5.9-6.6 s with it off (four
#: alternating runs each), about a tenth of their time for a dashboard view.
#: And distributed starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, so
#: that glibc hands freed memory back at once: a parse frees and takes back
#: tens of megabytes per batch, so each batch faulted it in again (440,000 page
#: faults per 25,000 words against 1,600-2,700 with glibc's default, and 5.7
#: against 4.9-5.1 s of CPU). The workers keep glibc's default, as a
#: ``--jobs`` worker does (a user's own setting in the environment still holds).
WORKER_CONFIG: dict[str, Any] = {"distributed.worker.profile.enabled": False,
                                 "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}

_local_engines: dict[str, Engine] = {}
_engine_lock = threading.Lock()


def _config_key(config: dict[str, Any] | None) -> str:
    blob = json.dumps(config or {}, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]


class EnginePlugin(WorkerPlugin):
    """Loads one claimcheck engine on each worker, when the worker starts or joins.

    Args:
        config: the engine configuration (as :class:`claimcheck.engine.Engine` takes it).
    """

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = dict(config or {})
        self.key = _config_key(self.config)
        self.name = f"claimcheck-engine-{self.key}"

    def setup(self, worker: Any) -> None:
        engines: dict[str, Engine] = worker.__dict__.setdefault("_claimcheck_engines", {})
        if self.key not in engines:  # registering again (a second run) keeps the loaded engine
            engines[self.key] = _load_engine(self.config)
            # The engine lives as long as the worker: frozen, its objects are left
            # out of the collector's full passes over the heap, as in a --jobs worker.
            gc.freeze()


def _load_engine(config: dict[str, Any]) -> Engine:
    from claimcheck.engine import Engine
    from claimcheck.parallel import warm_engine

    engine = Engine(config=config)
    warm_engine(engine)  # loaded and warmed up now (the model, rule packs, dateparser), not in the first task
    return engine


def _engine_for(config: dict[str, Any]) -> Engine:
    """The engine the plugin loaded on this worker; outside a worker, one per process."""
    key = _config_key(config)
    try:
        engines = get_worker().__dict__.get("_claimcheck_engines", {})
    except ValueError:  # not on a distributed worker (a local Dask scheduler)
        engines = {}
    if key in engines:
        return engines[key]
    with _engine_lock:
        if key not in _local_engines:
            _local_engines[key] = _load_engine(config)
        return _local_engines[key]


# -- reading -------------------------------------------------------------------


def _parse_file(block: bytes, path: str) -> list[InputDocument | RefusedInput]:
    items: list[InputDocument | RefusedInput] = []
    for lineno, raw in enumerate(block.splitlines(keepends=True), start=1):
        item = parse_jsonl_line(raw, lineno, path)
        if item is not None:
            items.append(item)
    return items


def read_documents(urlpath: str | list[str], *, npartitions: int | None = None,
                   storage_options: dict[str, Any] | None = None) -> db.Bag:
    """Read JSON Lines batches into a bag of documents (and refused lines), in file and line order.

    Args:
        urlpath: a path, a glob (``archive/2024-*.jsonl``), any fsspec URL, or a list of them.
        npartitions: split the documents into this many partitions (default:
            one per file); more partitions than workers keeps every worker busy.
        storage_options: passed to fsspec (credentials, endpoints).

    Returns:
        A bag of :class:`InputDocument` and :class:`RefusedInput` items.

    Raises:
        ClaimcheckError: ``CC101`` when nothing matches ``urlpath``.
    """
    try:
        _sample, blocks, paths = read_bytes(urlpath, delimiter=b"\n", blocksize=None, sample=False,
                                            include_path=True, **(storage_options or {}))
    except (FileNotFoundError, OSError) as exc:
        raise ClaimcheckError(ErrorCode.FILE_NOT_FOUND, f"{urlpath}: no JSON Lines files found ({exc})") from None
    if not paths:
        raise ClaimcheckError(ErrorCode.FILE_NOT_FOUND, f"{urlpath}: no JSON Lines files found")
    parts = [dask.delayed(_parse_file)(file_blocks[0], path) for file_blocks, path in zip(blocks, paths, strict=True)]
    bag = db.from_delayed(parts)
    if npartitions and npartitions != bag.npartitions:
        bag = bag.repartition(npartitions=npartitions)
    return bag


# -- checking ------------------------------------------------------------------


def _check_partition(items: Iterable[InputDocument | RefusedInput], config: dict[str, Any], options: dict[str, Any],
                     published: str | None) -> list[dict[str, Any]]:
    engine = _engine_for(config)
    docs = [i if not isinstance(i, InputDocument) or i.published or published is None
            else InputDocument(text=i.text, source=i.source, id=i.id, published=published, line=i.line)
            for i in items]
    with _engine_lock:  # one engine per worker: tasks on a worker with several threads take turns
        return [result.to_dict() for result in engine.check_batch(docs, **options)]


def check_bag(bag: db.Bag, config: dict[str, Any] | None = None, *, published: dt.date | str | None = None,
              **options: Any) -> db.Bag:
    """Check a bag of documents on the cluster; the result is a bag of JSON records in the same order.

    Register :class:`EnginePlugin` with the same ``config`` on the client first
    (:func:`connect` does) so that each worker loads its engine once; without
    it each worker process loads one on its first task.

    Args:
        bag: :class:`InputDocument` / :class:`RefusedInput` items (from
            :func:`read_documents`), or ``{"id", "text", "published"?}`` dicts.
        config: the engine configuration.
        published: the publication date for documents that give none.
        **options: per-call options, as for :meth:`claimcheck.engine.Engine.check`.

    Returns:
        A bag of report dicts (``docs/report.md``) and error records (with an ``"error"`` key).
    """
    date = published if published is None or isinstance(published, str) else published.isoformat()
    return bag.map_partitions(_as_items).map_partitions(_check_partition, dict(config or {}), options, date)


def _as_items(items: Iterable[Any]) -> list[InputDocument | RefusedInput]:
    out: list[InputDocument | RefusedInput] = []
    for item in items:
        if isinstance(item, dict):
            item = InputDocument(text=str(item["text"]), source=str(item.get("source", "<bag>")),
                                 id=None if item.get("id") is None else str(item["id"]), published=item.get("published"))
        out.append(item)
    return out


# -- writing and resuming ------------------------------------------------------------


def _tally(records: list[dict[str, Any]], fail_on: str | None) -> dict[str, Any]:
    from claimcheck.report import SEVERITIES

    tally = BatchTally()
    floor = SEVERITIES.index(fail_on) if fail_on in SEVERITIES else None
    reached = 0
    for record in records:
        error = record.get("error")
        if error:
            tally.add(DocumentError(id=None, source=None, code=error["code"], message=error["message"], kind=error["kind"]))
            continue
        tally.checked += 1
        if floor is not None and any(SEVERITIES.index(f["severity"]) >= floor
                                     for f in record.get("findings", []) if f.get("severity") in SEVERITIES):
            reached += 1
    return {"checked": tally.checked, "refused": tally.refused, "internal": tally.internal, "codes": tally.codes,
            "reached": reached}


_PARQUET_COLUMNS = ("id", "source", "line", "error_code", "error_message", "claims", "findings", "record")


def _write_partition(records: list[dict[str, Any]], path: str, fmt: str,
                     storage_options: dict[str, Any], fail_on: str | None = None) -> dict[str, Any]:
    with fsspec.open(path, "wb", **storage_options) as handle:
        if fmt == "jsonl":
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        else:
            import pyarrow as pa  # type: ignore[import-untyped]
            import pyarrow.parquet as pq  # type: ignore[import-untyped]

            rows = [{
                "id": r["document"].get("id"), "source": r["document"].get("source"),
                "line": (r.get("error") or {}).get("line"),
                "error_code": (r.get("error") or {}).get("code"), "error_message": (r.get("error") or {}).get("message"),
                "claims": len(r.get("claims", [])), "findings": len(r.get("findings", [])),
                "record": json.dumps(r, ensure_ascii=False, separators=(",", ":")),
            } for r in records]
            schema = pa.schema([("id", pa.string()), ("source", pa.string()), ("line", pa.int64()),
                                ("error_code", pa.string()), ("error_message", pa.string()),
                                ("claims", pa.int64()), ("findings", pa.int64()), ("record", pa.string())])
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), handle)
    return _tally(records, fail_on)


def write_records(records: db.Bag, output: str, *, fmt: str = "jsonl", run: str | None = None,
                  storage_options: dict[str, Any] | None = None, fail_on: str | None = None) -> BatchTally:
    """Write a bag of records as one file per partition and count what was written.

    Files are named ``part-<run>-<partition>.<fmt>``, where ``run`` is the
    start time, so that the files of a resumed run sort after the earlier ones.
    A Parquet file has the columns ``id, source, line, error_code,
    error_message, claims, findings`` and ``record`` (the whole JSON record).

    Args:
        records: the bag :func:`check_bag` returns.
        output: the folder (or fsspec URL).
        fmt: ``jsonl`` or ``parquet``.
        run: the name of this run in the file names (default: the start time).
        storage_options: fsspec options.
        fail_on: also count the reports with a finding at or above this
            severity (``BatchTally.reached``), for ``--fail-on``.

    Returns:
        The tally of reports and error records written.
    """
    if fmt not in FORMATS:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"--dask writes {' or '.join(FORMATS)}, not {fmt!r}")
    if fmt == "parquet":
        try:
            import pyarrow  # type: ignore[import-untyped]  # noqa: F401
        except ImportError:
            raise ClaimcheckError(ErrorCode.BAD_OPTION, "Parquet output needs pyarrow: pip install 'claimcheck[dask]'") from None
    options = dict(storage_options or {})
    fs, root = fsspec.core.url_to_fs(output, **options)
    fs.makedirs(root, exist_ok=True)
    stamp = run or time.strftime("%Y%m%dT%H%M%S")
    base = output.rstrip("/")
    writes = [dask.delayed(_write_partition)(part, f"{base}/part-{stamp}-{i:05d}.{fmt}", fmt, options, fail_on)
              for i, part in enumerate(records.to_delayed())]
    total = BatchTally()
    for counts in dask.compute(*writes):
        total.checked += counts["checked"]
        total.refused += counts["refused"]
        total.internal += counts["internal"]
        total.reached += counts["reached"]
        for code, n in counts["codes"].items():
            total.codes[code] = total.codes.get(code, 0) + n
    return total


def done_ids(output: str, storage_options: dict[str, Any] | None = None) -> set[str]:
    """The ids of the documents already in an output folder (reports and error records alike).

    A line refused before its id could be read counts as ``source:line``.
    """
    fs, root = fsspec.core.url_to_fs(output, **(storage_options or {}))
    if not fs.exists(root):
        return set()
    ids: set[str] = set()
    for path in sorted(fs.glob(f"{root.rstrip('/')}/part-*")):
        if path.endswith(".jsonl"):
            with fs.open(path, "rb") as handle:
                for line in handle:
                    if line.strip():
                        ids.add(_record_key(json.loads(line)["document"]))
        elif path.endswith(".parquet"):
            import pyarrow.parquet as pq  # type: ignore[import-untyped]

            with fs.open(path, "rb") as handle:
                table = pq.read_table(handle, columns=["id", "source", "line"]).to_pylist()
                ids.update(_record_key(row) for row in table)
    return ids


def _record_key(document: dict[str, Any]) -> str:
    """A document's id; for a line refused before its id could be read, ``source:line``."""
    if document.get("id") is not None:
        return str(document["id"])
    return f"{document.get('source')}:{document.get('line')}"


def _skip(items: Iterable[InputDocument | RefusedInput], done: frozenset[str]) -> list[InputDocument | RefusedInput]:
    return [i for i in items if (i.id if i.id is not None else f"{i.source}:{i.line}") not in done]


# -- the command line ----------------------------------------------------------------


_LOCAL = re.compile(r"local(?:\[(\d+)\])?")


def local_cluster(workers: int) -> LocalCluster:
    """A cluster of ``workers`` local worker processes, as ``--dask local[N]`` starts it.

    One thread per worker: the engine is used by one task at a time, and
    spaCy's parse is CPU-bound, so more threads would only queue.  The
    workers run with :data:`WORKER_CONFIG`.
    """
    with dask.config.set(WORKER_CONFIG):  # the nannies hand the configuration to the worker processes
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def connect(address: str, config: dict[str, Any] | None = None) -> Client:
    """A client for ``address`` (``tcp://host:8786``, or ``local[N]`` for N local worker processes),
    with :class:`EnginePlugin` registered so that every worker, present or joining later, loads the engine.
    """
    local = _LOCAL.fullmatch(address)
    try:
        if local:
            workers = int(local.group(1) or 0) or None
            if workers is None:
                from claimcheck.parallel import default_jobs

                workers = default_jobs()
            client = Client(local_cluster(workers))
        else:
            client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"--dask {address}: cannot reach the Dask scheduler ({exc})") from None
    client.register_plugin(EnginePlugin(config))
    return client


def check_files(urlpath: str | list[str], output: str, *, client: Client | None = None,
                config: dict[str, Any] | None = None, published: dt.date | str | None = None, fmt: str = "jsonl",
                resume: bool = False, npartitions: int | None = None, run: str | None = None,
                storage_options: dict[str, Any] | None = None, fail_on: str | None = None,
                **options: Any) -> BatchTally:
    """Read, check and write a batch on the cluster the client is connected to (the current one by default).

    Args:
        urlpath: the input JSON Lines (path, glob, fsspec URL or list).
        output: the folder (or fsspec URL) for the partitioned results.
        client: the Dask client; its workers need the :class:`EnginePlugin`.
        config: the engine configuration.
        published: the publication date for documents that give none.
        fmt: ``jsonl`` or ``parquet``.
        resume: skip the documents whose id is already in ``output``.
        npartitions: partitions to check in (default: twice the workers, at least one per file).
        run: the name of this run in the output file names (default: its start time).
        fail_on: count the reports with a finding at or above this severity.
        storage_options: fsspec options for input and output.
        **options: per-call engine options.

    Returns:
        The tally of what this run wrote.
    """
    bag = read_documents(urlpath, storage_options=storage_options)
    if npartitions is None and client is not None:
        npartitions = max(bag.npartitions, 2 * len(client.scheduler_info().get("workers", {})))
    if npartitions and npartitions != bag.npartitions:
        bag = bag.repartition(npartitions=npartitions)
    if resume:
        done = frozenset(done_ids(output, storage_options))
        if done:
            bag = bag.map_partitions(_skip, done)
    records = check_bag(bag, config, published=published, **options)
    return write_records(records, output, fmt=fmt, run=run, storage_options=storage_options, fail_on=fail_on)


def run_command(args: argparse.Namespace, config: dict[str, Any], published: dt.date | None) -> int:
    """``claimcheck check --dask``: check the batch on the cluster and print the summary line."""
    import sys

    fmt = "jsonl" if args.format in ("text", "jsonl") else args.format
    if fmt not in FORMATS:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"--dask writes jsonl or parquet (--format), not {args.format!r}")
    client = connect(args.dask, config)
    try:
        tally = check_files(args.path, args.output, client=client, config=config, published=published,
                            fmt=fmt, resume=args.resume, fail_on=config.get("fail_on"))
    finally:
        cluster = client.cluster if _LOCAL.fullmatch(args.dask) else None
        client.close()
        if cluster is not None:
            cluster.close()
    sys.stderr.write(f"claimcheck: {tally.summary()}; results in {args.output}\n")
    code = tally.exit_code
    if code is not None:
        return int(code)
    return int(ExitCode.FINDINGS if tally.reached else ExitCode.OK)


def iter_records(output: str, storage_options: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """The records of an output folder, file by file in name order (the order they were written)."""
    fs, root = fsspec.core.url_to_fs(output, **(storage_options or {}))
    for path in sorted(fs.glob(f"{root.rstrip('/')}/part-*")):
        if path.endswith(".jsonl"):
            with fs.open(path, "rb") as handle:
                yield from (json.loads(line) for line in handle if line.strip())
        elif path.endswith(".parquet"):
            import pyarrow.parquet as pq  # type: ignore[import-untyped]

            with fs.open(path, "rb") as handle:
                yield from (json.loads(r) for r in pq.read_table(handle, columns=["record"]).column("record").to_pylist())
