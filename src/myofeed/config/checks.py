"""Checks of single values that code outside the models needs too, without importing pydantic
(settings.py's validators call them; model.py applies them to values given at run time)."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_BASE_URL = "http://127.0.0.1:8080/"


def database_problem(value: str) -> str | None:
    """Why `value` is neither a SQLite path nor a PostgreSQL URL, else None."""
    if not value.strip():
        return "expected a SQLite path or a postgresql:// URL, got an empty string"
    if "://" not in value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("postgresql", "postgres"):
        return f"expected a SQLite path or a postgresql://USER:PASSWORD@HOST:PORT/DBNAME URL, got {parts.scheme}://"
    if not parts.hostname or not parts.path.strip("/"):
        return "expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME (a host and a database name)"
    return None


def absolute_base_url(value: str) -> str:
    """publish.base_url as stored: an absolute http(s) URL ending in '/'; ValueError otherwise."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"expected an absolute http(s) URL, got {value!r}")
    return value if value.endswith("/") else value + "/"
