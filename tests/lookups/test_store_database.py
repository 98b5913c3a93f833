"""The store: schema version, WAL, default path, refusing foreign files, two processes at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.lookups.store import SCHEMA_VERSION, FactCheck, Store, default_db_path

ROOT = Path(__file__).resolve().parents[2]


def test_store_schema_wal_and_fts5(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'factchecks_fts'").fetchone()[0]
    assert "fts5" in sql and "porter unicode61" in sql


def test_store_reopen_keeps_data(db_path: Path) -> None:
    with Store(db_path) as store:
        store.import_records([FactCheck("Taxes rose 5 percent.", "true", "test")], file="f", format="t", sha256="0")
    with Store(db_path, create=False) as store:
        assert store.count() == 1
        assert store.get(1).claim == "Taxes rose 5 percent."


def test_store_import_leaves_one_full_text_segment(db_path: Path) -> None:
    # Each import writes its own FTS5 segment, which every later query reads: an import merges them.
    with Store(db_path) as store:
        for n in range(3):
            store.import_records([FactCheck(f"Taxes rose {n} percent in {2000 + n}.", "true", "test")],
                                 file=f"f{n}", format="t", sha256=str(n))
        segments = store.conn.execute("SELECT count(DISTINCT segid) FROM factchecks_fts_idx").fetchone()[0]
        assert segments == 1
        assert [r.claim for r, _ in store.search('"taxes"', 5)] == [f"Taxes rose {n} percent in {2000 + n}."
                                                                      for n in range(3)]


def test_store_small_import_into_a_larger_store_leaves_merging_to_fts5(db_path: Path) -> None:
    # Merging rewrites the whole index: an import adding under a tenth of the store does not.
    with Store(db_path) as store:
        store.import_records([FactCheck(f"Taxes rose {n} percent in {1900 + n}.", "true", "test") for n in range(30)],
                             file="bulk", format="t", sha256="bulk")
        store.import_records([FactCheck("Taxes fell 2 percent in 2024.", "false", "test")],
                             file="one", format="t", sha256="one")
        segments = store.conn.execute("SELECT count(DISTINCT segid) FROM factchecks_fts_idx").fetchone()[0]
        assert segments == 2
        assert [r.claim for r, _ in store.search('"fell"', 5)] == ["Taxes fell 2 percent in 2024."]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no fact-check database"),
        ("text", "file is not a database"),
        ("foreign", "not a claimcheck fact-check store"),
        ("newer", "written by a newer claimcheck"),
        ("directory", "is a directory"),
    ],
)
def test_store_refuses_unusable_files(tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "db.sqlite3"
    if setup == "text":
        path.write_text("just some notes, long enough to be read as a header " * 4, encoding="utf-8")
    elif setup == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE customers(id INTEGER)")
        conn.commit()
        conn.close()
    elif setup == "newer":
        Store(path).close()
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.close()
    elif setup == "directory":
        path.mkdir()
    with pytest.raises(ClaimcheckError) as info:
        Store(path, create=False)
    assert info.value.code.value == "CC170"
    assert message in info.value.message


def test_store_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLAIMCHECK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_db_path() == tmp_path / "xdg" / "claimcheck" / "factchecks.sqlite3"
    monkeypatch.setenv("CLAIMCHECK_DB", str(tmp_path / "mine.sqlite3"))
    assert default_db_path() == tmp_path / "mine.sqlite3"


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from claimcheck.lookups.store import FactCheck, Store
    tag, path, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    with Store(path) as store:
        Path(str(go) + "." + tag).touch()  # ready
        while not go.exists():  # start together, so that the writes really overlap
            time.sleep(0.005)
        for batch in range(15):
            records = [FactCheck(f"Claim {{tag}} {{batch}} {{i}} about taxes and jobs", "false", tag)
                       for i in range(40)]
            store.import_records(records, file=f"{{tag}}-{{batch}}", format="test", sha256="0")
            store.search('"taxes"', 5)
    print("ok")
    """
)


@pytest.mark.slow
def test_store_two_processes_write_at_once(db_path: Path, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT)), encoding="utf-8")
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(script), tag, str(db_path), str(go)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}.{tag}").exists() for tag in ("a", "b")) and time.monotonic() < deadline:
        time.sleep(0.005)
    go.touch()
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with Store(db_path, create=False) as store:
        assert store.count() == 2 * 15 * 40
        assert store.stats()["by_dataset"] == {"a": 600, "b": 600}
        assert store.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 30
        (df,) = store.conn.execute("SELECT df FROM terms WHERE term = 'tax'").fetchone()
        assert df == 1200
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_store_reader_sees_writer_commit(db_path: Path) -> None:
    with Store(db_path) as writer, Store(db_path) as reader:
        assert reader.count() == 0
        writer.import_records([FactCheck("Jobs fell.", "false", "t")], file="f", format="t", sha256="0")
        assert reader.count() == 1


def test_store_recounts_terms_when_matching_rules_change(db_path: Path) -> None:
    with Store(db_path) as store:
        store.import_records([FactCheck("Taxes rose 5 percent.", "true", "t"), FactCheck("Taxes fell.", "false", "t")],
                             file="f", format="t", sha256="0")
        expected = dict(store.conn.execute("SELECT term, df FROM terms").fetchall())
        store.conn.execute("UPDATE terms SET df = 99")
        store.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'features_version'")
    with Store(db_path) as store:
        assert dict(store.conn.execute("SELECT term, df FROM terms").fetchall()) == expected
        assert expected["tax"] == 2


def test_store_open_waits_for_a_locked_new_file(tmp_path: Path) -> None:
    """Opening a store while another process holds the new file locked waits, then succeeds."""
    import sqlite3
    import threading

    from claimcheck.lookups.store import Store

    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with Store(path) as store:
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        release.join()
        holder.close()


def test_store_reads_what_identifies_a_file_in_one_transaction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A process creating the store commits its tables, application id and version together; read
    # one by one on either side of that commit, they made a new store look like someone else's
    # file ("not a claimcheck fact-check store": 3 of 40 rounds of four processes opening at once).
    statements: list[str] = []
    connect = Store._connect

    def traced(self: Store) -> sqlite3.Connection:
        conn = connect(self)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(Store, "_connect", traced)
    Store(tmp_path / "new.sqlite3").close()
    reads = [i for i, s in enumerate(statements) if s in ("PRAGMA user_version", "PRAGMA application_id")
             or s.startswith("SELECT name FROM sqlite_master")]
    assert len(reads) >= 3
    first = reads[:3]
    begins = [i for i, s in enumerate(statements[: first[0]]) if s.startswith("BEGIN")]
    assert begins, statements[: first[0]]
    ends = [i for i, s in enumerate(statements) if s in ("COMMIT", "ROLLBACK") and i > begins[-1]]
    assert ends and ends[0] > first[-1], statements
