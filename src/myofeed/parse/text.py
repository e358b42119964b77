"""Small text helpers shared by the parsers: whitespace, read-more markers, comment counts, bylines."""

from __future__ import annotations

import re

__all__ = ["clean", "strip_read_more", "parse_comment_count", "clean_author", "is_read_more", "COMMENT_WORDS"]

_WS = re.compile(r"[\s\u00a0\u200b\u202f\u2009\ufeff]+")

# "Read more" and friends, in the languages we meet; matched case-insensitively at the end of an excerpt
_READ_MORE_WORDS = (
    r"read\s+more|read\s+the\s+(?:full\s+)?(?:article|story|post)|read\s+the\s+rest(?:\s+of\s+this\s+(?:entry|post))?|"
    r"continue\s+reading|keep\s+reading|see\s+more|show\s+more|view\s+more|read\s+full\s+(?:article|story|post)|"
    r"more\s+details?|learn\s+more|view\s+(?:post|article)|full\s+story|read\s+on|more|"
    r"weiterlesen|weiter\s+lesen|mehr\s+lesen|mehr\s+erfahren|mehr|zum\s+artikel|"
    r"lire\s+la\s+suite|lire\s+plus|en\s+savoir\s+plus|suite|"
    r"leer\s+m[aá]s|seguir\s+leyendo|continuar\s+leyendo|ver\s+m[aá]s|"
    r"leggi\s+(?:tutto|di\s+pi[uù])|continua\s+a\s+leggere|"
    r"ler\s+mais|continuar\s+lendo|lees\s+meer|verder\s+lezen"
)
_ARROWS = r"[»›→>⟶➔\u2192\u00bb\u203a]"
_TRAIL = re.compile(
    rf"(?:\s*(?:\[\s*(?:…|\.\.\.|&hellip;|(?:{_READ_MORE_WORDS})[^\]]{{0,20}})\s*\]|\(\s*(?:more|mehr|plus)\s*…?\s*\)|…|\.{{2,}}|{_ARROWS}+|"
    rf"(?<![\w])(?:{_READ_MORE_WORDS})(?:\s*[:.]?\s*{_ARROWS}*)?))+\s*$",
    re.IGNORECASE,
)
_READ_MORE_ONLY = re.compile(rf"^\s*{_ARROWS}*\s*(?:{_READ_MORE_WORDS})\b.*$", re.IGNORECASE)


def clean(text: str | None) -> str:
    """Collapse every run of whitespace (nbsp, zero-width...) to one space and strip."""
    if not text:
        return ""
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())  # str.split() knows every Unicode space, nbsp included


def is_read_more(text: str) -> bool:
    """True for a link text such as "Read more »", "Continue reading", "Weiterlesen"."""
    t = clean(text)
    return bool(t) and len(t) <= 60 and bool(_READ_MORE_ONLY.match(t))


def strip_read_more(text: str) -> str:
    """Remove trailing read-more markers: "[…]", "...", "Read more »", "Lire la suite"...

    A bare "more" is only removed after an ellipsis or when it is separated like a link
    ("... more"), never from the end of a sentence.
    """
    t = clean(text)
    while True:
        # markers sit at the end: search only the tail, the pattern is costly on long texts
        offset = max(0, len(t) - 80)
        m = _TRAIL.search(t, offset)
        if not m or m.start() == m.end():
            return t
        removed = t[m.start() :].strip().lower()
        if removed in ("more", "mehr", "suite") and not t[: m.start()].rstrip().endswith(("…", ".", "]")):
            return t  # "... is there more" stays as written
        t = t[: m.start()].rstrip(" \t-–—|:")
        if not t:
            return t


