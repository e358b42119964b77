"""Checks of single values that code outside the models needs too, without importing pydantic
(settings.py's validators call them; model.py applies them to values given at run time)."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_BASE_URL = "http://127.0.0.1:8080/"


def malformed_url(value: str) -> str | None:
    """Why urllib refuses to split `value` at all (a bracketed host that is no IPv6 address:
    'http://[::1', 'http://[zz]/x'), else None. Every later urlsplit of it would raise."""
    try:
        urlsplit(value)
    except ValueError as exc:
        return str(exc)
    return None


def database_problem(value: str) -> str | None:
    """Why `value` is neither a SQLite path nor a PostgreSQL URL, else None."""
    if not value.strip():
        return "expected a SQLite path or a postgresql:// URL, got an empty string"
    if "://" not in value:
        return None
    if why := malformed_url(value):
        return f"expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME ({why})"
    parts = urlsplit(value)
    if parts.scheme not in ("postgresql", "postgres"):
        return f"expected a SQLite path or a postgresql://USER:PASSWORD@HOST:PORT/DBNAME URL, got {parts.scheme}://"
    if not parts.hostname or not parts.path.strip("/"):
        return "expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME (a host and a database name)"
    try:
        parts.port  # noqa: B018 - read for its check: a port that is no number, or past 65535
    except ValueError as exc:
        return f"expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME with a port number ({exc})"
    return None


def absolute_base_url(value: str) -> str:
    """publish.base_url as stored: an absolute http(s) URL ending in '/'; ValueError otherwise."""
    if why := malformed_url(value):
        raise ValueError(f"expected an absolute http(s) URL, got {value!r} ({why})")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"expected an absolute http(s) URL, got {value!r}")
    # every published link is base_url + a path: a query or fragment would swallow it
    if "?" in value or "#" in value:
        raise ValueError(f"expected an http(s) URL without a query or fragment, such as "
                         f"'https://feeds.example.org/', got {value!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"expected a public http(s) URL without a user or password, got {value!r}")
    return value if value.endswith("/") else value + "/"


def one_line(value: str) -> str:
    """A value that goes into a header (User-Agent, From): no CR, LF or other control character."""
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError(f"expected one line of text without control characters (CR, LF, tab...), got {value!r}")
    return value


def allow_host_problem(entry: str) -> str | None:
    """Why a [fetch].allow_hosts entry names no host, address or network (a URL, a blank), else None."""
    example = "such as 'feeds.example.org', '*.example.org', '127.0.0.1' or '10.0.0.0/8'"
    if not entry.strip():
        return f"expected a host name, address or network {example}, got an empty entry"
    if "://" in entry or "@" in entry:
        host = urlsplit(entry).hostname if "://" in entry else None
        hint = f" (write {host!r})" if host else ""
        return f"expected a host name, address or network, not a URL{hint}, got {entry!r}"
    if any(c.isspace() or ord(c) < 32 for c in entry.strip()):
        return f"expected a host name, address or network {example}, got {entry!r} (it has a space)"
    if "/" in entry:
        import ipaddress

        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            return f"expected a network such as '10.0.0.0/8', got {entry!r}"
    return None
