"""Taiwan's calendar: Traditional-Chinese pages from Taiwan date by the Republic of China (Minguo) year,
"115.03.19", "115/03/19" or "115-03-19" for 2026-03-19 (the year plus 1911). Read alone, such a date is
a version number or a code, so it is read only on a page that says it is zh-TW / zh-Hant (its lang) or
that a .tw host serves; "民國115年3月19日" names its calendar and dates.py reads it on any page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .dom import Element

__all__ = ["ROC_OFFSET", "roc_page", "with_gregorian_years"]

ROC_OFFSET = 1911
# a 2-3 digit year, then month and day with one separator repeated; no digit or dot glued to either end
_ROC_DATE = re.compile(r"(?<![\d.])(?P<y>\d{2,3})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.]\d)")
_MAX_TEXT = 60  # a date in its own cell or span, perhaps with a label ("發布日期：115-03-19"), not prose


def roc_page(lang: str | None, base_url: str) -> bool:
    """The page is from Taiwan: html lang zh-TW or zh-Hant (not zh-CN, zh-Hans), or a .tw host."""
    tag = (lang or "").lower().replace("_", "-")
    if tag.startswith("zh") and ("-tw" in tag or "hant" in tag):
        return True
    host = (urlsplit(base_url).hostname or "").lower()
    return host.endswith(".tw")


def _gregorian(m: re.Match[str]) -> str:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and y >= 1):
        return m.group(0)
    sep = m.group("sep")
    return f"{y + ROC_OFFSET}{sep}{m.group('m')}{sep}{m.group('d')}"


def with_gregorian_years(root: Element) -> None:
    """roc-calendar: on a Taiwanese page, rewrite short texts' ROC dates to Gregorian years in place, so
    every date rule reads them as it reads "2026.03.19" (prose and long texts are left as they are)."""
    for el in root.iter(tag=None):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if el.text and len(el.text) <= _MAX_TEXT and _ROC_DATE.search(el.text):
            el.text = _ROC_DATE.sub(_gregorian, el.text)
        if el.tail and len(el.tail) <= _MAX_TEXT and _ROC_DATE.search(el.tail):
            el.tail = _ROC_DATE.sub(_gregorian, el.tail)
