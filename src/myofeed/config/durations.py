"""Durations as the config writes them ('30s', '60m', '2h', '1d') -> seconds."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


MAX_DURATION = 366 * 86400.0  # a year: longer is a typo, and unbounded ones overflow datetime arithmetic


def parse_duration(value: object, *, minimum: float = 0.0, maximum: float = MAX_DURATION) -> float:
    """'30s', '60m', '2h', '1d' -> seconds. Bare numbers are seconds. NaN, infinities and
    anything above `maximum` are refused."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as '30s', '60m', '2h' or '1d'")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and (m := _DURATION.fullmatch(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    else:
        raise ValueError(f"expected a duration such as '30s', '60m', '2h' or '1d', got {value!r}")
    if not math.isfinite(seconds):
        raise ValueError(f"expected a finite duration such as '30s', '60m', '2h' or '1d', got {value!r}")
    if seconds < minimum:
        raise ValueError(f"must be at least {int(minimum)}s, got {value!r}")
    if seconds > maximum:
        raise ValueError(f"must be at most {_human(maximum)}, got {value!r}")
    return seconds


def _human(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
