"""The store shares: keys that keep distinct fact-checks, waiting writers, read-only use,
foreign files left untouched, schema 1 migrated (issue 12 A7, A8; issue 9 item 6)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.lookups.importers import import_file
from claimcheck.lookups.store import APPLICATION_ID, SCHEMA_VERSION, FactCheck, Store


def test_dedup_key_keeps_same_words_from_other_speakers_and_ids() -> None:
    said = FactCheck("Twenty million Americans are out of work.", "mixed", "liar", claimant="John Kasich",
                     publisher="PolitiFact", rating="Half True")
    assert said.dedup_key() != FactCheck(**{**said.__dict__, "claimant": "Tom Marino"}).dedup_key()
    assert said.dedup_key() != FactCheck(**{**said.__dict__, "claim_date": "2016-01-02"}).dedup_key()
    with_ids = [FactCheck(**{**said.__dict__, "source_id": i}) for i in ("828", "662")]
    assert with_ids[0].dedup_key() != with_ids[1].dedup_key()
    assert with_ids[0].dedup_key() == FactCheck(**{**said.__dict__, "source_id": "828"}).dedup_key()


def test_liar_rows_with_repeated_statements_all_import(store: Store, tmp_path: Path) -> None:
    # LIAR checked "On a cap-and-trade plan." for two politicians, and one McCain
    # statement twice: three rows, one text each way; all are fact-checks.
    rows = [
        "2519.json\tfalse\tOn a cap-and-trade plan.\tcap-and-trade\tscott-bruun\t\t\t\t0\t0\t0\t0\t0\ta debate",
        "1211.json\tfalse\tOn a cap-and-trade plan.\tcap-and-trade\ttim-pawlenty\t\t\t\t0\t0\t0\t0\t0\ta speech",
        "828.json\tfalse\tObama says Iran is tiny.\tforeign\tjohn-mccain\t\t\t\t0\t0\t0\t0\t0\tan ad",
        "662.json\tfalse\tObama says Iran is tiny.\tforeign\tjohn-mccain\t\t\t\t0\t0\t0\t0\t0\ta speech",
    ]
    path = tmp_path / "liar.tsv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert import_file(store, path).added == 4
    assert import_file(store, path).added == 0  # still idempotent


def test_import_is_atomic_on_failure(store: Store) -> None:
    bad = [FactCheck("Taxes rose.", "true", "t"), FactCheck("   ", "true", "t")]  # empty claim fails the CHECK
    with pytest.raises(ClaimcheckError):
        store.import_records(bad, file="f", format="t", sha256="0")
    assert store.count() == 0
    assert store.conn.execute("SELECT count(*) FROM vectors").fetchone()[0] == 0


def test_import_stores_a_vector_per_claim(store: Store) -> None:
    store.import_records([FactCheck("Taxes rose 5 percent.", "true", "t"), FactCheck("Jobs fell.", "false", "t")],
                         file="f", format="t", sha256="0")
    assert len(store.vectors([1, 2])) == 2


def test_second_import_waits_for_the_first(db_path: Path) -> None:
    Store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # a long import in another process holds the write lock
    release = threading.Timer(1.5, lambda: holder.execute("COMMIT"))
    told: list[str] = []
    release.start()
    try:
        with Store(db_path, on_wait=told.append) as store:
            started = time.monotonic()
            result = store.import_records([FactCheck("Jobs fell.", "false", "t")], file="f", format="t",
                                          sha256="0", wait=30)
            assert result.added == 1 and time.monotonic() - started >= 1.0
    finally:
        release.join()
        holder.close()
    assert len(told) == 1 and "waiting" in told[0]


def test_read_only_store_answers_lookups_and_writes_nothing(db_path: Path) -> None:
    with Store(db_path) as store:
        store.import_records([FactCheck("Taxes rose 5 percent.", "true", "t")], file="f", format="t", sha256="0")
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with Store(db_path, create=False, read_only=True) as store:
        assert store.read_only and store.count() == 1
        assert store.search('"taxes"', 5)[0][0].claim == "Taxes rose 5 percent."
        with pytest.raises(ClaimcheckError, match="read-only"):
            store.import_records([FactCheck("Jobs fell.", "false", "t")], file="f", format="t", sha256="0")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers(id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for read_only in (None, True):
        with pytest.raises(ClaimcheckError, match="not a claimcheck fact-check store"):
            Store(path, create=False, read_only=read_only)
    assert path.read_bytes() == before  # still in rollback-journal mode: no WAL switch
    assert not Path(f"{path}-wal").exists()


def _schema_1_store(path: Path) -> None:
    """A store as schema 1 left it: no application id, no vectors, the old key."""
    with Store(path) as store:
        store.import_records([FactCheck("Taxes rose 5 percent.", "true", "t", claimant="A"),
                              FactCheck("Jobs fell.", "false", "t")], file="f", format="t", sha256="0")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE vectors")
    conn.execute("DELETE FROM meta WHERE key = 'embedding_model'")
    conn.execute("UPDATE factchecks SET dedup_key = 'old' || id")
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_schema_1_store_is_migrated(db_path: Path) -> None:
    _schema_1_store(db_path)
    with Store(db_path) as store:
        assert store.migrated_from == 1
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert len(store.vectors([1, 2])) == 2
        again = store.import_records([FactCheck("Taxes rose 5 percent.", "true", "t", claimant="A")],
                                     file="f", format="t", sha256="0")
        assert again.added == 0  # the migrated keys are the new keys


def test_schema_2_store_gets_claimant_titles_from_a_second_import(db_path: Path) -> None:
    liar = FactCheck("Taxes rose 5 percent.", "true", "liar", claimant="A", source_id="1", claimant_title="Governor")
    with Store(db_path) as store:
        store.import_records([liar], file="f", format="liar", sha256="0")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("ALTER TABLE factchecks DROP COLUMN claimant_title")
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    with Store(db_path) as store:
        assert store.migrated_from == 2
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.get(1).claimant_title is None  # schema 2 never kept it
        again = store.import_records([liar], file="f", format="liar", sha256="0")
        assert again.added == 0 and store.get(1) == liar


def test_schema_1_store_read_only_is_refused_clearly(db_path: Path) -> None:
    _schema_1_store(db_path)
    with pytest.raises(ClaimcheckError, match="earlier claimcheck .schema 1"):
        Store(db_path, create=False, read_only=True)


def test_store_reanalyses_without_reembedding_when_feature_rules_change(db_path: Path) -> None:
    with Store(db_path) as store:
        store.import_records([FactCheck("Taxes rose 5 percent.", "true", "t")], file="f", format="t", sha256="0")
        vector_before = store.vectors([1])[1][0]
        store.conn.execute("UPDATE vectors SET features = '[[],[],[],[],[]]'")
        model = store.embedding_model()
        assert model is not None
        store.conn.execute("UPDATE meta SET value = ? WHERE key = 'embedding_model'",
                           (model.split("+features")[0] + "+features0",))
    with Store(db_path) as store:
        vector, features = store.vectors([1])[1]
        assert vector == vector_before and features.numbers == frozenset({5.0}) and "tax" in features.stems


def test_store_made_with_earlier_number_rules_is_read_with_the_current_ones(db_path: Path) -> None:
    # Features stored by the previous rules (which read "two decades" as no
    # figure) are re-analysed when the store is next opened for writing; a
    # read-only store is analysed at lookup time instead, never misread.
    from claimcheck.lookups.match import Matcher

    with Store(db_path) as store:
        store.import_records([FactCheck("Crime fell for the first time in two decades.", "true", "t")],
                             file="f", format="t", sha256="0")
        model = store.embedding_model()
        assert model is not None
        store.conn.execute("UPDATE vectors SET features = '[[\"crime\"],[],[],[],[\"crime\"]]'")
        store.conn.execute("UPDATE meta SET value = ? WHERE key = 'embedding_model'",
                           (model.split("+features")[0] + "+features6",))
    with Store(db_path, create=False, read_only=True) as store:
        match = Matcher(store).find("Crime fell for the first time in 20 years.", limit=1)[0]
        assert match.score >= Matcher(store).model.threshold
    with Store(db_path) as store:
        assert store.vectors([1])[1][1].numbers == frozenset({20.0})
