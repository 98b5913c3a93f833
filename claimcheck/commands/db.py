"""``claimcheck db``: manage the local store of prior fact-checks.

``db import FILE...`` loads ClaimReview JSON-LD, Fact Check Tools API
responses, LIAR TSV or AVeriTeC JSON (detected, or ``--format``); each file is
one transaction, and every file is read completely before anything is
written, so a corrupt file leaves the store unchanged.  ``db stats`` shows
what the store holds.
"""

from __future__ import annotations

import argparse
import json
import sys

from claimcheck.errors import ExitCode
from claimcheck.lookups.importers import FORMATS, read_file
from claimcheck.lookups.store import Store, default_db_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``claimcheck db import|stats`` to the command line."""
    parser = subparsers.add_parser(
        "db",
        help="import prior fact-checks into the local store, or show what it holds",
        description=f"Manage the local store of prior fact-checks (default: {default_db_path()}; "
                    "$CLAIMCHECK_DB or --db to change it).",
    )
    commands = parser.add_subparsers(dest="db_command", metavar="COMMAND", required=True)

    importer = commands.add_parser(
        "import",
        help="load fact-checks from files",
        description="Load fact-checks from schema.org ClaimReview JSON-LD (objects, lists, @graph, HTML pages), "
                    "Google Fact Check Tools API responses, LIAR TSV or AVeriTeC JSON. Re-importing a file "
                    "adds no duplicates; a corrupt file is refused and the store left unchanged.",
    )
    importer.add_argument("files", nargs="+", metavar="FILE", help="fact-check files")
    importer.add_argument("--format", choices=("auto", *FORMATS), default="auto",
                          help="the files' format (default: detect it)")
    importer.add_argument("--db", metavar="PATH", help="the store (created if missing)")
    importer.set_defaults(func=run)

    stats = commands.add_parser("stats", help="show what the store holds",
                                description="Count the stored fact-checks by dataset, verdict, publisher and language.")
    stats.add_argument("--db", metavar="PATH", help="the store")
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.set_defaults(func=run)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``db import`` or ``db stats``; returns an :class:`ExitCode`."""
    if args.db_command == "import":
        return run_import(args)
    return run_stats(args)


def run_import(args: argparse.Namespace) -> int:
    """Read every file first (refusing bad ones), then import each in its own transaction."""
    parsed = [(path, *read_file(path, args.format)) for path in args.files]
    with Store(args.db, read_only=False, on_wait=_tell) as store:
        if store.migrated_from is not None:
            _tell(f"upgraded {store.path} from schema {store.migrated_from}; fact-checks that the old store "
                  "merged by mistake come back when their file is imported again")
        for path, fmt, records, digest in parsed:
            result = store.import_records(records, file=str(path), format=fmt, sha256=digest)
            print(f"{path}: {result.added} new fact-checks ({fmt}; {result.skipped} already stored)")
        print(f"{store.path}: {store.count()} fact-checks")
    return ExitCode.OK


def _tell(message: str) -> None:
    sys.stderr.write(f"claimcheck: {message}\n")
    sys.stderr.flush()


def run_stats(args: argparse.Namespace) -> int:
    """Print the store's figures."""
    with Store(args.db, create=False) as store:
        stats = store.stats()
    if args.json:
        json.dump(stats, sys.stdout, indent=2)
        print()
        return ExitCode.OK
    print(f"{stats['path']} (schema {stats['schema_version']}, {stats['bytes'] / 1e6:.1f} MB)")
    print(f"fact-checks: {stats['factchecks']}")
    for title, key in (("by dataset", "by_dataset"), ("by verdict", "by_verdict"),
                       ("by publisher (top 10)", "by_publisher"), ("by language", "by_language")):
        print(f"{title}:")
        for name, count in stats[key].items():
            print(f"  {count:>8}  {name}")
    print(f"cached external queries: {stats['cached_queries']}")
    if stats["imports"]:
        print("recent imports:")
        for item in stats["imports"]:
            print(f"  {item['imported_at']}  {item['added']:>6} new of {item['records']:<6} {item['format']:<12} {item['file']}")
    return ExitCode.OK
