"""URLs as we show them: without the user and password an operator may write into a source URL.

`https://user:secret@host/feed` is a working way to read a feed behind HTTP Basic auth (the
fetcher sends the credentials), but the URL is also the source's public identity: it goes into
every feed's <source>, the index page, OPML, status pages and messages. Everything published,
mailed, logged or displayed passes through `without_userinfo`; only the fetcher uses the URL as
written.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

__all__ = ["has_userinfo", "without_userinfo"]


def has_userinfo(url: str) -> bool:
    """True when an absolute URL names a user (and maybe a password) before its host."""
    return "@" in url and _netloc_userinfo(url) is not None


def _netloc_userinfo(url: str) -> str | None:
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return None
    user, at, _host = netloc.rpartition("@")
    return user if at else None


def without_userinfo(url: str) -> str:
    """`url` with any `user:password@` removed from its authority; anything else unchanged."""
    if "@" not in url:  # the common case, and cheap: most URLs carry no '@' at all
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
