"""The Dask back-end on a LocalCluster of two worker processes: same records as a local run, in order; resume."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimcheck.cli import main
from claimcheck.errors import ExitCode
from claimcheck.text.inputs import read_jsonl
from tests.cli.test_cli_batch import write_batch

distributed = pytest.importorskip("distributed")
cc_dask = pytest.importorskip("claimcheck.dask")
#: The environment's own setting, read before a cluster is started (distributed writes its default into os.environ).
MALLOC_TRIM = os.environ.get("MALLOC_TRIM_THRESHOLD_")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes with one thread each, as ``--dask local[2]`` starts them."""
    cluster = cc_dask.local_cluster(2)
    with distributed.Client(cluster) as dask_client:
        dask_client.register_plugin(cc_dask.EnginePlugin({}))
        yield dask_client
    cluster.close()


def _worker_state(dask_worker: Any) -> tuple[Any, ...]:
    import gc

    import dask

    from claimcheck.analysis import dates

    engines = dask_worker.__dict__.get("_claimcheck_engines", {})
    return (dask.config.get("distributed.worker.profile.enabled"), os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            len(engines), gc.get_freeze_count() > 0, dates.resolve.cache_info().currsize > 0)


def test_dask_local_workers_run_without_the_profiler_with_a_warm_frozen_engine(client) -> None:
    """Each worker of ``local[N]`` runs with distributed's profiler off and glibc's own trim threshold (not
    distributed's), and holds one engine, warmed up on a text with dates (so the first task does not load
    dateparser) and frozen out of the collector's passes."""
    assert set(client.run(_worker_state).values()) == {(False, MALLOC_TRIM, 1, True, True)}


def local_records(engine: Any, *paths: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in paths:
        out.extend(r.to_dict() for r in engine.check_batch(read_jsonl(str(path), strict=False)))
    return json.loads(json.dumps(out))


def test_dask_cli_same_records_as_a_local_run(client, engine, tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    first = write_batch(tmp_path / "in" / "a.jsonl", count=9)
    second = tmp_path / "in" / "b.jsonl"
    second.write_text("".join(json.dumps({"id": f"b{i}", "text": f"Prices rose by {i}% last year, the bank said."}) + "\n"
                              for i in range(5)), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["check", str(tmp_path / "in" / "*.jsonl"), "--input-format", "jsonl", "--format", "jsonl",
                 "--dask", client.scheduler.address, "--output", str(out)])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE_ERROR, err  # three refused lines in a.jsonl
    assert "14 of 17 documents checked; 3 refused as input (CC112 x3)" in err
    got = list(cc_dask.iter_records(str(out)))
    assert got == local_records(engine, first, second)

    # Resume: only the documents not yet in the output are checked, into new part files.
    with second.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "b5", "text": "The new bridge cost 40 million pounds."}) + "\n")
    before = {p.name for p in out.iterdir()}
    tally = cc_dask.check_files(str(tmp_path / "in" / "*.jsonl"), str(out), client=client, resume=True, run="resumed")
    assert (tally.checked, tally.failed) == (1, 0)
    added = [p for p in out.iterdir() if p.name not in before]
    assert added and all(p.name.startswith("part-resumed-") for p in added)
    new = [json.loads(line) for p in added for line in p.read_text(encoding="utf-8").splitlines()]
    assert [r["document"]["id"] for r in new] == ["b5"]
    assert new == local_records(engine, second)[-1:]


def test_dask_check_bag_api_and_parquet(client, engine, tmp_path: Path) -> None:
    import dask.bag as db

    texts = ["Unemployment fell to 4.1% in May, the ONS said.", "Thank you.", "The treaty bans nuclear tests.",
             "Crime has doubled since 2010, the senator claimed."]
    docs = [{"id": str(i), "text": t, "source": "api"} for i, t in enumerate(texts)]
    records = cc_dask.check_bag(db.from_sequence(docs, npartitions=3), {}, published="2024-06-19")
    expected = [r.to_dict() for r in engine.check_batch([{**d, "published": "2024-06-19"} for d in docs])]
    assert records.compute() == json.loads(json.dumps(expected))
    tally = cc_dask.write_records(records, str(tmp_path / "pq"), fmt="parquet", fail_on="info")
    assert tally.checked == 4 and tally.reached == sum(1 for r in expected if r["findings"])
    assert list(cc_dask.iter_records(str(tmp_path / "pq"))) == records.compute()
    assert cc_dask.done_ids(str(tmp_path / "pq")) == {"0", "1", "2", "3"}


def test_dask_cli_refuses_a_text_format(tmp_path: Path, capsys) -> None:
    batch = write_batch(tmp_path / "b.jsonl", bad_lines=False, count=1)
    code = main(["check", str(batch), "--input-format", "jsonl", "--format", "json", "--dask", "local[1]",
                 "--output", str(tmp_path / "o")])
    assert code == ExitCode.USAGE_ERROR and "CC111" in capsys.readouterr().err
