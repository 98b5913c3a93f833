"""End-to-end batch runs: error records in the output, bad lines, exit codes, --jobs order and equality."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimcheck import parallel
from claimcheck.analysis.enrich import ClaimBuilder
from claimcheck.cli import main
from claimcheck.errors import ExitCode
from claimcheck.text.inputs import InputDocument, read_jsonl

SENTENCES = [
    "Unemployment fell to 4.1% in May, the Office for National Statistics said.",
    "The treaty, signed in 1996, bans nuclear tests.",
    "Thank you very much.",
    "Prices rose by 3% last year, according to the central bank.",
    "We have created more jobs than any government before us.",
    "The minister said the hospital would open in 2026.",
    "Crime has doubled since 2010, the senator claimed.",
    "I think we can do better.",
]


def write_batch(path: Path, bad_lines: bool = True, count: int = 12) -> Path:
    lines = []
    for i in range(count):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 3))
        lines.append(json.dumps({"id": f"doc{i}", "text": text}))
    if bad_lines:
        lines.insert(3, "{not json")
        lines.insert(7, json.dumps({"id": "notext", "body": "no text field"}))
        lines.insert(9, json.dumps({"id": "badtype", "text": 42}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def shared_engine(engine, monkeypatch):
    """The session's engine for runs in this process (worker processes load their own)."""
    import claimcheck.engine as engine_module

    monkeypatch.setattr(engine_module, "Engine", lambda *a, **k: engine)


def test_cli_batch_bad_lines_become_error_records(capsys, tmp_path: Path, shared_engine) -> None:
    batch = write_batch(tmp_path / "batch.jsonl")
    code, out, err = run(capsys, "check", str(batch), "--input-format", "jsonl", "--format", "jsonl", "--jobs", "1")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 15
    errors = [(i, r["error"]["code"], r["error"]["line"], r["document"]["id"]) for i, r in enumerate(records) if "error" in r]
    assert errors == [(3, "CC112", 4, None), (7, "CC112", 8, "notext"), (9, "CC112", 10, "badtype")]
    assert [r["document"]["id"] for r in records if "error" not in r] == [f"doc{i}" for i in range(12)]
    assert code == ExitCode.USAGE_ERROR
    assert "claimcheck: 12 of 15 documents checked; 3 refused as input (CC112 x3)" in err
    assert "Traceback" not in err and err.count(f"{batch}:4: not valid JSON") == 1


def test_cli_batch_internal_failure_exits_3_and_goes_on(capsys, tmp_path: Path, shared_engine, monkeypatch) -> None:
    original = ClaimBuilder.build

    def build(self: ClaimBuilder) -> Any:
        if "doubled" in self.doc.text:
            raise IndexError("[E1002] Span index out of range.")
        return original(self)

    monkeypatch.setattr(ClaimBuilder, "build", build)
    batch = write_batch(tmp_path / "batch.jsonl", bad_lines=False, count=8)
    code, out, err = run(capsys, "check", str(batch), "--input-format", "jsonl", "--format", "jsonl", "--jobs", "1")
    records = [json.loads(line) for line in out.splitlines()]
    failed = [r for r in records if "error" in r]
    assert len(records) == 8 and failed and all(r["error"]["code"] == "CC200" for r in failed)
    assert all(r["error"]["kind"] == "internal" and "E1002" in r["error"]["message"] for r in failed)
    assert code == ExitCode.INTERNAL_ERROR and f"{8 - len(failed)} of 8 documents checked" in err


def test_cli_batch_all_good_exit_0_with_summary(capsys, tmp_path: Path, shared_engine) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", bad_lines=False, count=3)
    code, out, err = run(capsys, "check", str(batch), "--input-format", "jsonl", "--format", "json", "--jobs", "1")
    assert code == ExitCode.OK and len(json.loads(out)) == 3
    assert err.strip().splitlines()[-1] == "claimcheck: 3 of 3 documents checked"


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--resume"], ["--output", "x"]])
def test_cli_batch_option_errors(capsys, tmp_path: Path, args: list[str]) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", bad_lines=False, count=1)
    code, _, err = run(capsys, "check", str(batch), "--input-format", "jsonl", *args)
    assert code == ExitCode.USAGE_ERROR and "CC111" in err and "Traceback" not in err


def test_cli_batch_jobs_2_same_reports_same_order(capsys, tmp_path: Path, engine, monkeypatch) -> None:
    """Two worker processes, forked from an engine loaded and warmed up for them, give the one-process reports in input order."""
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 2)  # several tasks per worker, finishing out of order
    batch = write_batch(tmp_path / "batch.jsonl", count=16)
    items = [d if not isinstance(d, InputDocument) else InputDocument(d.text, d.source, d.id, "2024-06-19", d.line)
             for d in read_jsonl(str(batch), strict=False)]
    expected = [r.to_dict() for r in engine.check_batch(items)]
    code, out, err = run(capsys, "check", str(batch), "--input-format", "jsonl", "--format", "jsonl",
                         "--jobs", "2", "--date", "2024-06-19")
    got = [json.loads(line) for line in out.splitlines()]
    assert got == json.loads(json.dumps(expected))
    assert code == ExitCode.USAGE_ERROR and "16 of 19 documents checked" in err


def test_check_parallel_restarts_after_a_worker_dies(engine, monkeypatch) -> None:
    """A document that kills its worker process gets an error record; the rest are checked."""
    docs = [InputDocument(text=t, source="b", id=str(i)) for i, t in enumerate(SENTENCES[:4] + ["EXIT NOW."] + SENTENCES[4:6])]
    if parallel._context().get_start_method() != "fork":
        pytest.skip("needs fork to hand the session's engine to the workers")
    monkeypatch.setattr(parallel, "_check_chunk", _check_or_exit)
    # The workers (and those of the restarted pool) are forked from the session's engine.
    results = list(parallel.check_parallel(docs, config={}, jobs=2, chunk_docs=2, local=lambda: engine))
    ids = [getattr(r, "id", None) if not hasattr(r, "document") else r.document.id for r in results]
    assert ids == [str(i) for i in range(7)]
    dead = results[4]
    assert getattr(dead, "code", None) == "CC200" and "worker process" in dead.message
    assert all(hasattr(r, "document") for i, r in enumerate(results) if i != 4)


def _check_or_exit(items: list[Any], options: dict[str, Any]) -> list[Any]:
    import os

    if any(getattr(i, "text", "") == "EXIT NOW." for i in items):
        os._exit(1)
    assert parallel._engine is not None
    return list(parallel._engine.check_batch(items, **options))


def test_cli_batch_jobs_configuration_error_is_one_line(capsys, tmp_path: Path, monkeypatch) -> None:
    """A worker that cannot load its engine stops the run with the engine's own error, not a dead-worker loop."""
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 1)
    batch = write_batch(tmp_path / "batch.jsonl", bad_lines=False, count=3)
    code, out, err = run(capsys, "check", str(batch), "--input-format", "jsonl", "--format", "jsonl",
                         "--jobs", "2", "--pipeline", "no_such_pipeline_xyz")
    assert code == ExitCode.USAGE_ERROR and out == ""
    assert "CC120" in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("cores,memory,expected", [(8, None, 8), (8, 16 * 2**30, 8), (8, 1 * 2**30, 2), (8, 100 * 2**20, 1)])
def test_default_jobs_every_core_the_memory_allows(monkeypatch, cores: int, memory: int | None, expected: int) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: cores)
    monkeypatch.setattr(parallel, "_available_memory", lambda: memory)
    assert parallel.default_jobs() == expected
