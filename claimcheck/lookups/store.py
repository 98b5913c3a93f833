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
- ``vectors``: each fact-check's sentence vector (:mod:`claimcheck.lookups.embed`)
  and matching features (:func:`~claimcheck.lookups.features.analyse`), made
  at import time so that a lookup analyses and embeds only its query;
- ``lookup_cache``: answers of external lookup services, keyed by source,
  query and language, so the same claim is not fetched twice.

The file is marked as claimcheck's with ``PRAGMA application_id`` and its
schema versioned with ``PRAGMA user_version``; both are read before anything
is changed, so a foreign SQLite file is refused untouched.  A store of schema
1 or 2 is migrated in place (1: new keys, vectors; 2: the claimant's title,
filled in when its file is imported again); a newer one is refused.

The database runs in WAL mode, so lookups read while one process imports.
An import prepares everything (keys, vectors, term counts) before it takes
the write lock, keeps its transaction short, and waits its turn (up to
:data:`IMPORT_WAIT_S`) when another import holds the lock.  Every import is
one transaction: if anything fails, nothing of it is kept.  A store that
cannot be written (a read-only file or folder) is opened read-only for
lookups.
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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.lookups import embed
from claimcheck.lookups.features import FEATURES_VERSION, Features, analyse
from claimcheck.report import VERDICTS

__all__ = ["FactCheck", "ImportResult", "Store", "default_db_path", "SCHEMA_VERSION"]

SCHEMA_VERSION = 3
# 'ClCk': marks the file as a claimcheck store (schema 1 stores did not set it).
APPLICATION_ID = 0x436C436B
BUSY_TIMEOUT_MS = 10_000
# How long an import waits for another process's import to finish.
IMPORT_WAIT_S = 900.0
DB_FILENAME = "factchecks.sqlite3"
# What made the ``vectors`` table: a change of either re-makes it.
INDEX_VERSION = f"{embed.MODEL_NAME}+features{FEATURES_VERSION}"
_V1_TABLES = frozenset({"factchecks", "factchecks_fts", "terms", "imports", "meta", "lookup_cache"})

_SCHEMA = f"""
CREATE TABLE factchecks (
    id          INTEGER PRIMARY KEY,
    dedup_key   TEXT NOT NULL UNIQUE,
    claim       TEXT NOT NULL CHECK (length(trim(claim)) > 0),
    claimant    TEXT,
    claimant_title TEXT,
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
CREATE TABLE vectors (
    id       INTEGER PRIMARY KEY REFERENCES factchecks(id) ON DELETE CASCADE,
    vector   BLOB NOT NULL,
    features TEXT NOT NULL
);
CREATE TABLE lookup_cache (
    source     TEXT NOT NULL,
    query      TEXT NOT NULL,
    language   TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,
    payload    TEXT NOT NULL,
    PRIMARY KEY (source, query, language)
) WITHOUT ROWID;
"""


#: An import merges the full-text index into one segment when it adds at least this share of
#: the records the store then holds (a first or bulk import); smaller ones leave merging to FTS5.
MERGE_SHARE = 0.1


