"""Small text helpers shared by the parsers: whitespace, read-more markers, comment counts, bylines."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .memo import memo

__all__ = [
    "clean", "dense_chars", "word_count", "text_width", "strip_read_more", "parse_comment_count", "clean_author", "is_read_more", "COMMENT_WORDS", "trie_pattern",
    "title_from_text",
]

_WS = re.compile(r"[\s\u00a0\u200b\u202f\u2009\ufeff]+")

# "Read more" and friends, in the languages we meet; matched case-insensitively at the end of an excerpt
_READ_MORE_WORDS = (
    r"read\s+more|read\s+the\s+(?:full\s+)?(?:article|story|post)|read\s+the\s+rest(?:\s+of\s+this\s+(?:entry|post))?|"
    r"continue\s+reading|keep\s+reading|see\s+more|show\s+more|view\s+more|read\s+full\s+(?:article|story|post)|"
    r"more\s+details?|learn\s+more|view\s+(?:post|article)|full\s+story|read\s+on|more|"
    # an old news page's "Click here for details"
    r"click\s+here\s+(?:for\s+(?:more\s+)?(?:details|info(?:rmation)?|the\s+full\s+story)|to\s+read\s+(?:more|on))|"
    r"weiterlesen|weiter\s+lesen|mehr\s+lesen|mehr\s+erfahren|mehr|zum\s+artikel|"
    r"lire\s+la\s+suite|lire\s+plus|en\s+savoir\s+plus|suite|"
    r"leer\s+m[aá]s|seguir\s+leyendo|continuar\s+leyendo|ver\s+m[aá]s|"
    r"leggi\s+(?:tutto|di\s+pi[uù])|continua\s+a\s+leggere|"
    r"ler\s+mais|continuar\s+lendo|lees\s+meer|verder\s+lezen|"
    r"l[äa]s\s+mer|l[äa]s\s+hela(?:\s+\w+)?|les\s+mer|l[æa]s\s+mere|czytaj\s+(?:dalej|wi[ęe]cej)|lue\s+lis[äa][äa]|"
    r"devam[ıi]n[ıi]\s+oku|[čc][íi]st\s+d[áa]le|citi[țt]i\s+mai\s+mult|"
    # ja, zh, ko: "read on", "details here", "here", "see more"
    r"続きを読む|続きはこちら|詳しくはこちら|詳細はこちら|こちら|もっと見る|阅读全文|阅读更多|查看更多|더\s*보기|자세히\s*보기"
)
_ARROWS = r"[»›→>⟶➔\u2192\u00bb\u203a]"
_TRAIL = re.compile(
    rf"(?:\s*(?:\[\s*(?:…|\.\.\.|&hellip;|(?:{_READ_MORE_WORDS})[^\]]{{0,20}})\s*\]|\(\s*(?:more|mehr|plus)\s*…?\s*\)|…|\.{{2,}}|{_ARROWS}+|"
    rf"(?<![\w])(?:{_READ_MORE_WORDS})(?:\s*[:.]?\s*{_ARROWS}*)?))+\s*$",
    re.IGNORECASE,
)
# _TRAIL searches the last 80 characters from every position: costly, and most excerpts end in a plain
# sentence. A match ends in a bracket, an ellipsis, an arrow, ".." or one of the marker words, and each
# marker word holds one of these keys (case-folded): texts without any of them cannot match.
_TRAIL_END_CHARS = frozenset("])…»›→>⟶➔\u2192\u00bb\u203a")
_TRAIL_KEYS = (
    "read", "continu", "keep", "see", "show", "view", "more", "full", "click", "weiter", "mehr", "zum", "lire", "savoir",
    "suite", "leer", "seguir", "ver", "leggi", "ler", "lees", "läs", "las", "les", "læs", "czytaj", "lue", "devam",
    "dale", "dále", "mult", "続き", "詳し", "詳細", "こちら", "もっと", "阅读", "查看", "보기",
)


def _may_end_with_marker(t: str) -> bool:
    """False when `t` cannot end in a read-more marker (the cheap test before _TRAIL's search)."""
    last = t.rstrip()[-1:]
    if not last or last in _TRAIL_END_CHARS or t.rstrip().endswith(".."):
        return True
    tail = t[-80:].casefold()
    return any(key in tail for key in _TRAIL_KEYS)


_READ_MORE_ONLY = re.compile(rf"^\s*{_ARROWS}*\s*(?:{_READ_MORE_WORDS})\b.*$", re.IGNORECASE)
# "Continue reading “The post title” »", "Read more: The post title →", "Weiterlesen „Titel“ …": a marker that
# names the post, at the end of an excerpt or alone in a link
_QUOTES = "\"“”„«»‘’‚‹›'"
_MARKER_KEYS = ("read", "continu", "keep", "more", "weiter", "lire", "leer", "seguir", "leggi", "ler ", "lees", "läs",
                "las ", "les ", "læs", "czytaj", "lue ",
                "verder", "mehr", "zum", "learn", "view", "see", "show", "full", "en savoir", "suite", "ver ")
_MARKER_ENDS = frozenset(_QUOTES + "»›→>⟶➔…\u2192\u00bb\u203a")
_READ_MORE_TITLED = re.compile(
    rf"(?<![\w])(?P<w>{_READ_MORE_WORDS})(?:\s+(?:about|of|on|de|von|di|van))?\s*[:\-–—]?\s*"
    rf"(?:[{_QUOTES}][^\n]{{0,300}}?[{_QUOTES}]\s*(?:{_ARROWS}|…|\.\.\.)*|[^\n]{{0,300}}?\s*(?:{_ARROWS}|…)+)\s*$",
    re.IGNORECASE,
)


# scripts written without spaces between words (Chinese, Japanese kana and kanji, Thai, Lao, Khmer, Burmese):
# one character there carries about what a short word or two letters carry elsewhere
_DENSE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                    r"\uf900-\ufaff]")


