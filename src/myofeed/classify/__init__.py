"""Topic classification: explainable rules compiled from topics.toml."""

from __future__ import annotations

from .._speedups import install

# before any module of this package is imported: which of them run compiled (setup.py), or from the .py
COMPILED: dict[str, bool] = install(__name__, __path__)

from .rules import Classifier  # noqa: E402

__all__ = ["Classifier", "COMPILED"]
