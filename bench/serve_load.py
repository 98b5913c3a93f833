#!/usr/bin/env python3
"""A bounded load test of ``claimcheck serve`` on loopback.

Starts ``claimcheck serve`` in its own process on a free loopback port, waits
for its health check, then measures in the same run:

  A. the baseline: one client sending requests one after another;
  B. ``--clients`` (default 8) concurrent clients sending ``--requests``
     (default 50) requests each, in two halves.

Every request is ``POST /api/v1/check`` with the same short news text (three
sentences, a few claims and a finding); every answer must be 200 with the
expected claims, or the run fails.  Prints requests/s, p50/p95 latency for A
and B, the ratio of B's throughput to A's, the server process's peak memory
(VmHWM) and its resident memory after each half of B: with no leak the
second half does not grow it.  Linux only (reads /proc).

Usage:
    .venv/bin/python bench/serve_load.py [--clients 8] [--requests 50] [--baseline 40] [--json]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("The council closed three libraries in 2023, the mayor said on Monday. "
        "Some say the cuts will cost 40 jobs by next year. "
        "Unemployment in the city rose to 6.2 per cent in May, according to the statistics office.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident memory) of a process, in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values


def one_request(client: httpx.Client, url: str, expected: int) -> float:
    start = time.perf_counter()
    answer = client.post(url, json={"text": TEXT, "published": "2024-06-19"})
    elapsed = time.perf_counter() - start
    if answer.status_code != 200:
        raise RuntimeError(f"HTTP {answer.status_code}: {answer.text[:200]}")
    if len(answer.json()["claims"]) != expected:
        raise RuntimeError("an answer had different claims from the first one")
    return elapsed


def summary(latencies: list[float], wall: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "requests_per_s": round(len(ordered) / wall, 2),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1),
    }


def concurrent_run(url: str, clients: int, per_client: int, expected: int) -> tuple[list[float], float]:
    def worker(_: int) -> list[float]:
        with httpx.Client(timeout=120) as client:
            return [one_request(client, url, expected) for _ in range(per_client)]

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(worker, range(clients)))
    return [x for r in results for x in r], time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--baseline", type=int, default=40, help="requests for the one-client baseline")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    port = free_port()
    claimcheck = str(Path(sys.executable).with_name("claimcheck"))
    server = subprocess.Popen([claimcheck, "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")
            time.sleep(0.2)
        url = base + "/api/v1/check"
        with httpx.Client(timeout=120) as client:
            expected = len(client.post(url, json={"text": TEXT, "published": "2024-06-19"}).json()["claims"])
            start = time.perf_counter()
            baseline = [one_request(client, url, expected) for _ in range(args.baseline)]
            baseline_wall = time.perf_counter() - start
        after_baseline = memory_kib(server.pid)
        half = max(1, args.requests // 2)
        first, first_wall = concurrent_run(url, args.clients, half, expected)
        after_first = memory_kib(server.pid)
        second, second_wall = concurrent_run(url, args.clients, args.requests - half, expected)
        after_second = memory_kib(server.pid)
    finally:
        server.terminate()
        server.wait(30)

    one = summary(baseline, baseline_wall)
    many = summary(first + second, first_wall + second_wall)
    result = {
        "text_chars": len(TEXT),
        "claims_per_answer": expected,
        "errors": 0,
        "baseline_1_client": one,
        f"concurrent_{args.clients}_clients": many,
        "throughput_ratio": round(many["requests_per_s"] / one["requests_per_s"], 2),
        "server_peak_mib": round(after_second["VmHWM"] / 1024, 1),
        "server_rss_mib": {"after_baseline": round(after_baseline["VmRSS"] / 1024, 1),
                           "after_first_half": round(after_first["VmRSS"] / 1024, 1),
                           "after_second_half": round(after_second["VmRSS"] / 1024, 1)},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"text: {len(TEXT)} characters, {expected} claims per answer; every answer 200 with the same claims")
        print(f"A. 1 client, {one['requests']} requests: {one['requests_per_s']} req/s, p50 {one['p50_ms']} ms, p95 {one['p95_ms']} ms")
        print(f"B. {args.clients} clients x {args.requests}: {many['requests_per_s']} req/s, p50 {many['p50_ms']} ms, "
              f"p95 {many['p95_ms']} ms (throughput {result['throughput_ratio']}x A)")
        rss = result["server_rss_mib"]
        print(f"server peak memory {result['server_peak_mib']} MiB; resident after A {rss['after_baseline']}, "
              f"after B's first half {rss['after_first_half']}, after its second half {rss['after_second_half']} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
