"""Reading myofeed.toml and the topics file: TOML -> validated models; every mistake names the file
and the key, and all mistakes are collected at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote, urlsplit

from ..exceptions import ConfigError
from ..frozen import freeze
from . import cache
from .checks import malformed_url
from .model import Config, config_path, resolve_url, source_of

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .topics import TopicsFile


def load_config(path: str | Path | None = None, *, check_files: bool = False, apart: bool = False) -> Config:
    """Read and validate myofeed.toml and its topics file; ConfigError on any mistake, carrying
    every mistake found (`exc.all`) so that `check` lists them at once. `check_files`: local
    sources must exist (what `check` asks; a run only reports the source as failing).

    The same bytes validated before are not validated again (cache.py): what the models decided is
    read back, and the checks of other files below run as always. `apart`: bytes not seen before are
    validated by a short-lived process of their own (validate.py), so that this one, which may run
    for long (an ingest pass, the service), never holds pydantic; the result and every message are
    the same."""
    p = config_path(str(path) if path is not None else None)
    raw = _read_bytes(p)
    hit = cache.lookup(p, raw, lambda settings: _topics_path(p, settings.get("topics")))
    if hit is not None:
        settings_dump, topics_dump = hit
        # _check_paths reads each source's url and name, which the values hold as they were validated (no
        # second table of 2,000 sources made for it)
        return _checked(p, settings_dump, topics_dump, settings_dump, check_files, [])
    found = None
    if apart:
        from .validate import validated_apart

        found = validated_apart(p)
    if found is None:
        found = validate(p, raw)
    settings_values, topics_values, problems = found
    # _check_paths reads each source's url and name: from the values when they validated (as on a cache hit:
    # the TOML of 2,000 sources is not parsed a second time in this process), else from the raw table
    table = settings_values if settings_values is not None else _parse_toml(p, raw)
    return _checked(p, settings_values, topics_values, table, check_files, problems)


Dumps = tuple["dict[str, Any] | None", "dict[str, Any] | None", "list[ConfigError]"]


def validate(p: Path, raw: bytes) -> Dumps:
    """What the models make of the config `raw` (read from `p`) and its topics file: the values of
    each (`model_dump()`, None when it has mistakes) and the mistakes found; ConfigError when the config
    is not TOML at all. Stored in the cache when both are valid."""
    from .settings import Settings
    from .topics import TopicsFile

    data = _parse_toml(p, raw)
    problems: list[ConfigError] = []
    settings = _validate(Settings, data, p, problems)
    topics_name = settings.topics if settings else data.get("topics")
    topics_path = _topics_path(p, topics_name)
    topics: TopicsFile | None = None
    try:
        topics_bytes = _read_bytes(topics_path, key="topics")
        topics = _validate(TopicsFile, _parse_toml(topics_path, topics_bytes, "topics"), topics_path, problems)
    except ConfigError as exc:
        problems.append(exc)
    settings_dump = settings.model_dump() if settings is not None else None
    topics_dump = topics.model_dump() if topics is not None else None
    if settings_dump is not None and topics_dump is not None:
        cache.store(p, raw, topics_bytes, settings_dump, topics_dump)
    return settings_dump, topics_dump, problems


def _config(path: Path, settings: dict[str, Any], topics: dict[str, Any]) -> Config:
    # each source straight to its Source: the one shape a source is kept in (no table of it besides)
    base = path.parent
    sources = tuple(source_of(s, base) for s in settings.get("sources", ()))
    rest = freeze({k: v for k, v in settings.items() if k != "sources"})
    return Config(path, rest, freeze(topics), sources=sources)


def _topics_path(config: Path, name: object) -> Path:
    return (config.parent / (name if isinstance(name, str) else "topics.toml")).resolve()


def _checked(p: Path, settings: dict[str, Any] | None, topics: dict[str, Any] | None, data: dict[str, Any],
             check_files: bool, problems: list[ConfigError]) -> Config:
    """The Config of the validated values (`model_dump()`s), after the checks that read other files than
    these two; ConfigError with every mistake."""
    problems += _check_paths(data, p, check_files)
    config = _config(p.resolve(), settings, topics) if settings is not None and topics is not None else None
    if config is not None:
        problems += _check_mail_files(config)
    if problems or config is None:
        raise ConfigError.of(problems)
    return config


def _check_mail_files(config: Config) -> list[ConfigError]:
    """Key and CA files named in [mail] must be readable PEM now, not at the first send."""
    problems = []
    for key, path in (("mail.dkim_private_key", config.dkim_private_key), ("mail.smtp_ca_file", config.smtp_ca_file)):
        if path is None:
            continue
        try:
            head = path.read_bytes()[:65536]
        except OSError as exc:
            problems.append(ConfigError(str(config.path), key, f"cannot read {path}: {exc.strerror or exc}"))
            continue
        if b"-----BEGIN " not in head:
            problems.append(ConfigError(str(config.path), key, f"{path} is not a PEM file (expected '-----BEGIN ...')"))
        elif key == "mail.dkim_private_key" and (why := dkim_key_problem(head)):
            # a public key or an ed25519 one is PEM too: caught here, not by every subscriber's mail
            problems.append(ConfigError(str(config.path), key, f"{path} is not a usable RSA private key: {why}"))
    return problems


def dkim_key_problem(key: bytes) -> str | None:
    """Why `key` cannot sign a digest (rsa-sha256, what every receiver verifies), or None when it can."""
    import dkim

    if b"PUBLIC KEY-----" in key and b"PRIVATE KEY-----" not in key:
        return "it is a public key (the half published in DNS); name the private half"
    try:
        dkim.sign(b"From: a@b.example\r\nTo: c@d.example\r\nSubject: t\r\n\r\nt\r\n", b"s", b"d.example", key)
    except (dkim.DKIMException, ValueError) as exc:
        detail = " ".join(str(exc).split(":")[-1].split()) or type(exc).__name__
        return f"rsa-sha256 needs an RSA private key in PKCS#1 or PKCS#8 PEM ({detail})"
    return None


def load_topics(path: Path) -> TopicsFile:
    """A topics.toml on its own (`classify --topics`); ConfigError with every mistake."""
    from .topics import TopicsFile

    problems: list[ConfigError] = []
    topics = _validate(TopicsFile, _read_toml(path), path, problems)
    if topics is None:
        raise ConfigError.of(problems)
    return topics


def read_toml_text(path: Path, key: str = "") -> str:
    """A TOML file's text; ConfigError (one line, no traceback) when it is missing, a directory or
    not UTF-8 (TOML is UTF-8 by definition: an editor's Latin-1 or UTF-16 save is named as such)."""
    return _decode(path, key, _read_bytes(path, key))


def _read_bytes(path: Path, key: str = "") -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(str(path), key, "file not found") from None
    except IsADirectoryError:
        raise ConfigError(str(path), key, "is a directory, expected a TOML file") from None
    except OSError as exc:
        raise ConfigError(str(path), key, f"cannot read: {exc.strerror or exc}") from None


def _decode(path: Path, key: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), key, _not_utf8(data, exc.start)) from None