# words that mark a comment count, by language; "responses"/"replies" for Medium-like sites
COMMENT_WORDS = (
    r"comments?|comentarios?|commentaires?|kommentare?n?|commenti|commento|coment[aá]rios?|reacties?|reactie|"
    r"responses?|replies|reply|antworten|r[eé]ponses?|respuestas?|risposte|reactions?|discussions?|thoughts?"
)
_COUNT_BEFORE = re.compile(rf"(?<![\d.,])(\d+(?:[,.]\d{{3}})*)\s*(?:{COMMENT_WORDS})\b", re.IGNORECASE)
_COUNT_AFTER = re.compile(rf"\b(?:{COMMENT_WORDS})\s*[:(\[]?\s*(\d+(?:[,.]\d{{3}})*)(?![\d.,:/])", re.IGNORECASE)
_ONE = re.compile(rf"\b(?:one|a\s+single|ein|eine|un|une|uno|una|um|uma|één)\s+(?:{COMMENT_WORDS})\b", re.I)
_ZERO = re.compile(
    r"\b(?:no|zero|leave\s+a|add\s+a|post\s+a|write\s+a|be\s+the\s+first\s+to|keine|noch\s+keine|kein|"
    r"schreibe\s+einen|einen\s+kommentar\s+(?:hinterlassen|schreiben)|kommentieren|aucun|pas\s+de|laisser\s+un|"
    r"laissez\s+un|sin|ning[uú]n|deja\s+un|d[eé]janos|nessun|lascia\s+un|nenhum|deixe\s+um|deixe\s+seu|geen|"
    r"plaats\s+een)\b",
    re.IGNORECASE,
)
_CLOSED = re.compile(
    r"\b(?:off|closed|disabled|geschlossen|deaktiviert|ferm[ée]s?|d[ée]sactiv[ée]s?|cerrados?|desactivados?|chiusi)\b",
    re.IGNORECASE,
)
_BUBBLE = re.compile("[\U0001F4AC\U0001F5E8\U0001F5E9]\ufe0f?\\s*(\\d+)")  # speech-balloon emoji + count
_BARE = re.compile(r"^\(?\s*(\d[\d,.]*)\s*\)?$")


def _int(raw: str) -> int | None:
    digits = re.sub(r"[,.\s]", "", raw)
    if not digits.isdigit():
        return None
    value = int(digits)
    return value if value < 1_000_000 else None


def parse_comment_count(text: str, *, bare: bool = False) -> tuple[bool, int | None]:
    """Read a comment count from a link or label text.

    Returns (found, count): "14 Comments" -> (True, 14); "Comments (3)" -> (True, 3);
    "No comments" / "Leave a comment" -> (True, 0); "Comments closed" -> (True, None);
    anything else -> (False, None). With `bare`, a lone number ("14", "(14)") counts too
    (the text of an element already known to be a comment count).
    """
    t = clean(text)
    if not t:
        return False, None
    if bare and (m := _BARE.match(t)):
        return True, _int(m.group(1))
    if m := _BUBBLE.search(t):
        return True, _int(m.group(1))
    if m := _COUNT_BEFORE.search(t):
        if (v := _int(m.group(1))) is not None:
            return True, v
    if m := _COUNT_AFTER.search(t):
        if (v := _int(m.group(1))) is not None:
            return True, v
    if re.search(COMMENT_WORDS, t, re.IGNORECASE):
        if _CLOSED.search(t):
            return True, None
        if _ZERO.search(t):
            return True, 0
        if _ONE.search(t):
            return True, 1
        if bare:
            return True, 0  # a comment link with a verb and no number: "Comment", "Kommentieren"
    return False, None


_BY = re.compile(
    r"^\s*(?:posted\s+by|written\s+by|published\s+by|by|from|author\s*:|autor(?:in)?\s*:?|auteur\s*:?|"
    r"von|par|por|di|door|escrito\s+por|publi[ée]\s+par|[ée]crit\s+par|geschrieben\s+von|verfasst\s+von)\s+",
    re.IGNORECASE,
)


def clean_author(text: str | None) -> str | None:
    """'By Dana Morrow' -> 'Dana Morrow'; '' -> None."""
    t = clean(text)
    if not t:
        return None
    t = _BY.sub("", t).strip(" ,;:|·•-–—")
    t = re.sub(r"^(?:by|von|par|por)\s+", "", t, flags=re.IGNORECASE)
    if not t or len(t) > 80:
        return None
    return t
