"""Claim detection and typing of two checkouts, timed in one process, alternating document by document.

``bench/report_cpu.py`` times the whole report in fresh processes; on the
shared machine (load 6-9 on 2 cores) one process's report moves by a fifth
from the next's, more than detection's and typing's whole share.  This
script times only those two parts, the old tree's and this tree's, in the
same process and at the same moments, so that load moves both alike:

* the detection, typing and pattern modules of the old checkout
  (``claims``, ``claim_types``, ``claim_type_cues``, ``claim_patterns``,
  ``matching``; ``--tree``) are loaded as a package of their own beside this
  tree's ``claimcheck``; the modules they share (token table, spans, lexicon)
  are this tree's;
* each document of ``bench/report_cpu.py``'s store is read fresh, its shared
  per-document tables (token table, entity index, sentences) are built untimed,
  then ``find_candidates`` over every sentence and ``classify`` over every
  claim of the engine's report run for one tree and then the other (which
  goes first alternates by document); each side builds its own memos (amounts,
  pattern matches, subject arcs) inside its timed part;
* the claims given to ``classify`` are the arguments the engine passed it in
  an untimed report of the same document, and both trees' answers are compared;
* ``patterns`` times the rule packs' token patterns, each tree's
  ``matching.PrefilteredMatcher`` holding them as ``RuleSet`` adds them, over each
  document, after that side's detection and typing (the matches are compared too).

It prints one JSON line: per round, the CPU time (``time.process_time``) of
each part on each side, and their ratios (this tree over the old one; ``ratio_all_median``
is the median over rounds of the three parts together).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report_cpu import add_store_arguments, read_store  # noqa: E402  (bench/ is the script's own folder on sys.path)
os.environ.setdefault("CLAIMCHECK_LOAD_PLUGINS", "")

#: The parts timed on each side.
PARTS = ("candidates", "typing", "patterns")
#: The old tree's modules loaded beside this tree's, in an order that satisfies their imports.
OLD_MODULES = ("matching", "claim_patterns", "claims", "claim_type_cues", "claim_types")


def load_old(tree: Path) -> dict[str, types.ModuleType]:
    """The old tree's detection and typing modules, as a package ``oldcc`` whose imports of each other
    point into it (and whose other imports are this tree's ``claimcheck``)."""
    package = types.ModuleType("oldcc")
    package.__path__ = []
    sys.modules["oldcc"] = package
    loaded: dict[str, types.ModuleType] = {}
    for name in OLD_MODULES:
        source = (tree / "claimcheck" / "analysis" / f"{name}.py").read_text()
        for other in OLD_MODULES:
            source = source.replace(f"claimcheck.analysis.{other} ", f"oldcc.{other} ")
            source = source.replace(f"claimcheck.analysis.{other}\n", f"oldcc.{other}\n")
        spec = importlib.util.spec_from_loader(f"oldcc.{name}", loader=None)
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"oldcc.{name}"] = module
        exec(compile(source, f"{tree}/claimcheck/analysis/{name}.py", "exec"), module.__dict__)
        loaded[name] = module
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, required=True, help="the old checkout")
    add_store_arguments(parser)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds after one untimed round (default 5)")
    args = parser.parse_args(argv)

    from claimcheck.analysis import claim_types, claims, enrich, spans
    from claimcheck.analysis.spans import entity_index, sentences
    from claimcheck.analysis.token_table import token_table
    from claimcheck.engine import Engine

    old = load_old(args.tree.resolve())
    engine = Engine(config={"lookup": {"enabled": False}})
    config = engine._config_for({"all": True})
    store = args.store / f"words-{args.words}"
    docbin, carried = read_store(store, "detection_ab")

    from claimcheck.analysis import matching

    def pack_matcher(module: types.ModuleType) -> Any:
        """A tree's PrefilteredMatcher with the rule packs' token patterns, as ``RuleSet`` adds them."""
        matcher = module.PrefilteredMatcher(engine.nlp.vocab)
        for compiled in engine.rules.rules:
            if compiled.rule.match.tokens and not compiled.rule.match.phrases:
                matcher.add(compiled.id, compiled.rule.match.tokens, greedy="LONGEST")
        return matcher

    sides = {"new": (claims.find_candidates, claim_types.classify, pack_matcher(matching)),
             "old": (old["claims"].find_candidates, old["claim_types"].classify, pack_matcher(old["matching"]))}

    def one_round(number: int) -> dict[str, float]:
        spent = {f"{side}_{part}": 0.0 for side in sides for part in PARTS}
        for k, (doc, (item, published, norm, meta)) in enumerate(zip(docbin.get_docs(engine.nlp.vocab), carried)):
            asked: list[tuple[Any, ...]] = []
            original = enrich.classify

            def recording(*a: Any, _original: Any = original, _asked: list[tuple[Any, ...]] = asked) -> str:
                _asked.append(a[1:])
                return str(_original(*a))

            enrich.classify = recording
            try:
                engine._report(doc, item, published, norm, meta, config)
            finally:
                enrich.classify = original
            spans.release(doc)  # every memo goes: each side below builds its own
            quotes = [(q.start, q.end) for q in norm.quotes]  # as ClaimBuilder.quote_ranges
            token_table(doc)
            entity_index(doc)
            sents = list(sentences(doc))
            answers: dict[str, list[str]] = {}
            found: dict[str, list[tuple[int, int, int]]] = {}
            order = ("new", "old") if (k + number) % 2 == 0 else ("old", "new")
            for side in order:
                find, classify, patterns = sides[side]
                start = time.process_time()
                for sent in sents:
                    find(doc, sent, quotes)
                spent[f"{side}_candidates"] += time.process_time() - start
                start = time.process_time()
                answers[side] = [classify(doc, ids, head, origin) for ids, head, origin in asked]
                spent[f"{side}_typing"] += time.process_time() - start
                start = time.process_time()
                found[side] = patterns(doc)
                spent[f"{side}_patterns"] += time.process_time() - start
            if answers["new"] != answers["old"]:
                raise SystemExit(f"document {k}: the two trees type its claims differently")
            if found["new"] != found["old"]:
                raise SystemExit(f"document {k}: the two trees' rule-pack token patterns match differently")
            spans.release(doc)
            del doc
        return spent

    one_round(1)
    rounds = [one_round(n) for n in range(args.rounds)]
    result: dict[str, Any] = {key: [round(r[key], 3) for r in rounds] for key in rounds[0]}
    for part in PARTS:
        ratios = [r[f"new_{part}"] / r[f"old_{part}"] for r in rounds]
        result[f"ratio_{part}"] = [round(x, 3) for x in ratios]
        result[f"ratio_{part}_median"] = round(statistics.median(ratios), 3)
    both = [sum(r[f"new_{p}"] for p in PARTS) / sum(r[f"old_{p}"] for p in PARTS) for r in rounds]
    result["ratio_all_median"] = round(statistics.median(both), 3)
    result["load"] = os.getloadavg()[0]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