def dense_chars(text: str) -> int:
    """How many characters of `text` belong to a script written without spaces."""
    return 0 if text.isascii() else len(_DENSE.findall(text))


def word_count(text: str) -> int:
    """Words as a reader counts them: spaced words, plus one for every two characters of an unspaced
    script ("委員長記者会見資料掲載" is a headline of several words, not one)."""
    return len(text.split()) + dense_chars(text) // 2


def text_width(text: str) -> int:
    """Length in Latin-letter terms: a character of an unspaced script counts twice."""
    return len(text) + dense_chars(text)


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
    if not t:
        return False
    if len(t) <= 60:
        return bool(_READ_MORE_ONLY.match(t))
    return len(t) <= 360 and bool((m := _READ_MORE_TITLED.match(t)) and _titled_marker(m))


def _strip_titled_marker(t: str) -> str:
    """Cut "Continue reading “The title” »" off the end. A marker naming the post ends with a quote, an arrow
    or an ellipsis and starts with a known word: only those places are tried (the pattern is costly)."""
    if not t or not (t[-1] in _MARKER_ENDS or t.endswith("...")):
        return t
    offset = max(0, len(t) - 360)
    tail = t[offset:].lower()
    starts: set[int] = set()
    for key in _MARKER_KEYS:
        i = tail.find(key)
        while i >= 0:
            starts.add(offset + i)
            i = tail.find(key, i + 1)
    for pos in sorted(starts):
        m = _READ_MORE_TITLED.match(t, pos)
        if m is not None and _titled_marker(m):
            return t[:pos].rstrip(" \t-–—|:")
    return t


def _titled_marker(m: re.Match[str]) -> bool:
    """A bare "more" before a quote is prose ('wants more "time"'): only real markers count."""
    return m.group("w").lower() not in ("more", "mehr", "suite")


def strip_read_more(text: str) -> str:
    """Remove trailing read-more markers: "[…]", "...", "Read more »", "Lire la suite"...

    A bare "more" is only removed after an ellipsis or when it is separated like a link
    ("... more"), never from the end of a sentence.
    """
    t = clean(text)
    t = _strip_titled_marker(t)
    while True:
        # markers sit at the end: search only the tail, the pattern is costly on long texts
        if not _may_end_with_marker(t):
            return t
        offset = max(0, len(t) - 80)
        m = _TRAIL.search(t, offset)
        if not m or m.start() == m.end():
            return t
        removed = t[m.start() :].strip().lower()
        if removed.rstrip(".") in ("more", "mehr", "suite") and not t[: m.start()].rstrip().endswith(("…", ".", "]")):
            return t  # "... is there more" stays as written
        t = t[: m.start()].rstrip(" \t-–—|:")
        if not t:
            return t


