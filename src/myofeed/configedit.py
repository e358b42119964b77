"""Editing myofeed.toml in place (`myofeed sources add|remove|import`), with tomlkit so the
operator's comments and layout stay as they wrote them.

Every edit is validated as a whole config before it replaces the file (atomically), so a
running service watching the file only ever sees a valid one from us.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomlkit
from tomlkit.items import AoT, Comment, Null, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from .config import Config, load_config, read_toml_text
from .exceptions import ConfigError, UsageError

STALE_TEMP_SECONDS = 60.0  # a temporary copy of the config older than this was left by a killed edit


class ConfigFile:
    """One config file's TOML document, edited and saved back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        text = read_toml_text(path)
        try:
            self.doc: TOMLDocument = tomlkit.parse(text)
        except Exception as exc:  # tomlkit's parse errors
            raise ConfigError(str(path), "", f"invalid TOML: {exc}") from None

    # --- sources ------------------------------------------------------------------

    def sources(self) -> list[Table]:
        aot = self.doc.get("sources")
        return list(aot) if isinstance(aot, AoT) else []

    def add_source(self, fields: Mapping[str, Any]) -> None:
        """Append a [[sources]] table after the last one; comments that trailed the last
        source (such as commented-out examples) move below the new one."""
        table = tomlkit.table()
        for key, value in fields.items():
            if value is not None:
                table[key] = value
        aot = self.doc.get("sources")
        if not isinstance(aot, AoT) or not len(aot):
            if not self.doc.as_string().endswith("\n\n"):
                self.doc.add(tomlkit.nl())
            self.doc["sources"] = tomlkit.aot()
            aot = self.doc["sources"]
            aot.append(table)
            return
        tail = _detach_tail(aot[-1])
        _body(aot[-1]).append((None, Whitespace("\n")))  # the blank line between two sources
        aot.append(table)
        _body(aot[-1]).extend(tail)

    def remove_source(self, name: str) -> bool:
        """Remove a [[sources]] block with the comment lines directly above it (they describe it);
        the comments directly above the next block stay above that block."""
        aot = self.doc.get("sources")
        if not isinstance(aot, AoT):
            return False
        for i, table in enumerate(aot):
            if table.get("name") == name:
                last = i == len(aot) - 1
                at_end = self.doc.body[-1][1] is aot  # nothing follows the sources in the file
                # tomlkit keeps the lines above a header at the end of whatever precedes it
                above, end = self._above(aot, i)
                start = end - len(_comments_at(above, end))
                del above[start:end]
                after = _body_end(table)
                following = [] if last else after[len(after) - len(_comments_at(after, len(after))):]
                del after[len(after) - len(following):]
                tail = _detach_tail(table) if last else []
                del aot[i]
                above[start:start] = following
                if last and len(aot):
                    # the new last source ends as the removed one did: its blank line goes (added
                    # with the removed source, or the tail brings its own), its comments stay
                    _detach_tail(aot[-1], comments=False)
                    _body(aot[-1]).extend(tail)
                elif tail:
                    for _, item in tail:
                        self.doc.add(item)
                if not len(aot):
                    del self.doc["sources"]
                    if not tail:
                        _drop_blank_end(self.doc)  # the blank line `add` put before the first source
                    if at_end and above is not self.doc.body:
                        _drop_blank_end(above)  # the file ends where its last key or comment does
                return True
        return False

    def _above(self, aot: AoT, i: int) -> tuple[list[tuple[Any, Any]], int]:
        """The item list whose items end directly above source i's [[sources]] line, and where they end:
        the end of the previous source (or of its last sub-table), of the table before the first
        source, or the document's own items before it."""
        if i:
            body = _body_end(aot[i - 1])
            return body, len(body)
        body = self.doc.body
        at = next(n for n, (_, item) in enumerate(body) if item is aot)
        before = body[at - 1][1] if at else None
        if isinstance(before, (Table, AoT)):
            inner = _body_end(before)
            return inner, len(inner)
        return body, at

    # --- saving ---------------------------------------------------------------------

    def save(self) -> Config:
        """Validate the edited document as a config, then replace the file atomically."""
        text = self.doc.as_string()
        remove_stale_temps(self.path)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            try:
                config = load_config(tmp)  # relative paths resolve against the same directory
            except ConfigError as exc:  # named as the file it would have become, not the temporary one
                raise _renamed(exc, tmp, self.path) from None
            try:
                os.chmod(tmp, self.path.stat().st_mode & 0o7777)
            except OSError:
                pass
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return config


