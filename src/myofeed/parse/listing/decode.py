"""Bytes -> text for HTML pages: BOM, then the Content-Type charset, then <meta charset>, then UTF-8.

Browsers read pages declared iso-8859-1 (or latin1, or us-ascii) as windows-1252, and so
do we: legacy sites declare latin-1 while writing curly quotes and euro signs from 1252.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_html", "charset_from_content_type"]

_META = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_HIGH = bytes(range(0x80, 0x100))
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LEGACY = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp819"}
# labels browsers widen to a superset (WHATWG encoding standard)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
            "x-sjis": "shift_jis", "sjis": "shift_jis", "tis-620": "cp874", "iso-8859-9": "cp1254",
            "iso-8859-11": "cp874", "x-mac-roman": "mac_roman"}


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _LEGACY:
        return "cp1252"
    label = _ALIASES.get(label, label)
    if label in ("x-user-defined", "unicode", "utf-16", "utf-16le", "utf-16be"):
        return None  # a <meta> claiming UTF-16 in an ASCII-readable document is a lie (HTML spec)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec name). Never raises: undecodable bytes become U+FFFD."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    declared = _codec(charset_from_content_type(content_type))
    if declared is None:
        head = body[:4096]
        m = _META.search(head) or _XML_DECL.search(head)
        declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
    if declared is None or declared == "utf-8":
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if declared == "utf-8":
                # declared UTF-8 but is not: the usual culprit is windows-1252 text
                return body.decode("cp1252", errors="replace"), "cp1252"
            return body.decode("cp1252", errors="replace"), "cp1252"
    if _multibyte_utf8(body, 1 if declared in ("cp1252", "iso8859-15") else 6):
        # a legacy label (gb2312, shift_jis, windows-1251, latin-1...) on bytes that are valid UTF-8 with
        # real multi-byte characters: the label is stale, as after a CMS moved to UTF-8 or a page was
        # re-saved; text in those codecs almost never forms valid UTF-8 by accident (a few CJK
        # characters might, hence more non-ASCII bytes asked of the multi-byte codecs)
        return body.decode("utf-8"), "utf-8"
    return body.decode(declared, errors="replace"), declared


def _multibyte_utf8(body: bytes, least: int) -> bool:
    if body.isascii() or len(body) - len(body.translate(None, _HIGH)) < least:
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
