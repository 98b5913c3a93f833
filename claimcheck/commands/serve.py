"""``claimcheck serve``: the editor's web page and the HTTP API on this machine."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from claimcheck.commands.options import engine_overrides
from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode

TOKEN_ENV = "CLAIMCHECK_TOKEN"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``serve``."""
    from claimcheck.serve.settings import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    p = subparsers.add_parser(
        "serve",
        help="the editor's page and the HTTP API (needs the serve extra)",
        description="Serve the editor's page at / and the API (/api/v1/check, LanguageTool-compatible /v2/check). "
                    "Binds 127.0.0.1 unless --host is given.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", "-p", type=int, default=8765, help="TCP port (default 8765)")
    p.add_argument("--token", help=f"require 'Authorization: Bearer TOKEN' on the API (default: ${TOKEN_ENV})")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"largest request body; larger ones get 413 (default {DEFAULT_MAX_BYTES})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"longest a check may take; slower ones get 408 (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow browser pages from ORIGIN to call the API (repeatable; default: CORS off)")
    p.add_argument("--lookup", action="store_true", help="attach prior fact-checks from the local store to every check (a request may turn it off)")
    p.add_argument("--db", metavar="PATH", help="the local fact-check database lookups read")
    p.add_argument("--pipeline", metavar="NAME", help="spaCy pipeline to use")
    p.add_argument("--no-model", action="store_true", help="score with linguistic features only")
    p.add_argument("--config", metavar="PATH", help="configuration file (default: found from the current folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the server and run until interrupted."""
    try:
        import uvicorn

        from claimcheck.serve.app import create_app
    except ImportError as exc:
        raise ClaimcheckError(ErrorCode.BAD_OPTION,
                              f"claimcheck serve needs the serve extra ({exc.name} is missing): pip install 'claimcheck[serve]'") from None
    from claimcheck.config import load_config
    from claimcheck.serve.settings import ServeSettings

    if not 0 < args.port < 65536:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"--port must be between 1 and 65535, not {args.port}")
    if args.max_bytes < 1024 or args.timeout <= 0:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "--max-bytes must be at least 1024 and --timeout more than 0")
    overrides = engine_overrides(args)
    config = load_config(Path.cwd(), overrides, explicit=Path(args.config) if args.config else None)
    token = args.token or os.environ.get(TOKEN_ENV) or None
    settings = ServeSettings(host=args.host, port=args.port, token=token, max_bytes=args.max_bytes,
                             timeout=args.timeout, cors_origins=list(args.cors_origin),
                             config=config)
    if args.host not in ("127.0.0.1", "localhost", "::1") and not token:
        sys.stderr.write(f"claimcheck: warning: serving on {args.host} without a token: anyone who can reach this "
                         f"address can use the API (set --token or ${TOKEN_ENV})\n")
    sys.stderr.write(f"claimcheck: loading the engine, then serving on http://{args.host}:{args.port}/ (Ctrl-C stops)\n")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning",
                limit_concurrency=64, timeout_keep_alive=5)
    return ExitCode.OK
