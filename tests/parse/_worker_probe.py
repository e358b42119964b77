"""Run in a parse worker by test_worker_lean.py: a module importing nothing, so that calling it there
adds nothing to what the worker loaded."""

from __future__ import annotations

import sys


def loaded_modules() -> list[str]:
    return sorted(sys.modules)


def slow_start(seconds: float) -> None:
    """A worker initializer that takes `seconds`, as building the classifier does on a loaded machine."""
    import time

    time.sleep(seconds)
