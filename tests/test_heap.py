"""heap.Trimmer: free heap pages handed back at most once per interval, whatever the number of calls."""

from __future__ import annotations

import pytest

from myofeed import heap


def test_trims_at_most_once_per_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    clock = [100.0]
    monkeypatch.setattr(heap, "_malloc_trim", lambda: calls.append)
    monkeypatch.setattr(heap.time, "monotonic", lambda: clock[0])
    trim = heap.Trimmer(every=1.0)
    trim()
    assert calls == []  # not within a second of its start
    clock[0] += 1.5
    trim()
    trim()
    assert calls == [0]
    clock[0] += 1.0
    trim()
    assert calls == [0, 0]


def test_the_real_call_runs_where_there_is_one() -> None:
    trim = heap.Trimmer(every=0.0)
    trim()  # glibc here: malloc_trim(0); elsewhere nothing, and no error either way


def test_a_trimmer_that_never_trims_never_imports_ctypes() -> None:
    """A short pass (an all-304 one: well under a second) makes a Trimmer and calls it, and pays nothing
    for it: ctypes (~1.5 ms to import) is looked up on the first call that would trim."""
    import subprocess
    import sys

    code = ("import sys; from myofeed.heap import Trimmer; t = Trimmer(every=60.0); t(); t();"
            " print('ctypes' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