def _not_utf8(data: bytes, start: int) -> str:
    """'not UTF-8 (byte 0xe9 at line 2, column 10): save it as UTF-8'; line and column count from
    1, the column in bytes (a Latin-1 text has no other reliable measure)."""
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return f"not UTF-8 (byte 0x{data[start]:02x} at line {line}, column {column}): save it as UTF-8"


def _read_toml(path: Path, key: str = "") -> dict[str, Any]:
    return _parse_toml(path, _read_bytes(path, key), key)


def _parse_toml(path: Path, data: bytes, key: str = "") -> dict[str, Any]:
    import tomllib

    text = _decode(path, key, data)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "", f"invalid TOML: {exc}") from None


def _validate(model: type[_M], data: dict[str, Any], path: Path, problems: list[ConfigError]) -> _M | None:
    """The validated model, or None with every mistake appended to `problems`."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[str, str]] = set()
        for err in exc.errors():
            key, msg = _key(err["loc"], data), _sources_shape(err) or _message(err)
            if not key and (m := re.match(r"^([\w\[\].-]+): (.*)$", msg)):
                key, msg = m.group(1), m.group(2)
            if err.get("type") == "extra_forbidden" and (near := _nearest_key(model, err["loc"])):
                msg += f" (did you mean {near!r}?)"
            if (key, msg) not in seen:
                seen.add((key, msg))
                problems.append(ConfigError(str(path), key, msg))
        return None


def _nearest_key(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """The known key closest to a misspelt one, in the table the misspelt key sits in."""
    import difflib

    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(str(part)) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        current = _model_of(field.annotation) if field is not None else None
    if current is None:
        return None
    names = [f.alias or name for name, f in current.model_fields.items()]
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    return close[0] if close else None


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `tuple[SourceSettings, ...]` or `X | None`."""
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _check_paths(data: dict[str, Any], path: Path, check_files: bool) -> list[ConfigError]:
    """A web address written without its scheme ('example.org/feed.xml' reads as a file path that
    is not there) is an error with a hint; with check_files, every local source must exist.
    Reads the raw table when the config has other mistakes, so these come beside them; else the validated
    values (their sources a tuple from the models, a list when read back from JSON), which hold each url and
    name as written."""
    problems = []
    sources = data.get("sources")
    for i, raw in enumerate(sources if isinstance(sources, (list, tuple)) else []):
        url = raw.get("url") if isinstance(raw, dict) else None
        if not isinstance(url, str) or not url or malformed_url(url):
            continue  # the models name what is wrong with it
        scheme = urlsplit(url).scheme
        if scheme not in ("", "file"):
            continue
        local = Path(unquote(urlsplit(resolve_url(url, path.parent)).path))
        if local.exists():
            if check_files and not local.is_file():  # ingest reads regular files only (fetch/file.py)
                what = "a directory" if local.is_dir() else "not a regular file (a device, FIFO or socket)"
                name = raw.get("name") if isinstance(raw.get("name"), str) else f"#{i + 1}"
                problems.append(ConfigError(str(path), f"sources[{i}].url",
                                            f"source '{name}': {local} is {what}; expected a saved page or feed"))
            continue
        msg = f"no such file {local}"
        host = url.split("/", 1)[0]
        if not scheme and "." in host.strip(".") and not url.startswith((".", "/", "~")):
            msg += f"; a web address needs its scheme: url = \"https://{url}\""
        elif not check_files:
            continue
        problems.append(ConfigError(str(path), f"sources[{i}].url", msg))
    return problems



_M = TypeVar("_M", bound="BaseModel")


def _key(loc: tuple[int | str, ...], data: dict[str, Any]) -> str:
    """pydantic's loc -> a TOML key path: ('sources', 0, 'url') -> 'sources[0].url'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + ("from" if part == "from_" else str(part))
    return out


def _sources_shape(err: Any) -> str | None:
    """`sources = "x"` or `sources = ["x"]`: pydantic's "valid tuple" means an array of tables."""
    loc, kind = tuple(err.get("loc", ())), str(err.get("type", ""))
    if not loc or loc[0] != "sources" or len(loc) > 2 or not kind.endswith("_type"):
        return None
    what = "[[sources]] tables, one per source" if len(loc) == 1 else "a [[sources]] table"
    return (f"expected {what} (a block starting with the line [[sources]], then name = \"...\" and "
            f"url = \"...\"), got {err.get('input')!r}")


def _message(err: Any) -> str:
    kind = err.get("type", "")
    msg: str = err.get("msg", "invalid value")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "missing required key"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    inp = err.get("input")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{msg.lower()}, got {inp!r}"
    # pydantic's "Input should be ..." reads as every other message here: one lower-case clause
    return msg[0].lower() + msg[1:] if msg.startswith("Input ") else msg
