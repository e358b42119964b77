"""The values the layout pass reads from one card, and what it needs to know about the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Context", "Fields"]


@dataclass
class Context:
    base_url: str
    now: datetime
    lang: str | None = None
    day_first: bool | None = None
    date_format: str | None = None
    data_dated: frozenset[object] = frozenset()  # elements with data-date/data-timestamp attributes
    explain: bool = False  # name the element each field came from (extract --explain), not only the rule


@dataclass
class Fields:
    title: str = ""
    url: str | None = None
    author: str | None = None
    published: str | None = None
    date_machine: bool = False  # the date came from machine-readable markup
    comments: int | None = None
    summary: str = ""
    categories: list[str] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)  # field -> "rule-name <element>" (extract --explain)
