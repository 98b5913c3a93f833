"""What ``check --lookup`` adds to a check of the worked example, end to end.

Runs ``claimcheck check`` on the worked example (tests/data/putin-pyongyang)
``--runs`` times without lookups (the baseline) and as many times with
``--lookup --db STORE``, alternating so that both see the same machine load,
each a fresh process as a user would run it.  Reports the medians, the ratio
(the bar: at most 1.15) and how many claims got a prior fact-check.  The
child processes' CPU time (user + system) is reported beside the wall time:
on a shared machine it varies much less with the load than the wall time.

    .venv/bin/python bench/lookup_check_overhead.py --db /tmp/claimcheck-100k.sqlite3 \
        [--other OLD_CHECKOUT [--other-db ITS_STORE_COPY]]

Two versions whose stores differ (a features version apart) each migrate a
shared store when they open it: give the other its own copy with ``--other-db``.
Each line also gives the range (fastest-slowest run) and the load average
before and after, as the machine may be shared.

Each claimcheck's modules are compiled to bytecode first (``--no-compile`` to
skip), as ``pip install`` does for a wheel and as ``bench/cold_start.py``
does: where ``PYTHONDONTWRITEBYTECODE`` is set (this project's machines set
it), an editable checkout otherwise recompiles every changed module in every
run, which times the compiler, not the lookups.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "putin-pyongyang" / "article.txt"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(extra: list[str], pythonpath: str | None = None) -> tuple[float, float, dict]:
    """Wall seconds, CPU seconds and the report of one fresh ``claimcheck check``."""
    env = None
    if pythonpath:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (pythonpath, os.environ.get("PYTHONPATH")) if p)}
    started, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", str(EXAMPLE), "--date", "2024-06-19",
                           "--format", "json", *extra], capture_output=True, text=True, check=True, env=env,
                          cwd=EXAMPLE.parent)  # not the repository: python -m would import its claimcheck first
    return time.perf_counter() - started, _children_cpu() - cpu, json.loads(proc.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the fact-check store (e.g. 100,000 records from lookup_speed.py)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--other", metavar="PYTHONPATH",
                        help="also time another claimcheck (e.g. an older checkout) found first on this path, "
                             "alternating with this one, for a before/after from the same run")
    parser.add_argument("--other-db", help="the store the other claimcheck looks up in (default: --db)")
    parser.add_argument("--no-compile", action="store_true",
                        help="leave the modules' bytecode as it is (by default each claimcheck is compiled first)")
    args = parser.parse_args()
    variants = {"this": None, **({"other": args.other} if args.other else {})}
    if not args.no_compile:
        for pythonpath in variants.values():
            package = Path(pythonpath) / "claimcheck" if pythonpath else ROOT / "claimcheck"
            compileall.compile_dir(str(package), quiet=1)
    lookups = {"this": ["--lookup", "--db", args.db], "other": ["--lookup", "--db", args.other_db or args.db]}
    load_before = os.getloadavg()
    for variant, pythonpath in variants.items():  # warm the file cache for each
        run([], pythonpath)
        run(lookups[variant], pythonpath)
    times: dict[tuple[str, bool], list[tuple[float, float]]] = {(v, on): [] for v in variants for on in (False, True)}
    report: dict = {}
    for _ in range(args.runs):
        for variant, pythonpath in variants.items():
            times[variant, False].append(run([], pythonpath)[:2])
            seconds, cpu, report = run(lookups[variant], pythonpath)
            times[variant, True].append((seconds, cpu))
    claims = report.get("claims", [])
    load_after = os.getloadavg()
    print(f"check of the worked example ({len(claims)} claims shown), {args.runs} runs each, fresh processes, "
          f"alternating; --lookup against {args.db}; bytecode {'as found' if args.no_compile else 'compiled first'}; "
          f"load average {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after:")
    ratio = 0.0
    for variant, pythonpath in variants.items():
        base, with_lookup = (statistics.median(t[0] for t in times[variant, on]) for on in (False, True))
        base_cpu, with_cpu = (statistics.median(t[1] for t in times[variant, on]) for on in (False, True))
        label = "this claimcheck" if pythonpath is None else f"PYTHONPATH={pythonpath}"
        spread = ", ".join(f"{min(t[k] for t in times[variant, on]):.2f}-{max(t[k] for t in times[variant, on]):.2f} s"
                           for k, on in ((0, False), (0, True)))
        print(f"  {label}: without lookups median {base:.2f} s, with --lookup {with_lookup:.2f} s: "
              f"ratio {with_lookup / base:.3f} (bar: <= 1.15); CPU time {base_cpu:.2f} s / {with_cpu:.2f} s: "
              f"ratio {with_cpu / base_cpu:.3f}; ranges (wall, without / with) {spread}")
        if pythonpath is None:
            ratio = with_lookup / base
    print(f"  claims with a prior fact-check (last run): {sum(bool(c.get('lookups')) for c in claims)}")
    return 0 if ratio <= 1.15 else 1


if __name__ == "__main__":
    raise SystemExit(main())
