"""Write every report of a fixed set of documents as one canonical JSON file, to diff before and after a refactor.

A speed change must not change a report.  This script runs
``Engine.check_many(..., all=True)`` (every candidate, not only those above
the threshold; lookups off) over

* the 36 news-dev articles (``news-dev/*/article.txt``, each with the
  ``published:`` date of its ``expected.yaml``),
* the worked example ``examples/putin-pyongyang.txt`` (2024-06-19),
* the first ``--bench-words`` words of the throughput benchmark's articles
  (``bench/throughput.py``'s corpus, debate transcripts cut into 20-sentence
  documents; 0 leaves them out),

and writes the reports' JSON form (``Report.to_dict``) without the ``tool``
field (name, version, pipeline, model: they say which build ran, not what it
found), with sorted keys, one report per line.  Two runs of the same code give
byte-identical files; a refactor that is meant to change nothing must too::

    python bench/report_identity.py --data ../shared/data --out /tmp/before.jsonl
    # ... change the code ...
    python bench/report_identity.py --data ../shared/data --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl && echo identical

``--against FILE`` compares with an earlier output itself and exits 1 with
the first differing document when they differ.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DATA = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT / "examples" / "putin-pyongyang.txt"
EXAMPLE_DATE = "2024-06-19"

os.environ.setdefault("CLAIMCHECK_LOAD_PLUGINS", "")

_PUBLISHED = re.compile(r"^published:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)


def documents(data: Path, bench_words: int) -> list[dict[str, Any]]:
    """The documents checked, as ``check_many`` items, in a fixed order."""
    news = data / "news-dev"
    folders = sorted(p for p in news.iterdir() if (p / "article.txt").is_file()) if news.is_dir() else []
    if not folders:
        raise SystemExit(f"report_identity: error: no news-dev articles in {news} (give the data folder with --data)")
    items: list[dict[str, Any]] = []
    for folder in folders:
        expected = folder / "expected.yaml"
        found = _PUBLISHED.search(expected.read_text(encoding="utf-8")) if expected.is_file() else None
        items.append({"id": folder.name, "text": (folder / "article.txt").read_text(encoding="utf-8"),
                      "published": found.group(1) if found else None})
    items.append({"id": EXAMPLE.name, "text": EXAMPLE.read_text(encoding="utf-8"), "published": EXAMPLE_DATE})
    if bench_words > 0:
        from throughput import load_corpus

        items.extend({"id": d.id, "text": d.text, "published": d.published}
                     for d in load_corpus(data, "articles", bench_words))
    return items


def canonical(report: Any) -> str:
    """One report as a line of JSON that does not depend on which build wrote it."""
    payload = report.to_dict()
    payload.pop("tool", None)
    return json.dumps(payload, sort_keys=True, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the shared data folder (default {DEFAULT_DATA})")
    parser.add_argument("--bench-words", type=int, default=20_000,
                        help="words of the throughput benchmark's articles to add (default 20000; 0: none)")
    parser.add_argument("--out", type=Path, required=True, help="the canonical JSON Lines file to write")
    parser.add_argument("--against", type=Path, help="an earlier output to compare with (exit 1 when they differ)")
    args = parser.parse_args(argv)

    from claimcheck.engine import Engine

    items = documents(args.data, args.bench_words)
    engine = Engine(config={"lookup": {"enabled": False}})
    lines = [canonical(r) for r in engine.check_many(items, all=True)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    claims = sum(json.loads(line)["stats"]["reported"] for line in lines)
    print(f"report_identity: {len(lines)} reports, {claims} claims -> {args.out}")
    if args.against is not None:
        before = args.against.read_text(encoding="utf-8").splitlines()
        for item, old, new in zip(items, before, lines):
            if old != new:
                print(f"report_identity: DIFFERENT from {args.against}: first at {item['id']}")
                return 1
        if len(before) != len(lines):
            print(f"report_identity: DIFFERENT from {args.against}: {len(before)} reports there, {len(lines)} here")
            return 1
        print(f"report_identity: identical to {args.against}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
