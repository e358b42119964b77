"""Ordered, named strategies: how every field of a card is read.

Each field (title, url, author, published, comments, summary) has a tuple of
small rules tried in order; the first that finds a value wins, and its name
(with the element it read) is what `extract --explain` prints. A rule takes the
card's view and returns a `Found` or None; a `Found` whose value is None stops
the chain on purpose (the card states that there is no value, e.g. a comment
placeholder that script fills in).

A rule that raises is contained (`failed-rule`): it counts as not having found
anything for that card, the later rules go on, the field's `why` names it, and
the page's context counts it so that `extract` says on stderr which rule failed
and why. One faulty heuristic costs its own field on the cards it trips on,
never the page.

Page-level passes (the group selection, the side lists leaving, the short titles, kin boxes and featured
posts joining, the poster's-line posts, the page-order dates, the structured data) are contained the same way (`failed-pass`, `contained`): a pass
that raises is skipped, the cards stay as they were before it, and `extract` says so on stderr and, with
--explain, after every post's title rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .dom import Element

__all__ = ["Found", "Rule", "rule", "first_found", "contained", "describe", "failure_reason"]

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
    """The first rule that finds something, and its name; (None, None) when none does. A rule that raises
    is passed over (`failed-rule`, see `_failed`)."""
    for r in rules:
        try:
            found = r.fn(view)
        except Exception as exc:  # noqa: BLE001 - a faulty heuristic must not stop the page (failed-rule)
            _failed(r.name, exc, view)
            continue
        if found is not None:
            return found, r.name
    return None, None


def _failed(name: str, exc: Exception, view: Any) -> None:
    """Note a rule that raised: on the card's view, for the field's `why` ("[failed: RULE: Error: message]"), and
    in the page's context, which counts the cards per rule for the one stderr line `extract` prints."""
    reason = failure_reason(exc)
    if hasattr(view, "failed"):
        view.failed += f" [failed: {name}: {reason}]"
    failures = getattr(getattr(view, "ctx", None), "failures", None)
    if failures is not None:
        seen = failures.get(name)
        failures[name] = (seen[0] + 1, seen[1]) if seen else (1, reason)


def failure_reason(exc: BaseException) -> str:
    """One line, whatever the message: "KeyError: 'x'"."""
    return " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")[:160]


def contained(name: str, step: Callable[[T], T], value: T, failed: dict[str, str] | None) -> T:
    """`failed-pass`: a page-level pass run so that, when it raises, the page goes on without it: the value is
    returned as it came in and `failed` notes the pass and why (the first reason, once per pass)."""
    try:
        return step(value)
    except Exception as exc:  # noqa: BLE001 - a faulty pass must not lose the page (failed-pass)
        if failed is not None:
            failed.setdefault(name, failure_reason(exc))
        return value


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