@dataclass
class FactCheck:
    """One prior fact-check, whatever file it came from.

    Dates are ISO 8601 (``2020-10-31``) or ``None``; ``verdict`` is one of
    :data:`claimcheck.report.VERDICTS`; ``rating`` is the rating as the
    publisher wrote it.  ``dataset`` names where the record came from
    (``liar``, ``averitec``, ``claimreview``, ``google-factcheck``) and
    ``source_id`` its id there, if it has one.  ``claimant_title`` is the
    claimant's title or office as the source gives it (LIAR's job title,
    ClaimReview's ``jobTitle``: "Governor", "U.S. Senator"): news copy often
    names a speaker by it alone ("the governor said").
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
    claimant_title: str | None = None

    def dedup_key(self) -> str:
        """A key equal for the same fact-check imported again, from any file.

        The same claim reviewed at the same URL is the same fact-check.  With
        no URL, a dataset's own id names it (LIAR gives one statement two
        ids when PolitiFact checked it twice: two fact-checks); with neither,
        who made the claim and when count, with the publisher and rating, so
        that the same words said by two people are two fact-checks.
        """
        claim = " ".join(self.claim.casefold().split())
        if self.url:
            basis = ["u", claim, self.url.strip().rstrip("/").casefold()]
        elif self.source_id:
            basis = ["s", self.dataset.casefold(), self.source_id.strip()]
        else:
            basis = ["p", claim, (self.claimant or "").casefold(), self.claim_date or "",
                     (self.publisher or "").casefold(), (self.rating or "").casefold()]
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
        read_only: open without writing anything (``file:...?mode=ro``);
            ``None`` decides by whether the file and its folder are writable.
        on_wait: called once with a message when an import must wait for
            another process's write lock.

    Raises:
        ClaimcheckError: ``CC170`` when the file is not a claimcheck
            database, was written by a newer claimcheck, or cannot be opened.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True,
                 read_only: bool | None = None, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_db_path()
        self.on_wait = on_wait
        self.migrated_from: int | None = None
        if not self.path.exists():
            if not create:
                raise ClaimcheckError(
                    ErrorCode.DATABASE,
                    f"no fact-check database at {self.path}; import fact-checks first with "
                    "'claimcheck db import FILE'",
                )
            if read_only:
                raise ClaimcheckError(ErrorCode.DATABASE, f"no fact-check database at {self.path}")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _db_error(self.path, exc) from exc
        elif self.path.is_dir():
            raise ClaimcheckError(ErrorCode.DATABASE, f"{self.path} is a directory, not a database file")
        if read_only is None:
            read_only = self.path.exists() and not (
                os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK))
        self.read_only = bool(read_only)
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
                self._drop_connection()
                if _is_busy(exc) and time.monotonic() < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.25)
                    continue
                raise _db_error(self.path, exc) from exc
            except sqlite3.DatabaseError as exc:
                self._drop_connection()
                raise _db_error(self.path, exc) from exc
            except ClaimcheckError:
                self._drop_connection()
                raise

    def _drop_connection(self) -> None:
        if hasattr(self, "conn"):
            self.conn.close()
            del self.conn

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE),
        # so a writer takes the lock up front instead of failing half-way.
        if not self.read_only:
            return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL store in a folder we cannot write: SQLite cannot create
            # the -shm index beside it.  Nobody can be writing it through
            # this folder either, so read it as an immutable file.
            conn.close()
            conn = sqlite3.connect(f"file:{quote(str(self.path.resolve()))}?immutable=1", uri=True,
                                   isolation_level=None)
        return conn

    def _open(self) -> None:
        self.conn = self._connect()
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Look before touching: nothing is changed in a file that is not ours.
        version = self._identify()
        if not self.read_only:
            self.conn.execute("PRAGMA foreign_keys = ON")
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.DatabaseError(f"cannot switch to WAL journal mode (got {mode})")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        elif version != SCHEMA_VERSION:
            raise ClaimcheckError(
                ErrorCode.DATABASE,
                f"{self.path} was made by an earlier claimcheck (schema {version}) and is read-only here; "
                "open it once where it can be written (e.g. 'claimcheck db stats --db PATH') to upgrade it",
            )
        # A lookup reads a few MB of FTS pages: keep them in memory between
        # lookups (SQLite's default cache is 2 MB) and read them mapped.
        self.conn.execute("PRAGMA cache_size = -32768")
        self.conn.execute("PRAGMA mmap_size = 268435456")
        if not self.read_only:
            self._migrate()
            self._refresh_terms()
            self._refresh_vectors()

    def _identify(self) -> int:
        """The file's schema version (0: empty), refusing files that are not claimcheck stores."""
        # One read transaction, one snapshot: a process creating the store commits its tables, its
        # application id and its version together, and three reads on either side of that commit
        # would see its tables without its id, a store that is "not ours".
        self.conn.execute("BEGIN")
        try:
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
            application = int(self.conn.execute("PRAGMA application_id").fetchone()[0])
            tables = {row[0] for row in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        finally:
            self.conn.execute("COMMIT")
        ours = application == APPLICATION_ID or (application == 0 and version == 1 and _V1_TABLES <= tables)
        if not tables and version == 0 and application == 0:
            if self.read_only:
                raise ClaimcheckError(ErrorCode.DATABASE, f"{self.path} is an empty database, not a fact-check store")
            return 0
        if not ours:
            raise ClaimcheckError(
                ErrorCode.DATABASE,
                f"{self.path} is an SQLite database but not a claimcheck fact-check store; use another --db",
            )
        if version > SCHEMA_VERSION:
            raise ClaimcheckError(
                ErrorCode.DATABASE,
                f"{self.path} was written by a newer claimcheck (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade claimcheck or use another --db",
            )
        return version

    # -- lifecycle -----------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, wait: float | None = None) -> Iterator[sqlite3.Connection]:
        """A write transaction: everything inside is kept, or nothing.

        Args:
            wait: seconds to wait for another writer's lock (default: the
                busy timeout); :attr:`on_wait` is told once when it must.
        """
        if self.read_only:
            raise ClaimcheckError(ErrorCode.DATABASE, f"{self.path} is read-only here; nothing can be written to it")
        self._begin(wait)
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _begin(self, wait: float | None) -> None:
        if wait is None:
            self.conn.execute("BEGIN IMMEDIATE")
            return
        deadline = time.monotonic() + wait
        told = False
        # Wait in short steps, so that the user hears why nothing happens.
        self.conn.execute("PRAGMA busy_timeout = 1000")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc) or time.monotonic() >= deadline:
                        raise
                    if not told and self.on_wait is not None:
                        self.on_wait(f"{self.path} is being written by another process (an import?); "
                                     f"waiting up to {wait:.0f} s for it to finish")
                        told = True
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as conn:
            # Re-read inside the lock: another process may have created or migrated it meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                # executescript() would commit first; run the statements inside our lock.
                for statement in _split_sql(_SCHEMA):
                    conn.execute(statement)
            elif version in (1, 2):
                if version == 1:
                    self._migrate_from_1(conn)
                columns = {row[1] for row in conn.execute("PRAGMA table_info(factchecks)")}
                if "claimant_title" not in columns:
                    conn.execute("ALTER TABLE factchecks ADD COLUMN claimant_title TEXT")
                self.migrated_from = version
            else:
                return
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _migrate_from_1(self, conn: sqlite3.Connection) -> None:
        """Schema 1 -> 2: the duplicate key learnt claimant and date, and claims got vectors.

        Fact-checks that schema 1's key merged are not in the file to be
        recovered: importing their file again adds them.
        """
        conn.execute("""CREATE TABLE vectors (
            id       INTEGER PRIMARY KEY REFERENCES factchecks(id) ON DELETE CASCADE,
            vector   BLOB NOT NULL,
            features TEXT NOT NULL)""")
        rows = conn.execute("SELECT * FROM factchecks").fetchall()
        # Two steps: a row's new key may equal another row's old one.
        conn.execute("UPDATE factchecks SET dedup_key = '~' || id")
        conn.executemany("UPDATE OR IGNORE factchecks SET dedup_key = ? WHERE id = ?",
                         [(_row_to_factcheck(row).dedup_key(), row["id"]) for row in rows])
        conn.execute("DELETE FROM meta WHERE key = 'embedding_model'")

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

    def _refresh_vectors(self) -> None:
        """Re-embed every claim if the vectors were made by another model (or never), and
        re-analyse them if their features were made by other rules: only what changed is redone."""
        if self.embedding_model() == INDEX_VERSION:
            return
        with self.transaction() as conn:
            made = self.embedding_model()
            if made == INDEX_VERSION:
                return
            same_model = made is not None and made.split("+features")[0] == embed.MODEL_NAME
            rows = conn.execute("SELECT id, claim FROM factchecks").fetchall()
            if same_model:
                conn.executemany("UPDATE vectors SET features = ? WHERE id = ?",
                                 [(analyse(r["claim"]).to_json(), r["id"]) for r in rows])
            else:
                conn.execute("DELETE FROM vectors")
                model = embed.embedder() if rows else None
                for start in range(0, len(rows), 4096):
                    chunk = rows[start: start + 4096]
                    vectors = model.embed([r["claim"] for r in chunk])  # type: ignore[union-attr]
                    conn.executemany("INSERT INTO vectors(id, vector, features) VALUES (?, ?, ?)",
                                     [(r["id"], embed.to_blob(v), analyse(r["claim"]).to_json())
                                      for r, v in zip(chunk, vectors)])
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('embedding_model', ?)", (INDEX_VERSION,))

    def embedding_model(self) -> str | None:
        """What made the stored vectors and features (``MODEL+featuresN``; ``None``: nothing yet)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'embedding_model'").fetchone()
        return str(row[0]) if row is not None else None

    # -- writing -------------------------------------------------------------

    def import_records(self, records: Iterable[FactCheck], *, file: str, format: str, sha256: str,
                       wait: float = IMPORT_WAIT_S) -> ImportResult:
        """Add fact-checks in one transaction; those already present are skipped.

        Keys, vectors and term counts are worked out before the write lock
        is taken, so the transaction holds it only for the inserts.

        Args:
            wait: seconds to wait for another process's import to finish.

        Raises:
            ClaimcheckError: ``CC170`` if the database refuses the write (the
                store is then left as it was).
        """
        records = list(records)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        keys = [record.dedup_key() for record in records]
        vectors = embed.embedder().embed([record.claim.strip() for record in records]) if records else None
        analysed = [analyse(record.claim) for record in records]
        added = 0
        try:
            with self.transaction(wait=wait) as conn:
                present = _existing_keys(conn, keys)
                fresh = [i for i, key in enumerate(keys) if key not in present]
                # A store migrated from schema 2 has no claimant titles: importing the file again fills them in.
                conn.executemany(
                    "UPDATE factchecks SET claimant_title = ? WHERE dedup_key = ? AND claimant_title IS NULL",
                    [(records[i].claimant_title, key) for i, key in enumerate(keys)
                     if key in present and records[i].claimant_title])
                # A file may hold the same fact-check twice: keep the first.
                seen: set[str] = set()
                fresh = [i for i in fresh if not (keys[i] in seen or seen.add(keys[i]))]  # type: ignore[func-returns-value]
                import_id = conn.execute(
                    "INSERT INTO imports(file, sha256, format, records, added, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (file, sha256, format, len(records), len(fresh), now),
                ).lastrowid
                df: Counter[str] = Counter()
                for i in fresh:
                    record = records[i]
                    cursor = conn.execute(
                        """INSERT INTO factchecks(dedup_key, claim, claimant, claimant_title, claim_date, publisher,
                               url, rating, verdict, review_date, language, dataset, source_id, import_id)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        (keys[i], record.claim.strip(), record.claimant, record.claimant_title, record.claim_date,
                         record.publisher, record.url, record.rating, record.verdict, record.review_date,
                         record.language, record.dataset, record.source_id, import_id),
                    )
                    assert vectors is not None
                    conn.execute("INSERT INTO vectors(id, vector, features) VALUES (?, ?, ?)",
                                 (cursor.lastrowid, embed.to_blob(vectors[i]), analysed[i].to_json()))
                    df.update(analysed[i].stems)
                added = len(fresh)
                conn.executemany(
                    "INSERT INTO terms(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                    df.items(),
                )
                stored = int(conn.execute("SELECT count(*) FROM factchecks").fetchone()[0]) if added else 0
                if added and added >= stored * MERGE_SHARE:
                    # One full-text segment: each import (and each automerge) leaves
                    # another, and a query reads every segment's posting lists.  Merged,
                    # the worked example's 14 queries take 37 instead of 46 ms of CPU at
                    # 100,000 records, with the same rows and BM25 scores; merging them
                    # took 0.2 s.  Merging rewrites the whole index, so an import that adds
                    # little to a large store leaves its small segment to FTS5's automerge
                    # (100 records into 1,000,000: 0.6 s to merge).
                    conn.execute("INSERT INTO factchecks_fts(factchecks_fts) VALUES ('optimize')")
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
            # joining before the LIMIT would fetch every matching row.  The
            # bm25() call, not the "rank" column: ORDER BY rank makes FTS5
            # sort every matching row in a nested query, where SQLite's own
            # LIMIT sorter keeps only the best (a quarter less time at
            # 100,000 records); ties go to the lower id, as they did.
            rows = self.conn.execute(
                """SELECT f.*, top.bm25 FROM (
                       SELECT rowid, bm25(factchecks_fts) AS bm25 FROM factchecks_fts
                       WHERE factchecks_fts MATCH ? ORDER BY bm25, rowid LIMIT ?
                   ) AS top JOIN factchecks AS f ON f.id = top.rowid ORDER BY top.bm25, top.rowid""",
                (fts_query, limit),
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from exc
        return [(_row_to_factcheck(row), float(row["bm25"])) for row in rows]

    def vectors(self, ids: list[int]) -> dict[int, tuple[bytes, Features]]:
        """The stored vector (:func:`claimcheck.lookups.embed.from_blob`) and features of these fact-checks, by id."""
        found: dict[int, tuple[bytes, Features]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start: start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((int(i), (bytes(v), Features.from_json(f))) for i, v, f in self.conn.execute(
                f"SELECT id, vector, features FROM vectors WHERE id IN ({marks})", chunk))
        return found

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


def _is_busy(exc: BaseException) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _existing_keys(conn: sqlite3.Connection, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start: start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(row[0] for row in conn.execute(f"SELECT dedup_key FROM factchecks WHERE dedup_key IN ({marks})", chunk))
    return found


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
        claimant_title=row["claimant_title"] if "claimant_title" in row.keys() else None,
    )


def factcheck_to_dict(record: FactCheck) -> dict[str, Any]:
    """A JSON-ready form of a fact-check."""
    return asdict(record)
