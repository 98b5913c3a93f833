"""``claimcheck lookup "claim"``: has this claim been fact-checked before?

Looks the text up in the local store and prints the most similar prior
fact-checks with their similarity score; those at or above the match
threshold (``lookup.threshold``, default
:data:`claimcheck.lookups.match.DEFAULT_THRESHOLD`) are the same claim,
the others are shown for context.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.lookups.local import LocalSource
from claimcheck.lookups.match import DEFAULT_THRESHOLD
from claimcheck.lookups.store import default_db_path
from claimcheck.report import Evidence


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``claimcheck lookup`` to the command line."""
    parser = subparsers.add_parser(
        "lookup",
        help="find prior fact-checks of a claim in the local store",
        description="Print the stored fact-checks most similar to CLAIM, with a similarity score in [0, 1]; "
                    "scores at or above the threshold mean the same claim.",
    )
    parser.add_argument("claim", metavar="CLAIM", help="the claim as written ('-' reads it from stdin)")
    parser.add_argument("--db", metavar="PATH", help=f"the store (default: {default_db_path()})")
    parser.add_argument("--limit", type=int, default=5, help="the most matches to print (default 5)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"the score from which a match is the same claim (default {DEFAULT_THRESHOLD})")
    parser.add_argument("--json", action="store_true", help="print the matches as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Look the claim up and print the matches; returns :attr:`ExitCode.OK`."""
    text = sys.stdin.read() if args.claim == "-" else args.claim
    text = " ".join(text.split())
    if not text:
        raise ClaimcheckError(ErrorCode.EMPTY_INPUT, "nothing to look up: give the claim's text")
    if args.limit < 1:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "--limit must be 1 or more")
    if not 0 <= args.threshold <= 1:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "--threshold must be between 0 and 1")
    source = LocalSource(args.db or default_db_path())
    try:
        matches = source.lookup(text, limit=args.limit)
    finally:
        source.close()
    if args.json:
        json.dump({"query": text, "threshold": args.threshold,
                   "matches": [{**asdict(m), "same_claim": m.score >= args.threshold} for m in matches]},
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
        return ExitCode.OK
    if not matches:
        print("no similar fact-checks in the store")
        return ExitCode.OK
    shown_divider = False
    for match in matches:
        if match.score < args.threshold and not shown_divider:
            print(f"-- below the threshold ({args.threshold:.2f}): probably not the same claim --")
            shown_divider = True
        print(format_match(match))
    return ExitCode.OK


def format_match(match: Evidence) -> str:
    """Two or three plain-text lines for one match."""
    rating = f"{match.verdict} ({match.rating})" if match.rating and match.rating.lower() != match.verdict else match.verdict
    head = "  ".join(p for p in (f"{match.score:.2f}", rating, match.publisher or "", match.date or "") if p)
    lines = [head, f"      {match.claim}"]
    extra = "  ".join(p for p in (f"claimant: {match.claimant}" if match.claimant else "", match.url or "") if p)
    if extra:
        lines.append(f"      {extra}")
    return "\n".join(lines)
