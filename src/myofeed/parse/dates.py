"""Dates as sites write them -> ISO 8601 strings, as precise as stated.

A fast, regex-based reader handles the forms listing pages use ("Nov, 20 2025",
"20. November 2025", "17.09.2024", "2025-09-26T09:25:00.000-07:00", "3 days
ago", "vor 3 Tagen"...) in English, German, French, Spanish, Italian,
Portuguese and Dutch; dateparser is only a fallback for the rest, because it
costs milliseconds per call and a listing page has dozens of dates.

Precision is kept: a day stays "2025-11-20"; a time without a zone stays naive
("2024-03-10T09:45:00"); a time with a zone keeps its offset.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import cast

from .memo import memo
from .month_names import MONTHS as _MONTHS
from .month_names import MORE_MONTHS as _MORE_MONTHS
from .relative_dates import relative_date
from .text import trie_pattern

__all__ = ["WEEKDAYS", "DateMatch", "find_dates", "month_number", "normalize_machine_date", "parse_date",
           "prefers_day_first"]

_MONTH_OF: dict[str, int] = {name: num for num, names in _MONTHS.items() for name in names}
_MONTH_OF.update(
    (unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))),
     num)
    for months in _MORE_MONTHS.values() for num, names in enumerate(months.split("|"), 1) for name in names.split()
)

_MONTH_RE = trie_pattern(_MONTH_OF)
# Solar Hijri months, folded as the page text is (آبان -> ابان)
_JALALI_MONTHS = tuple(
    unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFKD", m) if not unicodedata.combining(c)))
    for m in "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split())
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|"
    "lunes|martes|miercoles|jueves|viernes|sabado|domingo|"
    "lunedi|martedi|mercoledi|giovedi|venerdi|sabato|"
    "segunda-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira|"
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
)

# optional time after a date: "at 09:45", "um 14:30 Uhr", "à 9h45", ", 9:25 AM", "10:00 UTC"
_TIME = (
    r"(?:\s*,?\s*(?:at|um|a las|a la|alle ore|alle|ore|om|à|a|às|-|–|\||@|kl\.?|klo|o|godz\.?)?\s*"
    r"(?P<hh>[01]?\d|2[0-3])(?:[:h](?P<mi>[0-5]\d))(?::(?P<ss>[0-5]\d))?(?:\.\d+)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*uhr)?"
    r"(?:\s*(?P<tz>z\b|utc\b|gmt\b|[+-]\d{2}:?\d{2}))?)?"
)
_ORD = r"(?:st|nd|rd|th|er|re|e|º|°|\.)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        re.compile(
            r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
            r"(?:[t ](?P<hh>\d{2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:[.,]\d+)?)?"
            r"\s*(?P<tz>z\b|[+-]\d{2}:?\d{2}|utc\b|gmt\b)?(?:\s*(?:utc|gmt)\b)?)?(?!\d)"
        ),
    ),
    ("ymd", re.compile(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]?" + _TIME)),
    # Japanese era years: 令和2年4月23日 (Reiwa 2 = 2020), 平成31年, 元年 for the first year; Taiwan's
    # 民國115年3月19日 (Minguo 115 = 2026)
    # Vietnamese: "4 tháng 3, 2024", "ngày 4 tháng 3 năm 2024" (folded: "thang", "nam")
    ("ymd", re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2}),?\s+(?:nam\s+)?(?P<y>\d{4})(?!\d)" + _TIME)),
    ("era", re.compile(r"(?P<era>令和|平成|昭和|民國|民国)\s*(?P<y>\d{1,3}|元)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?")),
    # 2024/03/04, 2024.03.04, and Korean "2024. 3. 4." (a space after each dot, a dot after the day)
    ("ymd", re.compile(r"(?<![\d.])(?P<y>\d{4})(?:[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?![\d/])|"
                       r"\.\s(?P<m2>\d{1,2})\.\s(?P<d2>\d{1,2})\.(?!\d))" + _TIME)),
    (
        "num",
        re.compile(r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[./-])\s?(?P<b>\d{1,2})(?P=sep)\s?(?P<y>\d{4}|\d{2})(?![\d/])" + _TIME),
    ),
    (
        "dmy",
        re.compile(
            rf"(?:\b(?:{WEEKDAYS})\.?,?\s+)?(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s*(?:de\s+|of\s+|-)?"
            rf"\b(?P<mon>{_MONTH_RE})\b\.?,?\s*(?:de\s+|del\s+|-)?(?P<y>\d{{4}})(?!\d)" + _TIME
        ),
    ),
    # Persian, the Solar Hijri calendar: "۱۸ اسفند ۱۴۰۲" (jalali-date: 8 March 2024)
    ("jalali", re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<jmon>{'|'.join(_JALALI_MONTHS)})\s+(?P<y>\d{{4}})(?!\d)")),
    # Hungarian, year first: "2026. november 26.", "2026. nov. 26."
    ("ymon", re.compile(rf"(?<![\d.])(?P<y>\d{{4}})\.\s*\b(?P<mon>{_MONTH_RE})\b\.?\s*(?P<d>\d{{1,2}})(?!\d)\.?" + _TIME)),
    # apostrophe-year: Stack Exchange's "Feb 14 '13 at 20:31", a year of two digits after an apostrophe
    ("mdy'", re.compile(rf"\b(?P<mon>{_MONTH_RE})\b\.?\s*(?P<d>\d{{1,2}})(?!\d){_ORD},?\s*['’](?P<y>\d{{2}})(?!\d)"
                        + _TIME)),
    (
        "mdy",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})\b\.?,?\s*(?P<d>\d{{1,2}})(?!\d){_ORD},?\s*(?P<y>\d{{4}})(?!\d)" + _TIME
        ),
    ),
]

# month and day without a year ("Nov 12", "12. Nov"): Medium and social sites for the current year;
# month abbreviations that are also common words ("set", "out", "ago") are not trusted without a year
# (the Polish abbreviations "sie", "lis", "cze" are words too: phpBB prints them with a year)
_YEARLESS_MONTH_RE = trie_pattern(m for m in _MONTH_OF if m not in {
    "set", "out", "ago", "gen", "mag", "mar", "dic", "mei", "sty", "lut", "kwi", "cze", "sie", "wrz", "paz", "lis", "gru"})
_NO_YEAR = [
    re.compile(rf"\b(?P<mon>{_YEARLESS_MONTH_RE}|mar(?=\.?\s+\d))\b\.?\s+(?P<d>\d{{1,2}})(?!\d|[:.]\d){_ORD}(?!\s*,?\s*\d{{4}})\b"),
    # "14 Mar" too: after a day number "mar" is March, not the sea
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}}){_ORD}\s*(?:de\s+|of\s+)?\b(?P<mon>{_YEARLESS_MONTH_RE}|mar)\b\.?"
               rf"(?!\s*,?\s*(?:de\s+)?\d)"),
    # Chinese, Japanese, Korean: 4月28日, 4월 28일 (a year before it would have made it a full date)
    re.compile(r"(?<![\d年년])(?P<mn>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일号號]"),
]
_ERA_START = {"令和": 2018, "平成": 1988, "昭和": 1925, "民國": 1911, "民国": 1911}

_DIGIT = re.compile(r"\d")
_ISO_RX = next(rx for kind, rx in _PATTERNS if kind == "iso")
_NUM_RX = next(rx for kind, rx in _PATTERNS if kind == "num")

@dataclass(frozen=True)
class DateMatch:
    """One date found in a text: where, the ISO value, and whether day/month order was a guess."""

    start: int
    end: int
    value: str
    ambiguous: bool = False  # numeric a/b/yyyy with both parts <= 12


def _fold(text: str) -> str:
    """Lower-case and strip accents, so 'März', 'février' and 'Dezember' match one table."""
    if text.isascii():
        return text.lower()
    text = text.replace("\xa0", " ").replace("\u202f", " ")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _tz(raw: str | None) -> timezone | None:
    if not raw:
        return None
    raw = raw.lower()
    if raw in ("z", "utc", "gmt"):
        return UTC
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


# buddhist-era-year: Thai (and Lao, Khmer) pages count years from 543 BC: 2567 is 2024. No page dates a
# post after 2400 in the Gregorian calendar, so a year from 2400 to 2800 is read as Buddhist Era.
_BE_FIRST, _BE_LAST, _BE_OFFSET = 2400, 2800, 543


def _build(y: int, m: int, d: int, g: dict[str, str | None]) -> str | None:
    if _BE_FIRST <= y <= _BE_LAST:
        y -= _BE_OFFSET
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    hh = g.get("hh")
    if hh is None:
        return day.isoformat()
    hour, minute, second = int(hh), int(g.get("mi") or 0), int(g.get("ss") or 0)
    ampm = (g.get("ampm") or "").replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        stamp = datetime.combine(day, time(hour, minute, second), tzinfo=_tz(g.get("tz")))
    except ValueError:
        return day.isoformat()
    return stamp.isoformat()


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """A Solar Hijri (Persian) date as (year, month, day) in the Gregorian calendar: days counted from the
    calendar's epoch, its 33-year leap cycle, then the Gregorian 400/100/4-year cycles (jalaali's algorithm)."""
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd + (
        (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186)
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = gy % 4 == 0 and gy % 100 != 0 or gy % 400 == 0
    for gm, length in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1):
        if gd <= length:
            return gy, gm, gd
        gd -= length
    return gy, 12, 31


def _year(raw: str) -> int:
    y = int(raw)
    return y + 2000 if y < 100 else y


def month_number(word: str) -> int | None:
    """The month a word names in any language the date reader knows ("March", "März", "Март", "marca"), folded
    as page text is; None for any other word (names of three letters or more only)."""
    folded = _fold(word).rstrip(".,:")
    return _MONTH_OF.get(folded) if len(folded) >= 3 else None


def find_dates(
    text: str, *, now: datetime | None = None, prefer_day_first: bool | None = None, relative: bool = True
) -> list[DateMatch]:
    """Every absolute date in `text` (in order), or else the first relative one ("3 days ago")."""
    # a listing parse reads the same card texts in several passes: once each (memo.py); not when a
    # relative date would be counted from the clock (now=None), whose answer changes
    table = memo("find_dates") if now is not None or not relative else None
    if table is None:
        return _find_dates(text, now, prefer_day_first, relative)
    key = (text, now, now.tzinfo if now is not None else None, prefer_day_first, relative)
    hit = cast("tuple[DateMatch, ...] | None", table.get(key))
    if hit is None:
        hit = table[key] = tuple(_find_dates(text, now, prefer_day_first, relative))
    return list(hit)


def _find_dates(text: str, now: datetime | None, prefer_day_first: bool | None, relative: bool) -> list[DateMatch]:
    folded = _fold(text)
    found: list[DateMatch] = []
    if not _DIGIT.search(folded):
        rel = relative_date(folded, now) if relative and len(folded) <= 200 else None
        return [DateMatch(*rel)] if rel else []
    # Spans already taken, disjoint and sorted by start: an overlap check is two neighbours (bisect),
    # so a page made of dates costs n log n, not n² (a hostile 1.7 MB of dates took 17 s).
    starts: list[int] = []
    ends: list[int] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(folded):
            a, b = m.start(), m.end()
            i = bisect_right(starts, a)
            if (i and ends[i - 1] > a) or (i < len(starts) and starts[i] < b):
                continue
            dm = _from_match(kind, m, prefer_day_first)
            if dm is not None:
                found.append(dm)
                starts.insert(i, a)
                ends.insert(i, b)
    if found:
        return sorted(found, key=lambda d: d.start)
    if relative and (rel := relative_date(folded, now)) is not None:
        return [DateMatch(*rel)]
    if relative:
        for rx in _NO_YEAR:
            if (ny := rx.search(folded)) and (value := _year_less(ny, now)) is not None:
                return [DateMatch(ny.start(), ny.end(), value)]
    return []


def _year_less(m: re.Match[str], now: datetime | None) -> str | None:
    """'Nov 12' on a page fetched 2025-11-20 is 2025-11-12; 'Dec 30' then is 2024-12-30."""
    mon = int(m.group("mn")) if m.groupdict().get("mn") else _MONTH_OF.get(m.group("mon").rstrip("."))
    if mon is None:
        return None
    today = (now or datetime.now(UTC)).astimezone(UTC).date()
    for year in (today.year, today.year - 1):
        try:
            d = date(year, mon, int(m.group("d")))
        except ValueError:
            continue
        if d <= today + timedelta(days=1):
            return d.isoformat()
    return None


def _from_match(kind: str, m: re.Match[str], prefer_day_first: bool | None) -> DateMatch | None:
    g = m.groupdict()
    if kind == "jalali":
        if not 1300 <= int(g["y"]) <= 1500:
            return None  # Persian digits too: "۱۴۰۲" is 1402
        gy, gm, gd = jalali_to_gregorian(int(g["y"]), _JALALI_MONTHS.index(g["jmon"]) + 1, int(g["d"]))
        value = _build(gy, gm, gd, g)
        return DateMatch(m.start(), m.end(), value) if value else None
    if kind == "era":
        value = _build(_ERA_START[g["era"]] + (1 if g["y"] == "元" else int(g["y"])), int(g["m"]), int(g["d"]), g)
        return DateMatch(m.start(), m.end(), value) if value else None
    if kind in ("iso", "ymd"):
        value = _build(int(g["y"]), int(g["m"] or g["m2"]), int(g["d"] or g["d2"]), g)
        return DateMatch(m.start(), m.end(), value) if value else None
    if kind == "num":
        a, b, sep = int(g["a"]), int(g["b"]), g["sep"]
        if len(g["y"]) == 2 and sep == "-":
            return None  # "12-05-25" is more often a code than a date
        ambiguous = a <= 12 and b <= 12 and a != b
        if a > 12:
            day_first = True
        elif b > 12:
            day_first = False
        elif prefer_day_first is not None:
            day_first = prefer_day_first
        else:
            # 20.11.2025 and 20-11-2025 are day-first; slashes default to US order, and so does a dashed date
            # with a 12-hour time (`ampm-month-first`: "05-01-2014 09:40 PM", US board software, UBB, Phorum)
            day_first = sep == "." or (sep == "-" and not g.get("ampm"))
        d, mo = (a, b) if day_first else (b, a)
        value = _build(_year(g["y"]), mo, d, g)
        return DateMatch(m.start(), m.end(), value, ambiguous) if value else None
    mon = _MONTH_OF.get(g["mon"].rstrip("."))
    if mon is None:
        return None
    year = int(g["y"])
    if kind == "mdy'":
        year += 2000 if year < 50 else 1900  # '99 is 1999, '13 is 2013
    value = _build(year, mon, int(g["d"]), g)
    return DateMatch(m.start(), m.end(), value) if value else None


def prefers_day_first(texts: list[str], lang: str | None, *, now: datetime | None = None) -> bool | None:
    """Settle dd/mm vs mm/dd for a page: from its unambiguous numeric dates (24/09 can only be day-first),
    then from dates that would lie in the future read one way and not the other, else its locale."""
    votes = 0
    future = 0
    rx = _NUM_RX
    limit = (now.astimezone(UTC).date() + timedelta(days=1)) if now is not None else None
    for text in texts:
        for m in rx.finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            if a > 12 and b <= 12:
                votes += 1
            elif b > 12 and a <= 12:
                votes -= 1
            elif limit is not None and a != b and 0 < a <= 12 and 0 < b <= 12:
                y = _year(m.group("y"))
                try:
                    us, eu = date(y, a, b), date(y, b, a)
                except ValueError:
                    continue
                if us > limit >= eu:
                    future += 1
                elif eu > limit >= us:
                    future -= 1
    if votes:
        return votes > 0
    if future:
        return future > 0
    if not lang:
        return None
    lang = lang.lower().replace("_", "-")
    if lang.split("-")[0] in ("ja", "ko", "zh"):
        return False  # month-first-locales: "03/08" on a Japanese board is 8 March (full dates put the year first)
    if lang.startswith("en"):
        return None if lang in ("en", "en-us", "en-ph") else True
    return True


_MACHINE_SPACE_TZ = re.compile(r"^(\S+)\s+(\S+?)\s*([+-]\d{4}|z|utc|gmt)?(?:\s+\w{2,5})?$", re.I)


def normalize_machine_date(value: str, *, prefer_day_first: bool | None = None) -> str | None:
    """A machine-readable date (datetime attr, JSON-LD, Go time string, RFC 822) -> ISO, keeping precision."""
    raw = value.strip()
    if not raw:
        return None
    m = _ISO_RX.match(_fold(raw))
    if m and m.end() >= len(raw.rstrip()) - 4:  # allow a trailing zone name such as " UTC"
        dm = _from_match("iso", m, None)
        return dm.value if dm else None
    if re.fullmatch(r"\d{10}(\d{3})?", raw):  # epoch seconds / milliseconds
        secs = int(raw) / (1000 if len(raw) == 13 else 1)
        return datetime.fromtimestamp(secs, UTC).replace(microsecond=0).isoformat()
    try:
        from email.utils import parsedate_to_datetime

        if re.match(r"^[A-Za-z]{3},? \d", raw) or re.match(r"^\d{1,2} [A-Za-z]{3} \d{4} \d", raw):
            return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if m := _ASCTIME.match(raw):  # "Mon Nov 17 09:58:12 2025 UTC": C's asctime, an old reddit's time title
        found = find_dates(f"{m.group(1)} {m.group(2)}, {m.group(4)} {m.group(3)}" + (" UTC" if m.group(5) else ""),
                           relative=False)
        return found[0].value if found else None
    found = find_dates(raw, relative=False, prefer_day_first=prefer_day_first)
    return found[0].value if found else None


_ASCTIME = re.compile(r"^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s+(\d{4})"
                      r"(?:\s+(UTC|GMT))?$")


def parse_date(
    text: str,
    *,
    languages: list[str] | None = None,
    now: datetime | None = None,
    prefer_day_first: bool | None = None,
    date_format: str | None = None,
) -> str | None:
    """The first date stated in `text` as an ISO 8601 string as precise as stated, or None.

    `date_format` (strptime) wins when given; relative dates resolve against `now` (UTC);
    `prefer_day_first` settles 05/06/2025; `languages` helps the dateparser fallback.
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    if date_format:
        return _strptime(text, date_format)
    if prefer_day_first is None and languages and not any(lang.lower().startswith("en") for lang in languages):
        prefer_day_first = True
    found = find_dates(text, now=now, prefer_day_first=prefer_day_first)
    if found:
        return found[0].value
    return _dateparser_fallback(text, languages=languages, now=now, prefer_day_first=prefer_day_first)


