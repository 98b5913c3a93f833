"""The ``claimcheck db`` and ``claimcheck lookup`` commands, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.lookups.match import DEFAULT_THRESHOLD
from claimcheck.lookups.store import Store


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_db_import_and_reimport(db_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(data_dir / "liar_sample.tsv"), str(data_dir / "claimreview_list.json")]
    code, out, _ = run(["db", "import", *files, "--db", str(db_path)], capsys)
    assert code == 0
    assert "liar_sample.tsv: 40 new fact-checks (liar; 0 already stored)" in out
    assert "claimreview_list.json: 3 new fact-checks (claimreview; 0 already stored)" in out
    code, out, _ = run(["db", "import", files[0], "--db", str(db_path)], capsys)
    assert code == 0 and "0 new fact-checks (liar; 40 already stored)" in out
    assert f"{db_path}: 43 fact-checks" in out


def test_cli_db_import_forced_format(db_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["db", "import", str(data_dir / "liar_sample.tsv"), "--format", "averitec",
                        "--db", str(db_path)], capsys)
    assert code == 2 and "[CC171]" in err and "not valid JSON" in err
    code, _, err = run(["db", "import", str(data_dir / "liar_sample.tsv"), "--format", "csv", "--db", str(db_path)],
                       capsys)
    assert code == 2 and "[CC111]" in err


def test_cli_db_import_bad_file_among_good_imports_nothing(db_path: Path, data_dir: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"claims": [{"claimReview": []}]}', encoding="utf-8")
    code, out, err = run(["db", "import", str(data_dir / "liar_sample.tsv"), str(bad), "--db", str(db_path)], capsys)
    assert code == 2 and out == ""
    assert err.startswith("claimcheck: error: [CC171]") and err.count("\n") == 1
    assert "nothing was imported" in err
    with Store(db_path) as store:
        assert store.count() == 0


def test_cli_db_stats(filled_store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["db", "stats", "--db", str(db_path)], capsys)
    assert code == 0
    assert "fact-checks: 50" in out and "PolitiFact" in out and "liar" in out and "averitec" in out
    code, out, _ = run(["db", "stats", "--db", str(db_path), "--json"], capsys)
    stats = json.loads(out)
    assert stats["factchecks"] == 50 and stats["by_dataset"] == {"liar": 40, "averitec": 10}
    assert sum(stats["by_verdict"].values()) == 50


def test_cli_db_stats_without_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["db", "stats", "--db", str(tmp_path / "none.sqlite3")], capsys)
    assert code == 2 and "[CC170]" in err and "claimcheck db import" in err
    assert not (tmp_path / "none.sqlite3").exists()


def test_cli_lookup_text(filled_store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["lookup", "Sean Connery refused, in a letter to Steve Jobs, to appear in an Apple commercial.",
                        "--db", str(db_path), "--limit", "3"], capsys)
    assert code == 0
    first = out.splitlines()[0]
    assert first.split()[0].replace(".", "").isdigit() and "false (Refuted)" in first
    assert "In a letter to Steve Jobs, Sean Connery" in out


def test_cli_lookup_json(filled_store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["lookup", "Harry Reid said 8 million jobs were lost in the Bush years.", "--db", str(db_path),
                        "--json", "--limit", "2"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["threshold"] == DEFAULT_THRESHOLD and len(data["matches"]) <= 2
    best = data["matches"][0]
    assert best["same_claim"] is True and best["source"] == "local" and best["publisher"] == "PolitiFact"
    assert set(best) >= {"source", "claim", "rating", "verdict", "publisher", "url", "date", "score"}


def test_cli_lookup_stdin_and_nothing_found(filled_store: Store, db_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("zzzz qqqq xxxx\n"))
    code, out, _ = run(["lookup", "-", "--db", str(db_path)], capsys)
    assert code == 0 and out.strip() == "no similar fact-checks in the store"


@pytest.mark.parametrize(
    ("argv", "code_text"),
    [(["lookup", "   "], "[CC103]"), (["lookup", "x", "--limit", "0"], "[CC111]"),
     (["lookup", "x", "--threshold", "2"], "[CC111]"), (["db"], "[CC111]")],
)
def test_cli_lookup_usage_errors(db_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                 code_text: str, filled_store: Store) -> None:
    code, _, err = run([*argv, "--db", str(db_path)] if argv[0] == "lookup" else argv, capsys)
    assert code == 2 and code_text in err


def test_cli_check_lookup_without_a_store_warns(tmp_path: Path) -> None:
    """`check --lookup` with a misspelt --db says so on stderr and in the report (issue 12 A3)."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Unemployment fell to 3.9 percent in May, the Labor Department said.\n", encoding="utf-8")
    missing = tmp_path / "factcheks.sqlite3"
    proc = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", str(article), "--lookup", "--db",
                           str(missing), "--format", "json", "--all"], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "[CC160]" in proc.stderr and str(missing) in proc.stderr
    report = json.loads(proc.stdout)
    assert any(w["code"] == "CC160" and "no fact-check store" in w["message"] for w in report["warnings"])
    assert not missing.exists()


def test_cli_lookup_refuses_a_foreign_sqlite_file_untouched(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`claimcheck lookup x --db other.sqlite3` identifies the file before changing it (issue 12 A8)."""
    import sqlite3

    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices(id INTEGER, total REAL)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    code, _, err = run(["lookup", "taxes rose", "--db", str(other)], capsys)
    assert code == 2 and "[CC170]" in err and "not a claimcheck fact-check store" in err
    assert other.read_bytes() == before and not Path(f"{other}-wal").exists()
    conn = sqlite3.connect(other)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
