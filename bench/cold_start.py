"""Cold start (issue 11): ``claimcheck check`` on one article against bare spaCy, in fresh processes.

The bar: a fresh ``claimcheck check examples/putin-pyongyang.txt`` takes at
most 1.3x what a fresh process takes to import spaCy, load the same pipeline
(``spacy.load``) and parse the same article.

Each round starts one process of each side back to back, alternating which
goes first, so that both sides see the same machine load; the figures are
the medians over the rounds of each side's wall-clock and CPU time
(``RUSAGE_CHILDREN``), their quartiles, and the median and quartiles of the
per-round ratios (claimcheck over the bare process of the same round), which
are steadier than a ratio of medians when the load moves.  The load average
is printed before and after.

Before the rounds, claimcheck's modules are compiled to bytecode beside
them, as ``pip install`` compiles a wheel's (spaCy's and every other
dependency's were compiled when they were installed): this machine sets
``PYTHONDONTWRITEBYTECODE=1`` and claimcheck is installed editable, so
without it every run would compile claimcheck's ~100 modules again, a cost
bare spaCy never pays (``--no-compile`` keeps it).  One untimed ``claimcheck
check`` fills the user cache of rule-pack phrase lemmas, as a user's first
run does.

    python bench/cold_start.py --rounds 9
    python bench/throughput.py ... --cold-rounds 9     # the same, inside the full benchmark
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "putin-pyongyang.txt"
TARGET = 1.3


def pipeline_package() -> str:
    """The installed default pipeline, the one ``claimcheck check`` loads."""
    import spacy.util

    from claimcheck.analysis.nlp import DEFAULT_PIPELINES

    return next((name for name in DEFAULT_PIPELINES if spacy.util.is_package(name)), DEFAULT_PIPELINES[-1])


def compile_package() -> bool:
    """Compile claimcheck's modules to bytecode beside them, as ``pip install`` does for a wheel; False when it fails."""
    import compileall

    import claimcheck

    return bool(compileall.compile_dir(str(Path(claimcheck.__file__).parent), quiet=1))


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages, as text."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    """Lower quartile, median, upper quartile (the median alone for fewer than two values)."""
    if len(values) < 2:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_start(rounds: int, compile_bytecode: bool = True, bare_gc_paused: bool = False) -> dict[str, Any]:
    """Fresh processes, alternating: bare spaCy (import, load, parse the article) and ``claimcheck check`` on it.

    With ``bare_gc_paused`` the bare process also pauses the garbage
    collector while it imports and loads, as ``claimcheck check`` does
    (:func:`claimcheck.cli.run`): the two on an equal footing.
    """
    package = pipeline_package()
    script = f"import spacy; nlp = spacy.load({package!r}); nlp(open({str(ARTICLE)!r}, encoding='utf-8').read())"
    if bare_gc_paused:
        script = f"import gc; gc.disable(); import spacy; nlp = spacy.load({package!r}); gc.freeze(); gc.enable(); " \
                 f"nlp(open({str(ARTICLE)!r}, encoding='utf-8').read())"
    commands = {"bare": [sys.executable, "-c", script],
                "claimcheck": [sys.executable, "-m", "claimcheck", "check", str(ARTICLE), "--date", "2024-06-19"]}
    compiled = compile_package() if compile_bytecode else None
    # Untimed: a user's first run fills the cache of rule-pack phrase lemmas
    # (claimcheck.rules.lemma_cache); the timed runs are every run after it.
    subprocess.run(commands["claimcheck"], stdout=subprocess.DEVNULL, check=True)
    load_before = load_average()
    times: dict[str, list[tuple[float, float]]] = {"bare": [], "claimcheck": []}
    for r in range(rounds):
        for side in ("bare", "claimcheck") if r % 2 == 0 else ("claimcheck", "bare"):
            times[side].append(_timed(commands[side]))
    wall = {side: [t[0] for t in v] for side, v in times.items()}
    cpu = {side: [t[1] for t in v] for side, v in times.items()}
    paired = [c / b for c, b in zip(wall["claimcheck"], wall["bare"])]
    paired_cpu = [c / b for c, b in zip(cpu["claimcheck"], cpu["bare"])]
    med = {side: (statistics.median(wall[side]), statistics.median(cpu[side])) for side in times}

    def spread(values: list[float]) -> list[float]:
        return [round(v, 3) for v in _quartiles(values)]

    return {"article": ARTICLE.name, "pipeline": package, "rounds": rounds, "bytecode_compiled": compiled,
            "bare_gc_paused": bare_gc_paused,
            "bare_seconds": round(med["bare"][0], 3), "claimcheck_seconds": round(med["claimcheck"][0], 3),
            "bare_cpu": round(med["bare"][1], 3), "claimcheck_cpu": round(med["claimcheck"][1], 3),
            "ratio": round(med["claimcheck"][0] / med["bare"][0], 3), "cpu_ratio": round(med["claimcheck"][1] / med["bare"][1], 3),
            "bare_seconds_quartiles": spread(wall["bare"]), "claimcheck_seconds_quartiles": spread(wall["claimcheck"]),
            "paired_ratio_quartiles": spread(paired), "paired_cpu_ratio_quartiles": spread(paired_cpu),
            "load_before": load_before, "load_after": load_average()}


def summary(cold: dict[str, Any]) -> str:
    """The cold-start figures as the lines the benchmarks print."""
    b, c = cold["bare_seconds_quartiles"], cold["claimcheck_seconds_quartiles"]
    p, pc = cold["paired_ratio_quartiles"], cold["paired_cpu_ratio_quartiles"]
    bare = " (collector paused while it loads)" if cold.get("bare_gc_paused") else ""
    return (f"cold start, one article ({cold['article']}, {cold['pipeline']}), {cold['rounds']} rounds of two fresh processes "
            f"(alternating){bare}, load average {cold['load_before']} before, {cold['load_after']} after:\n"
            f"  bare spaCy      {cold['bare_seconds']:.2f} s (quartiles {b[0]:.2f}-{b[2]:.2f}), CPU {cold['bare_cpu']:.2f} s\n"
            f"  claimcheck check {cold['claimcheck_seconds']:.2f} s (quartiles {c[0]:.2f}-{c[2]:.2f}), CPU {cold['claimcheck_cpu']:.2f} s\n"
            f"  ratio of medians {cold['ratio']:.2f} (CPU {cold['cpu_ratio']:.2f}); per round: median {p[1]:.2f} "
            f"(quartiles {p[0]:.2f}-{p[2]:.2f}), CPU median {pc[1]:.2f} (quartiles {pc[0]:.2f}-{pc[2]:.2f}); target <= {TARGET}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="rounds of one fresh process per side (default 9)")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not compile claimcheck's bytecode first (an editable install under "
                             "PYTHONDONTWRITEBYTECODE=1 then compiles every module on every run)")
    parser.add_argument("--bare-gc-paused", action="store_true",
                        help="pause the garbage collector in the bare spaCy process too while it imports and loads, "
                             "as claimcheck check does (the two on an equal footing)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    cold = cold_start(args.rounds, compile_bytecode=not args.no_compile, bare_gc_paused=args.bare_gc_paused)
    print(summary(cold))
    if args.json:
        args.json.write_text(json.dumps(cold, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing
    sys.exit(main())
