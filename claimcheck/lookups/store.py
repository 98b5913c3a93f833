"""The local store of prior fact-checks: one SQLite file.

The file lives in the user's data directory (see :func:`default_db_path`) or
wherever ``--db``/``config["db"]`` says.  It holds:

- ``factchecks``: one row per fact-check (:class:`FactCheck`), unique on a
  stable ``dedup_key`` so that importing the same file twice adds nothing;
- ``factchecks_fts``: an FTS5 index over the claim text (``porter unicode61``
  tokenizer, BM25 ranking) kept in step by triggers;
- ``terms``: how many fact-checks contain each matching stem, the document
  frequencies the re-ranker weighs words with;
- ``imports``: a log of what was imported when;
- ``lookup_cache``: answers of external lookup services, keyed by source,
  query and language, so the same claim is not fetched twice.

The schema is versioned with ``PRAGMA user_version``.  The database runs in
WAL mode with a busy timeout, so one process can import while others look
up (or import in turn).  Every import is one transaction: if anything fails,
nothing of it is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import platformdirs
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.lookups.features import FEATURES_VERSION, analyse
from claimcheck.report import VERDICTS

__all__ = ["FactCheck", "ImportResult", "Store", "default_db_path", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
DB_FILENAME = "factchecks.sqlite3"

_SCHEMA = f"""
CREATE TABLE factchecks (
    id          INTEGER PRIMARY KEY,
    dedup_key   TEXT NOT NULL UNIQUE,
    claim       TEXT NOT NULL CHECK (length(trim(claim)) > 0),
    claimant    TEXT,
    claim_date  TEXT,
    publisher   TEXT,
    url         TEXT,
    rating      TEXT,
    verdict     TEXT NOT NULL CHECK (verdict IN ({", ".join(repr(v) for v in VERDICTS)})),
    review_date TEXT,
    language    TEXT,
    dataset     TEXT NOT NULL,
    source_id   TEXT,
    import_id   INTEGER REFERENCES imports(id)
);
CREATE INDEX factchecks_dataset ON factchecks(dataset);
CREATE VIRTUAL TABLE factchecks_fts USING fts5(
    claim, content='factchecks', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER factchecks_ai AFTER INSERT ON factchecks BEGIN
    INSERT INTO factchecks_fts(rowid, claim) VALUES (new.id, new.claim);
END;
CREATE TRIGGER factchecks_ad AFTER DELETE ON factchecks BEGIN
    INSERT INTO factchecks_fts(factchecks_fts, rowid, claim) VALUES ('delete', old.id, old.claim);
END;
CREATE TRIGGER factchecks_au AFTER UPDATE OF claim ON factchecks BEGIN
    INSERT INTO factchecks_fts(factchecks_fts, rowid, claim) VALUES ('delete', old.id, old.claim);
    INSERT INTO factchecks_fts(rowid, claim) VALUES (new.id, new.claim);
END;
CREATE TABLE terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    format      TEXT NOT NULL,
    records     INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE lookup_cache (
    source     TEXT NOT NULL,
    query      TEXT NOT NULL,
    language   TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,
    payload    TEXT NOT NULL,
    PRIMARY KEY (source, query, language)
) WITHOUT ROWID;
"""


@dataclass
class FactCheck:
    """One prior fact-check, whatever file it came from.

    Dates are ISO 8601 (``2020-10-31``) or ``None``; ``verdict`` is one of
    :data:`claimcheck.report.VERDICTS`; ``rating`` is the rating as the
    publisher wrote it.  ``dataset`` names where the record came from
    (``liar``, ``averitec``, ``claimreview``, ``google-factcheck``) and
    ``source_id`` its id there, if it has one.
    """

    claim: str
    verdict: str
    dataset: str
    rating: str | None = None
    claimant: str | None = None
    claim_date: str | None = None
    publisher: str | None = None
    url: str | None = None
    review_date: str | None = None
    language: str | None = None
    source_id: str | None = None
    id: int | None = field(default=None, compare=False)

    def dedup_key(self) -> str:
        """A key equal for the same fact-check imported again, from any file.

        The same claim reviewed at the same URL is the same fact-check; with
        no URL, the publisher, claim date and rating stand in for it.
        """
        claim = " ".join(self.claim.casefold().split())
        if self.url:
            basis = ["u", claim, self.url.strip().rstrip("/").casefold()]
        else:
            basis = ["p", claim, (self.publisher or "").casefold(), self.claim_date or "", (self.rating or "").casefold()]
        return hashlib.sha256("\x1f".join(basis).encode("utf-8")).hexdigest()[:32]


@dataclass
class ImportResult:
    """What one import did."""

    file: str
    format: str
    records: int
    added: int

    @property
    def skipped(self) -> int:
        """Records already in the store."""
        return self.records - self.added


def default_db_path() -> Path:
    """Where the store lives when no path is given.

    ``$CLAIMCHECK_DB`` if set; otherwise ``factchecks.sqlite3`` in the
    user's data directory: ``$XDG_DATA_HOME/claimcheck`` (default
    ``~/.local/share/claimcheck``) on Linux, ``~/Library/Application
    Support/claimcheck`` on macOS, ``%LOCALAPPDATA%\\claimcheck`` on Windows
    (as :func:`platformdirs.user_data_dir` says).
    """
    if os.environ.get("CLAIMCHECK_DB"):
        return Path(os.environ["CLAIMCHECK_DB"]).expanduser()
    return Path(platformdirs.user_data_dir("claimcheck", appauthor=False)) / DB_FILENAME


def _db_error(path: Path, exc: BaseException) -> ClaimcheckError:
    return ClaimcheckError(ErrorCode.DATABASE, f"cannot use the fact-check database {path}: {exc}")


class Store:
    """A connection to the fact-check database.

    Args:
        path: the database file (``None``: :func:`default_db_path`).
        create: create the file and its folder when missing; when ``False``
            a missing file is a :class:`ClaimcheckError` (``CC170``).

    Raises:
        ClaimcheckError: ``CC170`` when the file is not a claimcheck
            database, was written by a newer claimcheck, or cannot be opened.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True) -> None:
        self.path = Path(path).expanduser() if path is not None else default_db_path()
        if not self.path.exists():
            if not create:
                raise ClaimcheckError(
                    ErrorCode.DATABASE,
                    f"no fact-check database at {self.path}; import fact-checks first with "
                    "'claimcheck db import FILE'",
                )
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _db_error(self.path, exc) from exc
        elif self.path.is_dir():
            raise ClaimcheckError(ErrorCode.DATABASE, f"{self.path} is a directory, not a database file")
        # Switching a new file to WAL needs an exclusive lock, and SQLite does
        # not always wait for it (busy_timeout does not cover every case): two
        # processes creating the store at once must retry rather than fail.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        delay = 0.01
        while True:
            try:
                self._open()
                return
            except sqlite3.OperationalError as exc:
                if hasattr(self, "conn"):
                    self.conn.close()
                    del self.conn
                if ("locked" in str(exc) or "busy" in str(exc)) and time.monotonic() < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.25)
                    continue
                raise _db_error(self.path, exc) from exc
            except sqlite3.DatabaseError as exc:
                if hasattr(self, "conn"):
                    self.conn.close()
                raise _db_error(self.path, exc) from exc

    def _open(self) -> None:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE),
        # so a writer takes the lock up front instead of failing half-way.
        self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"cannot switch to WAL journal mode (got {mode})")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        # A lookup reads a few MB of FTS pages: keep them in memory between
        # lookups (SQLite's default cache is 2 MB) and read them mapped.
        self.conn.execute("PRAGMA cache_size = -32768")
        self.conn.execute("PRAGMA mmap_size = 268435456")
        self._migrate()
        self._refresh_terms()

    # -- lifecycle -----------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: everything inside is kept, or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise ClaimcheckError(
                ErrorCode.DATABASE,
                f"{self.path} was written by a newer claimcheck (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade claimcheck or use another --db",
            )
        with self.transaction() as conn:
            # Re-read inside the lock: another process may have created it meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                foreign = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).fetchone()[0]
                if foreign:
                    raise ClaimcheckError(
                        ErrorCode.DATABASE,
                        f"{self.path} is an SQLite database but not a claimcheck fact-check store; "
                        "use another --db",
                    )
                # executescript() would commit first; run the statements inside our lock.
                for statement in _split_sql(_SCHEMA):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _refresh_terms(self) -> None:
        """Recount the ``terms`` table if it was built by other matching rules."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'features_version'").fetchone()
        if row is not None and row[0] == str(FEATURES_VERSION):
            return
        with self.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'features_version'").fetchone()
            if row is not None and row[0] == str(FEATURES_VERSION):
                return
            df: Counter[str] = Counter()
            for (claim,) in conn.execute("SELECT claim FROM factchecks"):
                df.update(analyse(claim).stems)
            conn.execute("DELETE FROM terms")
            conn.executemany("INSERT INTO terms(term, df) VALUES (?, ?)", df.items())
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('features_version', ?)",
                         (str(FEATURES_VERSION),))

    # -- writing -------------------------------------------------------------

    def import_records(self, records: Iterable[FactCheck], *, file: str, format: str, sha256: str) -> ImportResult:
        """Add fact-checks in one transaction; those already present are skipped.

        Raises:
            ClaimcheckError: ``CC170`` if the database refuses the write (the
                store is then left as it was).
        """
        records = list(records)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        df: Counter[str] = Counter()
        added = 0
        try:
            with self.transaction() as conn:
                import_id = conn.execute(
                    "INSERT INTO imports(file, sha256, format, records, added, imported_at) VALUES (?, ?, ?, ?, 0, ?)",
                    (file, sha256, format, len(records), now),
                ).lastrowid
                for record in records:
                    cursor = conn.execute(
                        """INSERT OR IGNORE INTO factchecks(dedup_key, claim, claimant, claim_date, publisher, url,
                               rating, verdict, review_date, language, dataset, source_id, import_id)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        (record.dedup_key(), record.claim.strip(), record.claimant, record.claim_date,
                         record.publisher, record.url, record.rating, record.verdict, record.review_date,
                         record.language, record.dataset, record.source_id, import_id),
                    )
                    if cursor.rowcount == 1:
                        added += 1
                        df.update(analyse(record.claim).stems)
                conn.executemany(
                    "INSERT INTO terms(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                    df.items(),
                )
                conn.execute("UPDATE imports SET added = ? WHERE id = ?", (added, import_id))
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from exc
        return ImportResult(file=file, format=format, records=len(records), added=added)

    # -- reading -------------------------------------------------------------

    def count(self) -> int:
        """How many fact-checks are stored."""
        return int(self.conn.execute("SELECT count(*) FROM factchecks").fetchone()[0])

    def search(self, fts_query: str, limit: int) -> list[tuple[FactCheck, float]]:
        """Run an FTS5 ``MATCH`` query; the best ``limit`` records by BM25 (lower is better)."""
        try:
            # Rank inside the FTS table first, join the few winners after:
            # joining before the LIMIT would fetch every matching row.
            rows = self.conn.execute(
                """SELECT f.*, top.bm25 FROM (
                       SELECT rowid, rank AS bm25 FROM factchecks_fts
                       WHERE factchecks_fts MATCH ? ORDER BY rank LIMIT ?
                   ) AS top JOIN factchecks AS f ON f.id = top.rowid ORDER BY top.bm25""",
                (fts_query, limit),
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from exc
        return [(_row_to_factcheck(row), float(row["bm25"])) for row in rows]

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many stored fact-checks contain each matching stem (0 if none)."""
        terms = list(set(terms))
        found: dict[str, int] = dict.fromkeys(terms, 0)
        for start in range(0, len(terms), 500):
            chunk = terms[start: start + 500]
            marks = ",".join("?" * len(chunk))
            for term, df in self.conn.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", chunk):
                found[term] = int(df)
        return found

    def get(self, record_id: int) -> FactCheck | None:
        """The fact-check with this row id."""
        row = self.conn.execute("SELECT * FROM factchecks WHERE id = ?", (record_id,)).fetchone()
        return _row_to_factcheck(row) if row else None

    def stats(self) -> dict[str, Any]:
        """What is in the store: totals by dataset, verdict, publisher and language, and recent imports."""

        def grouped(column: str, top: int | None = None) -> dict[str, int]:
            sql = f"SELECT coalesce({column}, '(none)') AS k, count(*) AS n FROM factchecks GROUP BY k ORDER BY n DESC, k"
            if top:
                sql += f" LIMIT {int(top)}"
            return {row["k"]: row["n"] for row in self.conn.execute(sql)}

        imports = [
            dict(row)
            for row in self.conn.execute(
                "SELECT file, format, records, added, imported_at FROM imports ORDER BY id DESC LIMIT 10"
            )
        ]
        return {
            "path": str(self.path),
            "schema_version": SCHEMA_VERSION,
            "bytes": self.path.stat().st_size,
            "factchecks": self.count(),
            "by_dataset": grouped("dataset"),
            "by_verdict": grouped("verdict"),
            "by_publisher": grouped("publisher", top=10),
            "by_language": grouped("language"),
            "cached_queries": int(self.conn.execute("SELECT count(*) FROM lookup_cache").fetchone()[0]),
            "imports": imports,
        }

    # -- cache of external services -----------------------------------------

    def cache_get(self, source: str, query: str, language: str | None, max_age: dt.timedelta | None = None) -> Any | None:
        """A cached answer of an external source, or ``None`` if absent or older than ``max_age``."""
        row = self.conn.execute(
            "SELECT fetched_at, payload FROM lookup_cache WHERE source = ? AND query = ? AND language = ?",
            (source, _cache_query(query), language or ""),
        ).fetchone()
        if row is None:
            return None
        if max_age is not None:
            fetched = dt.datetime.fromisoformat(row["fetched_at"])
            if dt.datetime.now(dt.timezone.utc) - fetched > max_age:
                return None
        return json.loads(row["payload"])

    def cache_put(self, source: str, query: str, language: str | None, payload: Any,
                  records: Iterable[FactCheck] = ()) -> int:
        """Cache an external answer and import the fact-checks it contained (one transaction).

        Returns how many of the records were new to the store.
        """
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        records = list(records)
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        result = self.import_records(records, file=f"{source}:{query}", format=source,
                                     sha256=hashlib.sha256(body.encode("utf-8")).hexdigest())
        try:
            with self.transaction() as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO lookup_cache(source, query, language, fetched_at, payload) VALUES (?, ?, ?, ?, ?)",
                    (source, _cache_query(query), language or "", now, body),
                )
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from exc
        return result.added


def _cache_query(query: str) -> str:
    return " ".join(query.casefold().split())


def _split_sql(script: str) -> list[str]:
    """The statements of the schema script (triggers contain ';' inside BEGIN ... END)."""
    statements: list[str] = []
    buffer: list[str] = []
    for line in script.strip().splitlines():
        buffer.append(line)
        joined = "\n".join(buffer).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buffer = []
    return statements


def _row_to_factcheck(row: sqlite3.Row) -> FactCheck:
    return FactCheck(
        claim=row["claim"], verdict=row["verdict"], dataset=row["dataset"], rating=row["rating"],
        claimant=row["claimant"], claim_date=row["claim_date"], publisher=row["publisher"], url=row["url"],
        review_date=row["review_date"], language=row["language"], source_id=row["source_id"], id=row["id"],
    )


def factcheck_to_dict(record: FactCheck) -> dict[str, Any]:
    """A JSON-ready form of a fact-check."""
    return asdict(record)
