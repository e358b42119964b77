"""Ordered, named strategies: how every field of a card is read.

Each field (title, url, author, published, comments, summary) has a tuple of
small rules tried in order; the first that finds a value wins, and its name
(with the element it read) is what `extract --explain` prints. A rule takes the
card's view and returns a `Found` or None; a `Found` whose value is None stops
the chain on purpose (the card states that there is no value, e.g. a comment
placeholder that script fills in).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .dom import Element

__all__ = ["Found", "Rule", "rule", "first_found", "describe"]

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """What one rule read: the value, the element it came from, and whether markup stated it for machines."""

    value: T | None
    element: Element | None = None
    machine: bool = False


class Rule(Generic[T]):
    """A named strategy: `fn(view) -> Found | None`."""

    __slots__ = ("name", "fn")

    def __init__(self, name: str, fn: Callable[[Any], Found[T] | None]) -> None:
        self.name = name
        self.fn = fn

    def __call__(self, view: Any) -> Found[T] | None:
        return self.fn(view)

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"


def rule(name: str) -> Callable[[Callable[[Any], Found[T] | None]], Rule[T]]:
    """Decorator: the function becomes a Rule with this name (kebab-case, as --explain prints it)."""

    def wrap(fn: Callable[[Any], Found[T] | None]) -> Rule[T]:
        return Rule(name, fn)

    return wrap


def first_found(rules: Sequence[Rule[T]], view: Any) -> tuple[Found[T] | None, str | None]:
    """The first rule that finds something, and its name; (None, None) when none does."""
    for r in rules:
        found = r.fn(view)
        if found is not None:
            return found, r.name
    return None, None


def describe(el: Element | None) -> str:
    """A short CSS-like name for an element: 'a.author', 'span#byline', 'time[datetime]'."""
    if el is None or not isinstance(el.tag, str):
        return ""
    out = el.tag
    if ident := (el.get("id") or "").strip():
        out += "#" + ident.split()[0]
    cls = (el.get("class") or "").split()
    if cls:
        out += "." + ".".join(cls[:2])
    for attr in ("itemprop", "rel", "datetime", "property"):
        if el.get(attr):
            out += f"[{attr}={el.get(attr)[:30]}]"
            break
    return out
