"""lxml fast path: placeholder until implemented."""

from __future__ import annotations

from collections.abc import Mapping

from ..types import ParsedDocument


def parse_fast(content: bytes, *, url: str, headers: Mapping[str, str]) -> ParsedDocument | None:
    return None