# words that mark a comment count, by language; "responses"/"replies" for Medium-like sites
COMMENT_WORDS = (
    r"comments?|comentarios?|commentaires?|kommentare?n?|kommentarer|commenti|commento|coment[aá]rios?|reacties?|reactie|"
    r"komentarz[ey]?|komentarzy|kommentti[a]?|kommentit|kommentteja|yorum(?:lar)?|"
    r"koment[aá][rř](?:e|ov|ů|ú)?|σχόλι[αο]|комментари(?:й|я|ев|и)|коментар(?:і|ів|я)?|comentari(?:i|u|ul)|"
    r"odpowied(?:zi|[źz])|ответ(?:а|ов|ы)?|відповід(?:ь|і|ей)|"
    r"hozzász[oó]l[aá]s(?:ok)?|"
    r"responses?|replies|reply|antworten|r[eé]ponses?|respuestas?|risposte|respostas?|reactions?|r[ée]actions?|"
    r"reaktion(?:en)?|discussions?|thoughts?|"
    r"コメント|评论|評論|留言|댓글|تعليقات|تعليق|תגובות|תגובה"
)
# a CJK counter may sit between the number and the word: 3件のコメント, 5条评论, 3개의 댓글; Chinese boards count
# replies (回复, 回覆, 回復) after the number only ("12 篇回复": Discuz!'s archiver), as "最后回复" names the last reply
_COUNT_BEFORE = re.compile(rf"(?<![\d.,])(\d+(?:[,.]\d{{3}})*)\s*(?:件の?|条|條|則|个|個|篇|개의?)?\s*"
                           rf"(?:{COMMENT_WORDS}|回复|回覆|回復)\b", re.IGNORECASE)
# "Comments: 14" is a count, "Comments: 14 pages" a field label with another value
_COUNT_AFTER = re.compile(rf"\b(?:{COMMENT_WORDS})\s*[:(\[]?\s*(\d+(?:[,.]\d{{3}})*)(?![\d.,:/])"
                          r"(?!\s*(?:pages?|figures?|figs?\.?|tables?|words?|mins?|minutes?|hours?|days?|kb|mb)\b)",
                          re.IGNORECASE)
# "Comments: 14 pages, 2 figures": a field labelled Comments whose value is no count
_LABELLED = re.compile(rf"^(?:{COMMENT_WORDS})\s*:\s*\S", re.IGNORECASE)
# "4 comments awaiting moderation" (an admin bar, a moderation queue): not the post's count
_MODERATION = re.compile(r"\b(?:awaiting\s+moderation|pending|unapproved|in\s+moderation|to\s+moderate|"
                         r"warten\s+auf\s+freischaltung|en\s+attente)\b", re.IGNORECASE)
