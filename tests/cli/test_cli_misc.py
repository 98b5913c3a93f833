"""End-to-end: UTF-16 articles, the --all summary line, a bad pack in ``rules validate``, and a quick --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.errors import ExitCode
from tests.conftest import EXAMPLE


def test_cli_check_reads_utf16_with_offsets_into_the_decoded_text(capsys, shared_engine, tmp_path: Path) -> None:
    text = (EXAMPLE / "article.txt").read_text(encoding="utf-8")
    path = tmp_path / "word-export.txt"
    path.write_bytes(text.encode("utf-16"))  # what Notepad and Word call "Unicode"
    code = main(["check", str(path), "--date", "2024-06-19", "--format", "json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == ExitCode.OK and "CC104" not in err and report["claims"]
    assert report["document"]["characters"] == len(text)
    for claim in report["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]


def test_cli_check_all_does_not_claim_every_claim_is_above_the_threshold(capsys, shared_engine) -> None:
    article = str(EXAMPLE / "article.txt")
    main(["check", article, "--date", "2024-06-19", "--format", "json", "--all"])
    claims = json.loads(capsys.readouterr().out)["claims"]
    above = sum(1 for c in claims if c["score"] >= 0.5)
    assert above < len(claims)  # the example has claims below 0.5: the case under test
    main(["check", article, "--date", "2024-06-19", "--all"])
    summary = capsys.readouterr().out.splitlines()[1]
    assert f"{len(claims)} claims (all shown; {above} at score >= 0.5)" in summary
    assert f"of {len(claims)} candidate claims" not in summary
    main(["check", article, "--date", "2024-06-19"])
    assert f"{above} of {len(claims)} candidate claims at score >= 0.5" in capsys.readouterr().out


def test_cli_rules_validate_bad_pack_exits_2(tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: bad\nversion: '1'\nschema: 1\nrules:\n  - id: x\n    match: {regex: '(?<=a)b'}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "claimcheck.cli", "rules", "validate", str(pack)],
                            capture_output=True, text=True, check=False, env={**os.environ, "CLAIMCHECK_LOAD_PLUGINS": ""})
    assert result.returncode == ExitCode.USAGE_ERROR
    assert f"{pack}:6:" in result.stdout and "not supported by RE2" in result.stdout and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["rules", "--help"]])
def test_cli_help_and_version_do_not_load_spacy(args: list[str]) -> None:
    probe = ("import sys\nfrom claimcheck.cli import main\ncode = main(sys.argv[1:])\n"
             "heavy = [m for m in ('spacy', 'dateparser', 'claimcheck.engine') if m in sys.modules]\n"
             "sys.stderr.write(f'loaded={heavy}\\n')\nsys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout
    assert "loaded=[]" in result.stderr


def test_cli_config_with_control_byte_is_a_config_error(capsys, tmp_path: Path) -> None:
    config = tmp_path / "cc.yaml"
    config.write_bytes(b"min_score: 0.4\nrules:\n  packs: [\"\x07\"]\n")
    article = tmp_path / "a.txt"
    article.write_text("The minister said unemployment fell.\n", encoding="utf-8")
    code = main(["check", str(article), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE_ERROR and "[CC130]" in err and f"{config}:3:12:" in err and "U+0007 (BEL)" in err
