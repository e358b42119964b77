"""The validated configuration as the program reads it: plain, read-only objects, not pydantic models.

pydantic validates myofeed.toml and topics.toml (settings.py, topics.py), and every mistake is named
there. What the rest of the program needs afterwards is only the values: a tree of `Frozen` tables
with the same attribute names as the models (`settings.fetch.concurrency`, `topics_file.rules.mask`),
compared and hashed by value as the frozen models were. Importing pydantic and building the models'
validators costs ~17 MB and ~0.1 s a process, more than an unchanged ingest pass's own work; with
the values kept apart from the models, a process whose config did not change since it was last
validated reads them from a cache (cache.py) and never imports pydantic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class Frozen:
    """One validated table: read-only attributes, equal and hashed by value (like a frozen model)."""

    def __init__(self, fields: Mapping[str, Any]) -> None:
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"the configuration is read-only (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"the configuration is read-only (cannot delete {name!r})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Frozen) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.items()))

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """(name, value) pairs, as a model iterates: `dict(table)` is its values."""
        return iter(self.__dict__.items())

    def __repr__(self) -> str:
        return "Frozen(" + ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items()) + ")"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Frozen, (dict(self.__dict__),))

    def replace(self, **changes: Any) -> Frozen:
        """A copy with some values changed (values as validated: the caller validates them)."""
        unknown = set(changes) - set(self.__dict__)
        if unknown:
            raise TypeError(f"no such setting: {', '.join(sorted(unknown))}")
        return Frozen({**self.__dict__, **changes})

    def as_dict(self) -> dict[str, Any]:
        """The table's values, tables inside it as dicts (what `model_dump()` gave)."""
        return {k: thaw(v) for k, v in self.__dict__.items()}


def freeze(value: Any) -> Any:
    """A validated model's dump (`model_dump()`, or the same read back from JSON) -> Frozen tables,
    its sequences as tuples (every sequence in the models is a tuple)."""
    if isinstance(value, Mapping):
        return Frozen({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """The inverse of `freeze`: dicts and tuples, as `model_dump()` gives them."""
    if isinstance(value, Frozen):
        return value.as_dict()
    if isinstance(value, tuple):
        return tuple(thaw(v) for v in value)
    return value


def plain(model: Any) -> Any:
    """A pydantic model (validated) -> its Frozen tree; a Frozen tree as it is."""
    if isinstance(model, Frozen):
        return model
    return freeze(model.model_dump())
