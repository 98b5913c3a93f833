"""End-to-end: ``--date`` and a batch's ``"published"`` accept only dates with one reading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.errors import ExitCode

ARTICLE = "Unemployment fell by 3% a year ago, the minister said on Monday.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_cli_date_ambiguous_numeric_is_refused_in_a_real_process(article: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", str(article), "--date", "06/07/2024"],
                            capture_output=True, text=True, check=False, env={**os.environ, "CLAIMCHECK_LOAD_PLUGINS": ""})
    assert result.returncode == ExitCode.USAGE_ERROR and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "[CC110]" in result.stderr
    assert "2024-07-06" in result.stderr and "2024-06-07" in result.stderr and "accepted forms" in result.stderr


@pytest.mark.parametrize("value", ["06/07/2024", "yesterday", "", "0001-01-01", "2024-02-30", "tomorrow"])
def test_cli_date_refused(capsys, article: Path, value: str) -> None:
    code = main(["check", str(article), "--date", value])
    out, err = capsys.readouterr()
    assert code == ExitCode.USAGE_ERROR and out == ""
    assert err.startswith("claimcheck: error: [CC110]") and err.count("\n") == 1 and "accepted forms" in err


@pytest.mark.parametrize("value", ["2024-06-19", "19 June 2024", "June 19, 2024", "2024-06-19T08:30:00+01:00"])
def test_cli_date_forms_resolve_relative_dates_in_the_text(capsys, shared_engine, article: Path, value: str) -> None:
    code = main(["check", str(article), "--date", value, "--format", "json", "--all"])
    out, _ = capsys.readouterr()
    report = json.loads(out)
    assert code == ExitCode.OK and report["document"]["published"] == "2024-06-19"
    values = {d["text"]: d["value"] for c in report["claims"] for d in c["dates"]}
    assert values.get("a year ago") == "2023-06"


def test_cli_jsonl_published_is_an_error_for_that_document_only(capsys, shared_engine, tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    lines = [{"id": "x", "text": ARTICLE, "published": "yesterday"}, {"id": "y", "text": ARTICLE, "published": "19 June 2024"}]
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code = main(["check", str(batch), "--input-format", "jsonl", "--format", "jsonl", "--jobs", "1"])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert "Traceback" not in err and code == ExitCode.USAGE_ERROR
    refused, checked = records
    assert refused["error"]["code"] == "CC110" and "b.jsonl:1" in refused["error"]["message"]
    assert "relative" in refused["error"]["message"] and "claims" not in refused  # not checked against today's date
    assert checked["document"]["id"] == "y" and checked["document"]["published"] == "2024-06-19"