def _strptime(text: str, fmt: str) -> str | None:
    candidates = [text, re.sub(r"\s+", " ", text)]
    for cand in candidates:
        try:
            dt = datetime.strptime(cand, fmt)
        except ValueError:
            continue
        if any(code in fmt for code in ("%H", "%I", "%M")):
            return dt.isoformat()
        return dt.date().isoformat()
    return None


_SIGNED_COUNT = re.compile(r"(?:^|\s)[-\u2212+]\d+\s*[^\W\d_]")


def _dateparser_fallback(
    text: str, *, languages: list[str] | None, now: datetime | None, prefer_day_first: bool | None
) -> str | None:
    """dateparser for the rare forms the fast reader misses; only short, date-looking texts."""
    if len(text) > 60 or not re.search(r"\d", text) or not re.search(r"[^\W\d_]{2,}", text):
        return None
    if _SIGNED_COUNT.search(text):  # "-3 days ago": no date a page means (dateparser reads "3 days ago")
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    base = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    settings: dict[str, object] = {
        "RELATIVE_BASE": base,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
    }
    if prefer_day_first is not None:
        settings["DATE_ORDER"] = "DMY" if prefer_day_first else "MDY"
    langs = [lang.split("-")[0].lower() for lang in languages] if languages else None
    try:
        dt = dateparser.parse(text, languages=langs, settings=settings)  # type: ignore[arg-type]
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if dt is None or not (1990 <= dt.year <= base.year + 1):
        return None
    if dt > base + timedelta(days=1) and not re.search(r"\d{4}", text):
        return None  # "in 3 days": a relative date in the future is no publication date
    if re.search(r"\d[:h]\d\d", text):
        return dt.replace(microsecond=0).isoformat()
    return dt.date().isoformat()