def remove_stale_temps(path: Path, max_age: float = STALE_TEMP_SECONDS) -> int:
    """Delete the temporary copies of `path` a killed edit left (`.NAME.XXXXXXXX.tmp`, mkstemp's
    pattern, older than max_age seconds: a live edit holds its copy for milliseconds)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    cutoff = time.time() - max_age
    removed = 0
    try:
        candidates = [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return 0
    for candidate in candidates:
        with contextlib.suppress(OSError):
            st = candidate.lstat()
            if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                candidate.unlink()
                removed += 1
    return removed


def _renamed(exc: ConfigError, tmp: str, path: Path) -> ConfigError:
    def one(e: ConfigError) -> ConfigError:
        file = str(path) if e.file == tmp else e.file
        return ConfigError(file, e.key, f"{e.message} (the edit was not saved)" if file == str(path) else e.message)

    first, *others = (one(e) for e in exc.all)
    return ConfigError(first.file, first.key, first.message, others=tuple(others))


def _body(table: Table) -> list[tuple[Any, Any]]:
    return table.value.body  # type: ignore[no-any-return]


def _body_end(item: Table | AoT) -> list[tuple[Any, Any]]:
    """The item list the text of a table (or array of tables) ends with: its own, or its last
    sub-table's when nothing of its own follows that sub-table."""
    table = item[-1] if isinstance(item, AoT) else item
    body = _body(table)
    if body and body[-1][0] is not None and isinstance(body[-1][1], (Table, AoT)):
        return _body_end(body[-1][1])
    return body


def _comments_at(body: list[tuple[Any, Any]], end: int) -> list[tuple[Any, Any]]:
    """The comment lines directly before `end` (no blank line between them and it)."""
    start = end
    while start and body[start - 1][0] is None and isinstance(body[start - 1][1], Comment):
        start -= 1
    return body[start:end]


def _detach_tail(table: Table, *, comments: bool = True) -> list[tuple[Any, Any]]:
    """Remove and return the comments and blank lines that end a table's text (the part of the
    file after its last key), looking into its last sub-table ([sources.selectors]);
    `comments=False`: the blank lines only."""
    body = _body(table)
    kinds = (Comment, Whitespace) if comments else (Whitespace,)
    end = len(body)
    while end and body[end - 1][0] is None and isinstance(body[end - 1][1], kinds):
        end -= 1
    if end == len(body) and body and isinstance(body[-1][1], Table):
        return _detach_tail(body[-1][1], comments=comments)
    tail = body[end:]
    del body[end:]
    return tail


def _drop_blank_end(doc: TOMLDocument | list[tuple[Any, Any]]) -> None:
    body = doc.body if isinstance(doc, TOMLDocument) else doc
    end = len(body)
    while end and body[end - 1][0] is None and isinstance(body[end - 1][1], (Whitespace, Null)):
        end -= 1
    del body[end:]


_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def name_for(url: str, taken: Iterable[str], title: str | None = None) -> str:
    """A source name from a title or URL ('blog.example.org/tag/myositis' ->
    'blog.example.org-tag-myositis'), unique among `taken`."""
    parts = urlsplit(url)
    base = _NAME_CHARS.sub("-", _ascii(title).lower()).strip("-._") if title else ""
    if title and not base and parts.hostname:
        # a title with no Latin letters (CJK): the host name is more telling than "source"
        base = _NAME_CHARS.sub("-", parts.hostname.removeprefix("www.")).strip("-._").lower()
    elif not title:
        raw = (parts.netloc.removeprefix("www.") + parts.path) if parts.netloc else Path(parts.path or url).stem
        base = _NAME_CHARS.sub("-", raw.removesuffix("/")).strip("-._").lower()
    base = (base or "source")[:60].rstrip("-._") or "source"
    existing = set(taken)
    name, n = base, 2
    while name in existing:
        name, n = f"{base}-{n}", n + 1
    return name


def _ascii(text: str) -> str:
    """'ünïcode' -> 'unicode': compatibility decomposition, then the combining marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def format_duration(seconds: float) -> str:
    """3600 -> '1h', 5400 -> '90m': the largest unit that divides evenly (config notation)."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"


_OPTIONS = {"url": "URL", "name": "--name", "kind": "--kind", "interval": "--interval", "title": "--title"}


def check_source_fields(fields: Mapping[str, Any]) -> None:
    """A new source's values as the config file would judge them, before anything is fetched or
    written: a usage error (exit 2) naming the argument or option, not the config key."""
    from pydantic import ValidationError

    from .config import SourceSettings

    try:
        SourceSettings.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        raise UsageError(f"{_OPTIONS.get(field, field)}: {err['msg'].removeprefix('Value error, ')}") from None


def check_new_source(config: Config, name: str, url: str) -> None:
    """Refuse a duplicate name or URL with one clear line (exit 2)."""
    from .config import resolve_url

    for s in config.sources:
        if s.name == name:
            raise UsageError(f"a source named {name!r} already exists ({s.url}); choose another with --name")
        if s.url == resolve_url(url, config.path.parent):
            raise UsageError(f"{url} is already configured as source {s.name!r}")
