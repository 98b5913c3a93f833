"""Per-document set-up of two checkouts, timed in one process on fresh documents, alternating.

``bench/report_cpu.py`` times the whole report in fresh processes, whose
speed on the shared machine moves by more than a part of a few per cent.
This script times three per-document parts of the report, the old tree's
module (``--tree``) loaded beside this tree's, in the same process and
alternating which goes first:

* ``token table``: :class:`claimcheck.analysis.token_table.TokenTable` of each document;
* ``sequence``: the check-worthiness model's per-document word sequence
  (``claimcheck.model.features._Sequence``), token tables built untimed first;
* ``verb features``: the cue model's claim-independent features of every verb
  an untimed report of the same documents asked about
  (``claimcheck.analysis.attribution_model.verb_features``), token tables built
  untimed first; both trees' answers are compared before timing.

Every round reads the documents afresh from ``bench/report_cpu.py``'s store, so
that per-document memos are built inside the timing as a report builds them:
a loop that replays the same documents reuses them and measures something a
report never meets.

It prints one JSON line: per part, each side's CPU time (``time.process_time``)
per round, and the median of the per-round ratios (this tree over the old one).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report_cpu import add_store_arguments, read_store  # noqa: E402  (bench/ is the script's own folder on sys.path)


def _load_old(tree: Path, relative: str, name: str) -> ModuleType:
    """The old tree's module at ``relative`` as a module of its own (its imports are this tree's)."""
    spec = importlib.util.spec_from_file_location(name, tree / "claimcheck" / relative)
    if spec is None or spec.loader is None:
        raise SystemExit(f"enrichment_ab: no module {relative} in {tree}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, required=True, help="the old checkout")
    add_store_arguments(parser)
    parser.add_argument("--rounds", type=int, default=11, help="timed rounds (default 11)")
    args = parser.parse_args(argv)

    from claimcheck.analysis import attribution_model, token_table
    from claimcheck.engine import Engine
    from claimcheck.model import features

    old_table = _load_old(args.tree, "analysis/token_table.py", "old_token_table")
    old_features = _load_old(args.tree, "model/features.py", "old_features")
    old_cues = _load_old(args.tree, "analysis/attribution_model.py", "old_attribution_model")

    engine = Engine(config={"lookup": {"enabled": False}})
    config = engine._config_for({"all": True})
    store = args.store / f"words-{args.words}"
    docbin, carried = read_store(store, "enrichment_ab")

    # The verbs a report asks the cue model about: (document, verb, source), recorded in an untimed report.
    verbs: list[tuple[int, int, tuple[int, ...]]] = []
    original = attribution_model.verb_features
    current = [0]  # the document being reported

    def recording(doc: Any, verb: Any, source: tuple[int, ...]) -> list[str]:
        verbs.append((current[0], verb.i, source))
        return original(doc, verb, source)

    attribution_model.verb_features = recording  # type: ignore[assignment]
    for current[0], (doc, (item, published, norm, meta)) in enumerate(zip(docbin.get_docs(engine.nlp.vocab), carried)):
        engine._report(doc, item, published, norm, meta, config)
    attribution_model.verb_features = original  # type: ignore[assignment]

    def fresh(tables: bool) -> list[Any]:
        docs = list(docbin.get_docs(engine.nlp.vocab))
        if tables:
            for doc in docs:
                token_table.token_table(doc)
        return docs

    def verb_features(module: ModuleType) -> Callable[[list[Any]], list[Any]]:
        return lambda docs: [module.verb_features(docs[i], docs[i][v], s) for i, v, s in verbs]

    parts: dict[str, tuple[bool, Callable[[list[Any]], Any], Callable[[list[Any]], Any]]] = {
        "token table": (False, lambda docs: [old_table.TokenTable(d) for d in docs],
                        lambda docs: [token_table.TokenTable(d) for d in docs]),
        "sequence": (True, lambda docs: [old_features._Sequence(d) for d in docs],
                     lambda docs: [features._Sequence(d) for d in docs]),
        "verb features": (True, verb_features(old_cues), verb_features(attribution_model)),
    }
    if verb_features(old_cues)(fresh(True)) != verb_features(attribution_model)(fresh(True)):
        raise SystemExit("enrichment_ab: the two trees' verb features differ")

    times: dict[str, tuple[list[float], list[float]]] = {part: ([], []) for part in parts}
    for r in range(args.rounds):
        for part, (tables, old, new) in parts.items():
            sides = ((0, old), (1, new)) if r % 2 == 0 else ((1, new), (0, old))
            for side, run in sides:
                docs = fresh(tables)
                gc.collect()
                start = time.process_time()
                run(docs)
                times[part][side].append(round(time.process_time() - start, 4))
                del docs
    result = {part: {"old": old, "new": new, "ratio": round(statistics.median(b / a for a, b in zip(old, new)), 3)}
              for part, (old, new) in times.items()}
    print(json.dumps({"tree": str(args.tree), "documents": len(carried), "verbs": len(verbs), **result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
