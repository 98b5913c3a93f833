"""CPU time of claimcheck's own per-document work (``Engine._report``) and of its detection parts.

bench/throughput.py times claimcheck against bare spaCy; under load its
pairs spread by more than the report's whole share of the time.  This
script times only the report, on documents parsed once: the documents of
bench/report_identity.py are parsed on the first run and kept as a
``DocBin`` (``--store``), and every round reads fresh docs back from it (so
that no per-document memo carries over) and runs ``Engine._report`` on each
with ``all=True`` and lookups off, one doc at a time (each is freed before
the next is read, as in ``Engine.check_many``; reading a doc back is not timed).  It prints one JSON line: per round, the
CPU time (``time.process_time``) of the report and of its detection parts
(``ClaimBuilder.candidates``, ``RuleSet.apply``, ``HedgeFinder.find`` and
``build_standalone``) and of claim typing (``typing``: ``claim_types.classify``,
called once per claim by the enrichment, not part of ``detection``), and the
garbage collector's full passes in the round (``gc2``: a pass is paid by whichever
part's allocation sets it off, so a part's figure may hold one; see ``gc.callbacks``).

To compare two trees, time each (``--tree``: the checkout whose claimcheck
is imported) in alternating fresh processes with the same ``--store``::

    for i in 1 2 3 4; do
      python bench/report_cpu.py --data ../shared/data --tree ../base
      python bench/report_cpu.py --data ../shared/data --tree .
    done
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("CLAIMCHECK_LOAD_PLUGINS", "")

PARTS = ("candidates", "rules", "hedges", "standalone")
#: Parts timed besides detection's.
OTHER_PARTS = ("typing",)
#: Where the parsed documents are kept between runs; bench/detection_ab.py and bench/enrichment_ab.py read them too.
DEFAULT_STORE = Path("/tmp/claimcheck-report-cpu")


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """``--store`` and ``--words``, which name a store of parsed documents (this script's, and the A/B scripts')."""
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE,
                        help="where the parsed documents are kept between runs (made by the first run of bench/report_cpu.py)")
    parser.add_argument("--words", type=int, default=20_000, help="benchmark words besides news-dev (default 20000)")


def read_store(store: Path, script: str) -> tuple[Any, Any]:
    """The ``DocBin`` of a store's parsed documents and what each carries (read back fresh on every call)."""
    from spacy.tokens import DocBin

    if not store.exists():
        raise SystemExit(f"{script}: no store at {store}; run bench/report_cpu.py with --store {store.parent} first")
    docbin = DocBin().from_disk(store / "docs.spacy")
    with open(store / "carried.pkl", "rb") as stream:
        carried = pickle.load(stream)
    return docbin, carried


def _parse_once(engine: Any, data: Path, words: int, store: Path) -> None:
    """Parse the identity documents and keep the docs and what ``_report`` needs besides them."""
    from report_identity import documents
    from spacy.tokens import DocBin

    from claimcheck.analysis.dates import publication_date
    from claimcheck.analysis.document import analyse_document
    from claimcheck.analysis.nlp import parse_pairs
    from claimcheck.engine import _as_input
    from claimcheck.text.normalise import normalise

    def entries() -> Any:
        for raw in documents(data, words):
            item = _as_input(raw)
            norm = normalise(item.text)
            published = publication_date(item.published) if item.published else None
            yield norm, (item, published, norm, analyse_document(norm))

    parsed = list(parse_pairs(engine.nlp, entries()))
    store.mkdir(parents=True)
    DocBin(store_user_data=True, docs=[doc for doc, _ in parsed]).to_disk(store / "docs.spacy")
    with open(store / "carried.pkl", "wb") as out:
        pickle.dump([carried for _, carried in parsed], out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared data folder")
    add_store_arguments(parser)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds after one untimed round (default 3)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose claimcheck is timed (default this one)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.tree.resolve()))  # before any claimcheck import


    from claimcheck.analysis import enrich, hedges
    from claimcheck.analysis.spans import release
    from claimcheck.engine import Engine

    engine = Engine(config={"lookup": {"enabled": False}})
    config = engine._config_for({"all": True})
    store = args.store / f"words-{args.words}"
    if not store.exists():
        _parse_once(engine, args.data, args.words, store)
    docbin, carried = read_store(store, "report_cpu")

    spent = dict.fromkeys(PARTS + OTHER_PARTS, 0.0)

    def timed(owner: Any, name: str, part: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def wrapper(*a: Any, **k: Any) -> Any:
            start = time.process_time()
            try:
                return original(*a, **k)
            finally:
                spent[part] += time.process_time() - start

        setattr(owner, name, wrapper)

    timed(enrich.ClaimBuilder, "candidates", "candidates")
    timed(type(engine.rules), "apply", "rules")
    timed(hedges.HedgeFinder, "find", "hedges")
    timed(enrich, "build_standalone", "standalone")
    timed(enrich, "classify", "typing")  # enrich calls the name it imported

    collecting = {"gc2": 0.0, "since": 0.0}

    def collector(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            collecting["since"] = time.process_time()
        else:
            collecting["gc2"] += time.process_time() - collecting["since"]

    gc.callbacks.append(collector)

    def one_round() -> dict[str, float]:
        for part in spent:
            spent[part] = 0.0
        collecting["gc2"] = 0.0
        report = 0.0
        # One doc at a time, freed after its report as Engine.check_many frees it: holding all of them
        # made every full garbage-collector pass scan every doc's per-document tables, a cost (a tenth
        # of the round in the seventh round's runs) that a real batch does not pay.
        for doc, (item, published, norm, meta) in zip(docbin.get_docs(engine.nlp.vocab), carried):
            start = time.process_time()
            engine._report(doc, item, published, norm, meta, config)
            report += time.process_time() - start
            release(doc)  # as Engine._run does: the per-document memos hold the doc until released
            del doc
        return {"report": report, **spent, "gc2": collecting["gc2"]}

    one_round()  # caches that outlive a document (matchers per pattern set, lemma memo)
    rounds = [one_round() for _ in range(args.rounds)]
    result = {key: [round(r[key], 3) for r in rounds] for key in ("report", *PARTS, *OTHER_PARTS, "gc2")}
    result["detection"] = [round(sum(r[p] for p in PARTS), 3) for r in rounds]
    import claimcheck

    print(json.dumps({"tree": str(Path(claimcheck.__file__).parent.parent), "documents": len(carried), **result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