_ONE = re.compile(rf"\b(?:one|a\s+single|ein|eine|un|une|uno|una|um|uma|één)\s+(?:{COMMENT_WORDS})\b", re.I)
_ZERO = re.compile(
    r"\b(?:no|zero|leave\s+a|add(?:\s+a)?|post\s+a|write(?:\s+a)?|be\s+the\s+first\s+to|keine|noch\s+keine|kein|"
    r"schreibe\s+einen|einen\s+kommentar\s+(?:hinterlassen|schreiben)|kommentieren|aucun|pas\s+de|laisser\s+un|"
    r"laissez\s+un|sin|ning[uú]n|deja\s+un|d[eé]janos|nessun|lascia\s+un|nenhum|sem|deixe\s+um|deixe\s+seu|geen|"
    r"brak|inga|ingen|ž[aá]dn[eéý]|zadne|žiadne|κανένα|καν[εέ]να|нет|немає|niciun|nici\s+un|nincs|ei|yok|"
    r"plaats\s+een)\b",
    re.IGNORECASE,
)
# "be the first to comment" in the words of a CMS's language pack (K2's "Commenta per primo!", "Sé el primero en
# comentar", "Soyez le premier à commenter", "Schreibe den ersten Kommentar"): the verb is no comment word, the
# invitation says there is none yet
_FIRST_TO_COMMENT = re.compile(
    r"\bcomment(?:a|ez|e)\s+(?:per\s+prim[oa]|(?:le|la|en)\s+premi(?:er|ère)|en\s+premier|primero)\b|"
    r"\b(?:s(?:ii|ia|iate)\s+(?:il|la)\s+prim[oa]\s+a\s+commentare|"
    r"s[ée](?:a|an)?\s+(?:el|la)\s+primer[oa]\s+en\s+comentar|"
    r"(?:soyez|sois)\s+(?:le|la)\s+premi(?:er|ère)\s+à\s+(?:commenter|réagir)|"
    r"schreib(?:e|en\s+sie)?\s+den\s+ersten\s+kommentar|sei\s+(?:der|die)\s+erste,?\s+(?:der|die)\s+kommentiert|"
    r"seja\s+(?:o|a)\s+primeir[oa]\s+a\s+comentar|"
    r"wees\s+de\s+eerste\s+(?:die\s+reageert|om\s+te\s+reageren)|reageer\s+als\s+eerste|"
    r"skomentuj\s+jako\s+pierwszy|bli\s+först\s+att\s+kommentera|"
    r"be\s+the\s+first\s+to\s+(?:comment|reply|respond))\b",
    re.IGNORECASE,
)
# "Two Comments", "Eleven responses", "Deux commentaires", "Drei Kommentare": small counts spelled out
_NUMBER_WORDS = {w: n for row in (
    "two three four five six seven eight nine ten eleven twelve",
    "deux trois quatre cinq six sept huit neuf dix onze douze",
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "due tre quattro cinque sei sette otto nove dieci undici dodici",
    "dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "dois três quatro cinco seis sete oito nove dez onze doze",
) for n, w in enumerate(row.split(), 2)}
_NUMBER_WORD = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)})\s+(?:{COMMENT_WORDS})\b", re.IGNORECASE)
_CLOSED = re.compile(
    r"\b(?:off|closed|disabled|geschlossen|deaktiviert|ferm[ée]s?|d[ée]sactiv[ée]s?|cerrados?|desactivados?|chiusi)\b",
    re.IGNORECASE,
)
_BUBBLE = re.compile("[\U0001F4AC\U0001F5E8\U0001F5E9]\ufe0f?\\s*(\\d+)")  # speech-balloon emoji + count
_BARE = re.compile(r"^[(\[]?\s*(\d[\d,.]*)\s*[)\]]?$")  # "14", "(14)", a board's "[14]"


def _int(raw: str) -> int | None:
    digits = re.sub(r"[,.\s]", "", raw)
    if not digits.isdigit():
        return None
    value = int(digits)
    return value if value < 1_000_000 else None


def parse_comment_count(text: str, *, bare: bool = False) -> tuple[bool, int | None]:
    """Read a comment count from a link or label text.

    Returns (found, count): "14 Comments" -> (True, 14); "Comments (3)" -> (True, 3);
    "No comments" / "Leave a comment" / an aggregator's bare "discuss" -> (True, 0); "Comments closed"
    -> (True, None);
    anything else -> (False, None). With `bare`, a lone number ("14", "(14)") counts too
    (the text of an element already known to be a comment count).
    """
    table = memo("comment_count")  # a listing page asks this of the same labels from several passes
    if table is not None:
        hit = table.get((text, bare))
        if hit is None:
            hit = table[(text, bare)] = _parse_comment_count(text, bare)
        return hit  # type: ignore[return-value]
    return _parse_comment_count(text, bare)


def _parse_comment_count(text: str, bare: bool) -> tuple[bool, int | None]:
    t = clean(text)
    if not t:
        return False, None
    found, count = _comment_count(t, bare)
    if found and _MODERATION.search(t):
        return False, None
    return found, count


_ANY_COMMENT_WORD = re.compile(COMMENT_WORDS, re.IGNORECASE)


