"""The hook examples in docs/plugins.md do what their text says (run against the real engine)."""

from __future__ import annotations

import csv
import io
import re
import types
from pathlib import Path
from types import SimpleNamespace

import pytest

from claimcheck.plugins.manager import Plugins
from claimcheck.testing import run_check, run_cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
DATE = "2024-06-19"


def example(hook: str) -> types.ModuleType:
    """The hook's example from the docs, as an importable plugin module."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(f"### `{hook}(")
    end = text.find("\n#", start + 1)
    blocks = re.findall(r"```python\n(.*?)```", text[start:end], re.DOTALL)
    module = types.ModuleType(f"docs_{hook}")
    module.__file__ = f"/site-packages/docs_{hook}/__init__.py"
    exec(compile(blocks[1], f"docs/plugins.md:{hook}", "exec"), module.__dict__)
    return module


def test_docs_examples_rule_packs() -> None:
    plugins = Plugins()
    plugins.register(example("claimcheck_rule_packs"))
    (paths,) = plugins.call("claimcheck_rule_packs", [])
    assert paths == [Path("/site-packages/docs_claimcheck_rule_packs/rules/elections.yaml")]


def test_docs_examples_lookup_sources() -> None:
    plugins = Plugins()
    plugins.register(example("claimcheck_lookup_sources"))
    (source,) = plugins.lookup_sources({"lookup": {"enabled": True}}, [])
    (evidence,) = source.lookup("Unemployment in Leeds is the highest in England")
    assert (evidence.source, evidence.verdict, evidence.score) == ("desk-archive", "false", 1.0)
    assert source.lookup("The weather was fine") == []


def test_docs_examples_spacy_components() -> None:
    report = run_check("Rosatom will build the plant, officials said.", plugins=[example("claimcheck_spacy_components")],
                       published=DATE, model=False, all=True)
    assert not [w for w in report.warnings if w.code == "CC150"]
    assert ("Rosatom", "ORG") in {(e.text, e.label) for claim in report.claims for e in claim.entities}


def test_docs_examples_claims() -> None:
    text = "Unemployment in Leeds rose to 5 per cent last year, the council said."
    plain = run_check(text, published=DATE, model=False, all=True)
    local = run_check(text, plugins=[example("claimcheck_claims")], published=DATE, model=False, all=True)
    assert "Local claim: check with the council press office." in local.claims[0].notes
    assert local.claims[0].score == pytest.approx(min(1.0, plain.claims[0].score + 0.1))


def test_docs_examples_findings() -> None:
    text = "Inflation rose to 3.2% in May, the statistics office said."
    report = run_check(text, plugins=[example("claimcheck_findings")], published=DATE, model=False)
    (finding,) = [f for f in report.findings if f.rule == "house-style.per-cent"]
    assert text[finding.start : finding.end] == "%"


def test_docs_examples_report() -> None:
    module = example("claimcheck_report")
    claims = [SimpleNamespace(type="prediction"), SimpleNamespace(type="quantity")]
    report = SimpleNamespace(claims=list(claims))
    from claimcheck.config import Config

    config = Config(plugins={"politics-desk": {"skip_predictions": True}})
    module.claimcheck_report(report, SimpleNamespace(config=config, plugin_config=config.plugin_config))
    assert report.claims == claims[1:]


def test_docs_examples_report_formats() -> None:
    result = run_cli(["check", "--format", "short-csv", "--no-model", "--date", DATE, "-"],
                     plugins=[example("claimcheck_report_formats")],
                     stdin="Russia delivered 40 tanks to North Korea in 2023, the ministry said.")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["source", "claim", "type", "score", "speaker"]
    assert len(rows) > 1 and rows[1][0] == "<stdin>"
