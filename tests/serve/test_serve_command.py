"""``claimcheck serve`` from the command line: options checked, loopback by default, token from the environment."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from claimcheck.testing import run_cli


@pytest.mark.parametrize(("args", "needle"), [
    (["serve", "--port", "70000"], "--port"),
    (["serve", "--timeout", "0"], "--timeout"),
    (["serve", "--max-bytes", "10"], "--max-bytes"),
])
def test_serve_command_refuses_bad_options(args: list[str], needle: str) -> None:
    result = run_cli(args)
    assert result.exit_code == 2 and needle in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_command_loopback_and_token_from_environment(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    claimcheck = Path(sys.executable).with_name("claimcheck")
    env = {**os.environ, "CLAIMCHECK_TOKEN": "from-env", "CLAIMCHECK_LOAD_PLUGINS": ""}
    server = subprocess.Popen([str(claimcheck), "serve", "--port", str(port), "--no-model"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        body = {"text": "The council closed 3 libraries in 2023."}
        assert httpx.post(base + "/api/v1/check", json=body).status_code == 401
        answer = httpx.post(base + "/api/v1/check", json=body, headers={"Authorization": "Bearer from-env"}, timeout=60)
        assert answer.status_code == 200 and answer.json()["claims"]
        # Bound to loopback only: the port is not open on the machine's other addresses.
        if shutil.which("ss"):
            listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=False)
            if listening.returncode == 0 and listening.stdout.strip():
                assert all("127.0.0.1:" in line for line in listening.stdout.strip().splitlines())
    finally:
        server.terminate()
        server.wait(30)
