"""The validated configuration of the last run, kept by the bytes of myofeed.toml and its topics file.

Validating takes pydantic (~17 MB and ~0.1 s a process to import and build the models), more than an
unchanged ingest pass's own work. A config that validated is written here as its values (JSON,
frozen.py's shape), one file per config file, under $XDG_CACHE_HOME/myofeed (~/.cache/myofeed); a
process that then reads the same bytes of both files, with the same validating code, takes the values
and does not import pydantic. Only what the models decided is kept: every mistake is still found and
named by them (a config with a mistake is never stored), and the checks that read other files (local
sources, PEM files) run every time (load.py). A cache that is missing, unwritable, unreadable or from
other code means the config is validated, as without one.
"""

from __future__ import annotations

import json
import os
import sys
from hashlib import blake2b
from pathlib import Path
from typing import Any

FORMAT = 1  # the entry's layout; another is ignored
KEEP = 64  # entries kept (one per config file that ran): the oldest go when there are more
_HERE = Path(__file__).resolve().parent


def directory() -> Path | None:
    """Where entries live; None when there is no home to keep them in."""
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return root / "myofeed"


def lookup(config: Path, config_bytes: bytes, topics_of: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(settings, topics file) as `model_dump()` gave them when these very bytes validated, else None.
    `topics_of(settings)` is the topics file's path for those settings."""
    entry = _read(config)
    if entry is None or entry.get("format") != FORMAT or entry.get("config") != _digest(config_bytes):
        return None
    if entry.get("code") != code_stamp():
        return None
    settings, topics = entry.get("settings"), entry.get("topics_file")
    if not isinstance(settings, dict) or not isinstance(topics, dict):
        return None
    try:
        topics_bytes = Path(topics_of(settings)).read_bytes()
    except (OSError, TypeError, ValueError):
        return None  # validating again says what is wrong with it
    if entry.get("topics") != _digest(topics_bytes):
        return None
    return settings, topics


def store(config: Path, config_bytes: bytes, topics_bytes: bytes, settings: dict[str, Any],
          topics: dict[str, Any]) -> None:
    """Keep what these bytes validated to; silently nothing when the cache cannot be written."""
    where = directory()
    if where is None:
        return
    entry = {"format": FORMAT, "code": code_stamp(), "config": _digest(config_bytes),
             "topics": _digest(topics_bytes), "settings": settings, "topics_file": topics}
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = where / _name(config)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)  # another process reads the old entry or this one, never half of one
        _prune(where)
    except (OSError, TypeError, ValueError):
        return


# Modules outside this package whose code runs while the models validate, and what those import: what
# they return is kept in the entries (a source's title is parse/untrusted.clean_title's output, the
# topics file's [model] is checked by classify/model.py), so an edit to any of them makes an entry stale.
# tests/test_config_cache.py checks this list against the imports of the models' modules.
OUTSIDE = ("parse/untrusted.py", "escaping.py", "redact.py", "types.py",
           "classify/model.py", "classify/explain.py", "classify/tokens.py")


def code_stamp() -> list[Any]:
    """What says the validating code is the same: this package's modules, the modules outside it that
    the models call (OUTSIDE), the shipped model files (topics.toml's [model] names one), pydantic's
    installation, by name, size and time, and the Python running them (the standard library's email
    and zoneinfo decide too)."""
    stamp: list[Any] = [sys.version]
    for folder in (_HERE, _HERE.parent / "classify" / "models"):
        try:
            with os.scandir(folder) as it:
                stamp += sorted([e.name, e.stat().st_size, e.stat().st_mtime_ns] for e in it if e.is_file())
        except OSError:
            stamp.append(str(folder))
    for path in (*covered_outside(), *_installed("pydantic"), *_installed("pydantic_core")):
        try:
            st = os.stat(path)
            stamp.append([str(path), st.st_size, st.st_mtime_ns])
        except OSError:
            stamp.append(str(path))
    return stamp


def covered_outside() -> list[str]:
    """The files of OUTSIDE, as code_stamp reads them."""
    return [str(_HERE.parent.joinpath(name)) for name in OUTSIDE]


def _installed(package: str) -> list[str]:
    """The package's __init__.py wherever it would be imported from (found, not imported)."""
    for entry in sys.path:
        candidate = os.path.join(entry or ".", package, "__init__.py")
        if os.path.exists(candidate):
            return [candidate]
    return []


def _read(config: Path) -> dict[str, Any] | None:
    where = directory()
    if where is None:
        return None
    try:
        entry = json.loads((where / _name(config)).read_bytes())
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


def _name(config: Path) -> str:
    return "config-" + blake2b(str(config.resolve()).encode(), digest_size=12).hexdigest() + ".json"


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def _prune(where: Path) -> None:
    entries = sorted(where.glob("config-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
