"""One digest of what the store keeps of a post's content, computed alike on both sides.

A parse worker compares each parsed post's digest with the stored post's (sent by
the ingest pass, `Storage.content_hashes`): an entry a feed repeats unchanged on a
200 is then neither classified nor sent back nor written. The fields are exactly
those `store/posts.py` compares to decide that a stored post changed, so skipping
an equal one changes nothing that would have been stored.
"""

from __future__ import annotations

from collections.abc import Sequence

try:  # hashlib's blake2b is this very type; importing hashlib loads OpenSSL (~3.5 MB in each parse worker)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the builtin module
    from hashlib import blake2b

__all__ = ["content_hash"]


def content_hash(title: str, url: str | None, author: str | None, comments: int | None, summary: str,
                 summary_html: str | None, guid: str | None, categories: Sequence[str]) -> str:
    parts = (title, url, author, comments, summary, summary_html, guid, *categories)
    # repr keeps None apart from "None" and an int apart from its digits; NUL never occurs in a repr
    return blake2b("\0".join(map(repr, parts)).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