def _comment_count(t: str, bare: bool) -> tuple[bool, int | None]:
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
    if _ANY_COMMENT_WORD.search(t):
        if _CLOSED.search(t):
            return True, None
        if _ZERO.search(t):
            return True, 0
        if _ONE.search(t):
            return True, 1
        if m := _NUMBER_WORD.search(t):
            return True, _NUMBER_WORDS[m.group(1).lower()]
        if bare and not _LABELLED.match(t):
            return True, 0  # a comment link with a verb and no number: "Comment", "Kommentieren"
    if _FIRST_TO_COMMENT.search(t):
        return True, 0
    if ("iscuss" in t or "ISCUSS" in t) and _DISCUSS.search(t):  # the substring first: most texts have none
        # discuss-is-zero: an aggregator shows "discuss" where the count goes while a story has no comment yet
        # (Hacker News and its clones): 0; it ends the search, so no other number (the points) is taken
        return True, 0
    return False, None


# "discuss" alone, or as the last item of a meta line ("8 points by ann 1 hour ago | hide | discuss", "posted by ann
# 3 days ago discuss")
_DISCUSS = re.compile(r"(?:^|[|·•]\s*|\bago\s+)discuss[\s|·•]*$", re.IGNORECASE)


_BY = re.compile(
    r"^\s*(?:posted\s+by|written\s+by|published\s+by|started\s+by|by|from|author\s*:|autor(?:in)?\s*:?|auteur\s*:?|"
    r"von|par|por|di|door|av|af|przez|escrito\s+por|publi[ée]\s+par|[ée]crit\s+par|geschrieben\s+von|"
    r"verfasst\s+von|skrevet\s+af|skrevet\s+av|skriven\s+av|napisane\s+przez|"
    # id/ms, tr, vi; th ("โดย", "เขียนโดย": by, written by), ar (بقلم, كتبه), fa (نویسنده:, توسط), he (מאת)
    r"oleh|ditulis\s+oleh|penulis\s*:|yazar\s*:|tác\s+giả\s*:|bởi)\s+|^\s*(?:เขียนโดย|โดย|بقلم|كتبه|نویسنده\s*:|توسط|מאת)\s*",
    re.IGNORECASE,
)


# a field label before the value: "Authors: Ann Lee, Bo Chen", "Autoren: ...", "Auteurs : ..."
_FIELD_LABEL = re.compile(r"^\s*(?:authors?|autor(?:en|innen|es)?|auteurs?|autori|auteur\(s\)|author\(s\)|"
                          r"written\s+by|posted\s+by|by|hosts?|presenters?|"
                          # ru, uk, bg, be, el: "Автор: Анна Петрова", "Текст: ...", "Συντάκτης: ..."
                          r"автор(?:ы|и)?|аўтар|текст|συντάκτης|συγγραφέας)\s*:\s*", re.IGNORECASE)


# a fediverse account's handle after its display name
_HANDLE_AFTER_NAME = re.compile(r"(?<=\S)\s+@[\w.-]+(?:@[\w.-]+)?$")


def clean_author(text: str | None) -> str | None:
    """'By Dana Morrow' -> 'Dana Morrow'; '' -> None."""
    t = clean(text)
    if not t:
        return None
    t = _FIELD_LABEL.sub("", t)
    t = _HANDLE_AFTER_NAME.sub("", t)  # display-name-before-handle: "Ann Lee @ann@social.example" is Ann Lee
    t = _BY.sub("", t).strip(" ,;:|·•-–—")
    t = re.sub(r"^(?:by|von|par|por)\s+", "", t, flags=re.IGNORECASE)
    if not t or len(t) > 80:
        return None
    return t


def trie_pattern(words: Iterable[str]) -> str:
    """One alternation as a prefix tree ("ju(?:l(?:y|i|...)|n...)"): re tries hundreds of names in one pass."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return ("(?:" + body + ")?") if len(alts) == 1 and len(alts[0]) > 1 else body + "?"
        return body

    return build(trie)


_TITLE_WORDS = 12


def title_from_text(text: str) -> str:
    """The first sentence of an entry's text, at most a dozen words (cut at a word, with '…')."""
    text = " ".join(text.split())
    if not text:
        return ""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    words = first.split()
    return first if len(words) <= _TITLE_WORDS else " ".join(words[:_TITLE_WORDS]).rstrip(",;:") + "…"
