"""``claimcheck eval`` figures and output, with a fake scorer and with the engine."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from claimcheck.cli import main
from claimcheck.commands.eval import best_threshold, counts_at, run
from claimcheck.errors import ClaimcheckError
from claimcheck.model.labelled import LabelledSentence

LABELS = np.array([True, True, False, True, False, False])
SCORES = np.array([0.9, 0.6, 0.55, 0.4, 0.2, 0.1])


@pytest.mark.parametrize(
    ("threshold", "tp", "fp", "fn", "f1"),
    [(0.5, 2, 1, 1, 0.6667), (0.95, 0, 0, 3, 0.0), (0.0, 3, 3, 0, 0.6667), (0.4, 3, 1, 0, 0.8571)],
)
def test_eval_metrics_counts(threshold: float, tp: int, fp: int, fn: int, f1: float) -> None:
    c = counts_at(LABELS, SCORES, threshold)
    assert (c.true_positives, c.false_positives, c.false_negatives, c.f1) == (tp, fp, fn, f1)
    assert c.true_positives + c.false_positives + c.false_negatives + c.true_negatives == len(LABELS)


def test_eval_metrics_best_threshold() -> None:
    best = best_threshold(LABELS, SCORES)
    assert best.threshold == 0.4 and best.f1 == 0.8571
    # Tied scores are one decision: the best threshold never splits them.
    tied = best_threshold(np.array([True, False, True]), np.array([0.5, 0.5, 0.2]))
    assert tied.threshold in (0.5, 0.2)


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "dev.tsv"
    path.write_text("".join(f"{i}\ts{i}\t{'Yes' if y else 'No'}\n" for i, y in enumerate(LABELS)), encoding="utf-8")
    return path


def _fake(rows: Sequence[LabelledSentence]) -> list[float]:
    return [float(SCORES[int(r.id)]) for r in rows]


def _args(path: Path, **kw: object) -> argparse.Namespace:
    return argparse.Namespace(path=str(path), json=kw.get("json", False), threshold=kw.get("threshold", 0.5), pipeline=None, no_model=False)


def test_eval_metrics_run_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(_args(_write(tmp_path)), scorer=_fake) == 0
    out = capsys.readouterr().out
    assert "6 sentences, 3 check-worthy" in out
    assert "at threshold 0.50" in out and "F1 0.667" in out
    assert "best F1 at 0.400" in out and "F1 0.857" in out


def test_eval_metrics_run_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(_args(_write(tmp_path), json=True), scorer=_fake) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sentences"] == 6 and result["check_worthy"] == 3
    assert result["at_threshold"]["threshold"] == 0.5
    assert result["at_threshold"]["precision"] == 0.6667
    assert result["best"]["f1"] == 0.8571


def test_eval_metrics_bad_threshold(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError) as info:
        run(_args(_write(tmp_path), threshold=1.5), scorer=_fake)
    assert info.value.code.value == "CC111"


def test_eval_metrics_cli_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path / "missing.tsv")]) == 2
    assert "[CC101]" in capsys.readouterr().err


@pytest.mark.slow
def test_eval_metrics_cli_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str], engine) -> None:
    path = tmp_path / "tiny.jsonl"
    rows = [
        {"id": "1", "text": "Unemployment fell to 3.5 percent last year.", "label": "Yes"},
        {"id": "2", "text": "Thank you all for coming tonight.", "label": "No"},
        {"id": "3", "text": "The bill would cut taxes by $2 trillion over ten years.", "label": 1},
        {"id": "4", "text": "I think he is a wonderful person.", "label": 0},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sentences"] == 4 and result["check_worthy"] == 2
    assert result["at_threshold"]["f1"] == 1.0
