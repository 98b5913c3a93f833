"""The check-worthiness model that ships inside the package.

A calibrated linear model over features of the spaCy parse
(:mod:`claimcheck.model.features`), trained by ``train/train_checkworthy.py``
on the CLEF CheckThat! 2024 debate sentences plus subjective news sentences
(see ``docs/model.md`` for the data, its licences and the measured quality).
Scoring needs numpy only: the model is a vocabulary of feature strings, one
weight per feature, and a Platt-scaling bias folded into the weights.

    from claimcheck.model import load_model
    model = load_model()                     # loaded once, then cached
    probabilities = model.predict(spans)     # calibrated P(check-worthy) per span
"""

from __future__ import annotations

import functools
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.model.combination import Combination
from claimcheck.model.features import ColumnReader
from claimcheck.model.vectors import VECTOR_MODEL

if TYPE_CHECKING:  # spaCy is only needed for the annotation; importing it costs ~0.5 s
    from spacy.tokens import Span

__all__ = ["CheckworthinessModel", "DEFAULT_MODEL", "load_model"]

#: The shipped model; its metadata lives next to it with a ``.json`` suffix.
DEFAULT_MODEL = Path(__file__).with_name("checkworthy.npz")
#: The npz layouts this code reads: 1 sparse features only, 2 with sentence vectors (``vector_weights``).
FORMAT_VERSIONS = (1, 2)


class CheckworthinessModel:
    """A calibrated linear check-worthiness scorer.

    The logit of a span is ``sum(weights[f]) / sqrt(sum(norms[f])) + bias``
    over the span's known features ``f``: a logistic regression over
    L2-normalised TF-IDF-weighted binary features, with the IDF, the
    regression coefficients and the Platt scaling folded into ``weights``,
    ``norms`` and ``bias`` at training time.  A model trained with sentence
    vectors (:mod:`claimcheck.model.vectors`) adds ``vector_weights . v`` for
    the span's text's vector ``v`` (its standardisation folded into the
    weights and the bias).

    Args:
        vocabulary: feature strings, in weight order.
        weights: one float per feature (calibrated logit contribution).
        norms: one float per feature (its squared IDF, for the row norm).
        bias: the calibrated intercept.
        info: metadata (name, version, trained_on, metrics, ...).
        combination: how the report's score mixes this model with the
            claim-level features (``None``: the defaults of
            :mod:`claimcheck.analysis.scoring`).
        vector_weights: one float per sentence-vector dimension, or ``None``
            for a model of the sparse features only.
    """

    def __init__(
        self,
        vocabulary: Sequence[str],
        weights: np.ndarray,
        norms: np.ndarray,
        bias: float,
        info: dict[str, Any],
        combination: Combination | None = None,
        vector_weights: np.ndarray | None = None,
    ) -> None:
        if not len(vocabulary) == len(weights) == len(norms):
            raise ClaimcheckError(ErrorCode.MODEL, "model arrays have different lengths", ExitCode.INTERNAL_ERROR)
        self._index: dict[str, int] = {feature: i for i, feature in enumerate(vocabulary)}
        self._columns = ColumnReader(self._index)
        self._weights = np.asarray(weights, dtype=np.float64)
        self._norms = np.asarray(norms, dtype=np.float64)
        self._bias = float(bias)
        self._info = info
        self._combination = combination
        self._vector_weights = None if vector_weights is None else np.asarray(vector_weights, dtype=np.float64)

    @property
    def name(self) -> str:
        """``name-version``, for the report's ``tool`` block."""
        return f"{self._info.get('name', 'checkworthy')}-{self._info.get('version', '?')}"

    @property
    def combination(self) -> Combination | None:
        """How the report mixes this model with the claim-level features, when it was fitted with one."""
        return self._combination

    @property
    def info(self) -> dict[str, Any]:
        """Metadata: ``name``, ``version``, ``trained_on``, ``metrics``, ``calibration``, ``licence`` ..."""
        return self._info

    def logits(self, spans: Sequence[Span]) -> np.ndarray:
        """Calibrated log-odds of check-worthiness, one per span (float64 array).

        This is the natural scale for combining the model with other evidence:
        adding an offset ``d`` multiplies the odds by ``exp(d)``.
        """
        # The columns of all the spans at once (ColumnReader.batch); the arithmetic is one bincount, which adds
        # each span's weights in the order of its features.
        rows, cols = self._columns.batch(spans)
        n = len(spans)
        out = np.full(n, self._bias)
        if len(cols):
            dot = np.bincount(rows, weights=self._weights[cols], minlength=n)
            norm = np.sqrt(np.bincount(rows, weights=self._norms[cols], minlength=n))
            norm[norm == 0.0] = 1.0
            out += dot / norm
        if self._vector_weights is not None and n:
            from claimcheck.model.vectors import sentence_vectors

            out += sentence_vectors().embed([span.text for span in spans]) @ self._vector_weights
        return out

    def predict(self, spans: Sequence[Span]) -> np.ndarray:
        """Calibrated P(check-worthy), one float in [0, 1] per span."""
        return 1.0 / (1.0 + np.exp(-self.logits(spans)))


def _read(path: Path) -> CheckworthinessModel:
    meta_path = path.with_suffix(".json")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            version = int(arrays["format_version"])
            if version not in FORMAT_VERSIONS:
                raise ClaimcheckError(
                    ErrorCode.MODEL,
                    f"{path}: model format {version}, this claimcheck reads formats {', '.join(map(str, FORMAT_VERSIONS))}; "
                    "retrain it with train/train_checkworthy.py",
                )
            vocabulary = str(arrays["vocabulary"]).split("\n")
            weights = arrays["weights"]
            norms = arrays["norms"]
            bias = float(arrays["bias"])
            signals = None
            if "signal_weights" in arrays:
                names = str(arrays["signal_names"]).split("\n")
                values = arrays["signal_weights"].tolist()
                if len(names) != len(values):
                    raise ValueError(f"{len(names)} signal names for {len(values)} weights")
                signals = list(zip(names, values))
            combination = Combination.from_array(arrays["combination"].tolist(), signals) if "combination" in arrays else None
            vector_weights = arrays.get("vector_weights")
            if vector_weights is not None and str(arrays["vector_model"]) != VECTOR_MODEL:
                raise ClaimcheckError(ErrorCode.MODEL, f"{path}: trained with sentence vectors {arrays['vector_model']}, "
                                      f"this claimcheck has {VECTOR_MODEL}; retrain it with train/train_checkworthy.py")
        info = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    except FileNotFoundError:
        raise ClaimcheckError(ErrorCode.MODEL, f"{path}: no such model file") from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ClaimcheckError(ErrorCode.MODEL, f"{path}: not a claimcheck model ({exc})") from None
    return CheckworthinessModel(vocabulary, weights, norms, bias, info, combination, vector_weights)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path) -> CheckworthinessModel:
    return _read(path)


def load_model(path: Path | None = None) -> CheckworthinessModel:
    """Load a check-worthiness model once per process.

    Args:
        path: an ``.npz`` written by ``train/train_checkworthy.py``;
            ``None`` is the model shipped in the package.

    Returns:
        The model (the same object on every call with the same path).

    Raises:
        ClaimcheckError: ``CC180`` when the file is missing or not a model.
    """
    return _load_cached(Path(path or DEFAULT_MODEL).resolve())
