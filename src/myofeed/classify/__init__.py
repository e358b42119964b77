"""Topic classification: explainable rules compiled from topics.toml."""

from __future__ import annotations

from .rules import Classifier

__all__ = ["Classifier"]
