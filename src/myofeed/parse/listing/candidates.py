"""Title candidates: the headings, links and title-classed elements that may be a post's title, grouped by
their tag path (`signature`). Links that are no title (tags, pages, comments, a document's "PDF (210 KB)")
are left out here; short links wait apart, to join a list of the same shape.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import islice

from ..memo import memo
from ..text import parse_comment_count, text_width, word_count
from .cardtext import _AUTHOR_COLUMN, column_cell, column_label, profile_href
from .dom import HEADINGS, Element, text_of
from .hrefs import NOT_POST_HREF
from .regions import is_hidden
from .untitled import name_heading, post_permalink
from .viewrows import view_label, view_row_title

__all__ = ["Groups", "PER_POST", "commit_link", "file_label", "group_candidates", "in_other_column", "in_title_column", "not_a_title_link", "signature",
           "title_text"]



# per-post class names ("post-611", "tag-ibm", "has-post-thumbnail") differ between cards of one list;
# hashed CSS-module names ("xX0c1") do not, so only these are left out of a card's signature
PER_POST = re.compile(r"(?:^|[-_])\d+$|^[a-z]+\d{2,}$|^(tag|category|format|status|author|sticky|has|post-format|wp-embed|pid)-|^sticky$")


_SEMANTIC = re.compile(r"\b(h-entry|hentry|post|entry|article|card|story|teaser)\b")


_POST_TYPES = re.compile(r"(BlogPosting|Article|NewsArticle|CreativeWork|Posting|Report)$")


_BAD_HREF = re.compile(r"/(tag|tags|category|categories|author|label|search|page)/|[?&](page|p)=\d|^#|/feed/?$", re.I)
# sort-link: a column header's link that sorts the table ("Replies", "Last Post")
_SORT_HREF = re.compile(r"[?&;](?:sort|sortby|sort_by|orderby|order_by)=|[?&;]order=(?:asc|desc)\b", re.I)


# small elements whose class names a title ("card-title", hashed "Card_title__x1") are candidates too
_TITLED_TAGS = ("div", "span", "p", "strong", "b")


def _candidates(root: Element) -> list[Element]:
    """Headings, links outside headings, and title-classed elements outside headings (C-level queries)."""
    headings = list(root.iter("h1", "h2", "h3", "h4", "h5", "h6"))  # iter, not an XPath union: linear
    inside: set[Element] = set()
    for h in headings:
        inside.update(h.iter())
    out = list(headings)
    out.extend(a for a in root.iter("a") if a.get("href") is not None and a not in inside)
    for e in root.iter(*_TITLED_TAGS):
        cls = e.get("class")
        if cls and ("itle" in cls or "eadline" in cls) and len(e) <= 3 and e not in inside and not _in_heading(e):
            out.append(e)
    return out


def _in_heading(el: Element) -> bool:
    node = el.getparent()
    for _ in range(4):
        if node is None:
            return False
        if node.tag in HEADINGS:
            return True
        node = node.getparent()
    return False


def signature(el: Element, paths: dict[Element, tuple[str, ...]]) -> tuple[str, ...]:
    """The element's own classes (minus per-post ones such as 'post-123') and its tag path up to <body>."""
    cls = " ".join(sorted(t for t in (el.get("class") or "").split() if not PER_POST.search(t)))
    return (cls, el.tag, *_path(el.getparent(), paths))


def _path(node: Element | None, paths: dict[Element, tuple[str, ...]]) -> tuple[str, ...]:
    if node is None or node.tag == "body":
        return ()
    hit = paths.get(node)
    if hit is None:
        hit = paths[node] = (node.tag, *_path(node.getparent(), paths))
    return hit


def title_text(el: Element) -> str:
    return text_of(el)


Groups = dict[tuple[str, ...], list[Element]]


def group_candidates(body: Element, paths: dict[Element, tuple[str, ...]]) -> tuple[Groups, list[Element]]:
    """Title candidates grouped by signature; links whose only fault is a short text ("VS Code",
    "Academic") are kept apart, to join a list of the same shape."""
    groups: Groups = defaultdict(list)
    short: list[Element] = []
    subtitles = subtitle_links(body)
    for el in _candidates(body):
        if is_hidden(el) or el in subtitles:
            continue
        if el in subtitles.values():  # a title over its subtitle link is a title however short ("Letters")
            groups[signature(el, paths)].append(el)
            continue
        text = title_text(el)
        wraps_card = el.tag == "a" and _has_block(el)  # a link around a whole card: title, excerpt, date
        # cjk-short-title: the minimum counts by script, a Chinese or Japanese character as two letters: "春天"
        # (spring) is a headline as "Snow" is
        if not ((2 if el.tag == "a" else 4) <= (len(text) if len(text) >= 4 else text_width(text))
                and len(text) <= (1500 if wraps_card else 300)):
            if el.tag == "a" and text and view_label(text) and (cell := view_row_title(el)) is not None:
                groups[signature(cell, paths)].append(cell)  # view-link-row: a row's "»" stands for its title text
            continue
        if el.tag == "a" and (text_width(text) < 12 or word_count(text) < 2) and not in_title_column(el):
            if post_permalink(el, text):  # untitled-post: a status's "1h" or "permalink" may stand for it (scoring.py decides)
                groups[signature(el, paths)].append(el)
            elif view_label(text) and (cell := view_row_title(el)) is not None:
                groups[signature(cell, paths)].append(cell)  # view-link-row: the row's title text stands for it
            else:
                short.append(el)  # shape and href checked only if a list of title links wins
            continue
        if el.tag == "a" and (not_a_title_link(el, text) or in_other_column(el)):
            continue
        if el.tag in HEADINGS and el.get("class") and name_heading(el):
            continue  # a status's display name in an <h4 class="status-username">
        if el.tag == "a" and el.get("class") and file_label(text):
            # file-link-shape: a document's link classed as such ("a.file", "pdf-link") keeps its row's shape, so
            # a press table's rows with a linked title and those with a title and a document link are one list
            groups[("", "a", *_path(el.getparent(), paths))].append(el)
            continue
        groups[signature(el, paths)].append(el)
    for sig, members in groups.items():
        groups[sig] = _without_profile_links(_without_file_links(members))
    return groups, short


_LABEL_CLS = re.compile(r"kicker|eyebrow|overline|categor|rubric|section|label|tag|badge", re.I)


def subtitle_links(body: Element) -> dict[Element, Element]:
    """subtitle-link: a link right after the post's title link, to the same address, with a text twice as long and
    of six words or more, is the post's subtitle (a Substack archive: "Letters", then "Your questions about
    infusions, fatigue and going back to work, answered"), never a title: its group had won over the short titles.
    Not after a kicker or category label linked to the post (the headline follows it). Maps each subtitle link to
    its title link."""
    out: dict[Element, Element] = {}
    prev: Element | None = None
    prev_text = ""
    for a in body.iter("a"):
        href = a.get("href")
        text = text_of(a) if href else ""
        if not text:
            continue
        if (prev is not None and href == prev.get("href") and len(text) >= 2 * len(prev_text)
                and word_count(text) >= 6 and not _LABEL_CLS.search(prev.get("class") or "")):
            out[a] = prev
            continue  # the title stays the link before the next one
        prev, prev_text = a, text
    return out


def _without_profile_links(members: list[Element]) -> list[Element]:
    """profile-link-beside-title: a link to a person's profile page (/user/ann-lee, memberlist.php?...u=5)
    sharing its row with a title link of the same shape is the row's author, not a post. A Drupal Views
    table whose cells carry no classes gives the title and the Author column's links one signature: each
    such row split in two cards, the name a "post" and the title without author, date or count."""
    profiles = [m for m in members if m.tag == "a" and profile_href(m.get("href") or "")]
    if not profiles or len(profiles) == len(members):
        return members
    rows: set[Element] = set()
    for m in members:
        if m.tag != "a" or not profile_href(m.get("href") or ""):
            rows.update(islice(m.iterancestors(), 3))
    drop = {p for p in profiles if any(a in rows for a in islice(p.iterancestors(), 3))}
    return [m for m in members if m not in drop] if drop else members


# an archive table's "Title" column header: a link under it is a post's title however short ("Splints")
_TITLE_COLUMN = re.compile(r"^(?:titles?|titel|titre|t[íi]tulo|titolo|tytu[łl]|topics?|subject|thema|sujet|asunto|"
                           r"argomento|temat|onderwerp|件名|タイトル|题目|标题|標題|主题|主題|제목|"
                           # ru, uk, bg: a board's "Тема" / "Темы", a list's "Заголовок", "Назва"
                           r"тема|темы|теми|заголовок|назва|заглавие)$", re.I)


# a forum index's columns whose links are no topics: the sub-forums of a container table ("Forum"), and the
# last reply's topic and poster ("Last post", "Last reply", "Latest", "Letzter Beitrag", "Dernier message")
_FORUM_COLUMN = re.compile(r"^(?:forums?|sub-?forums?|boards?|foren|foros?|fori|forum\s+name)$", re.I)
_LAST_COLUMN = re.compile(r"^(?:last\s+(?:post|reply|comment|activity|message)s?|latest(?:\s+(?:post|reply|activity))?|"
                           r"recent\s+activity|most\s+recent|freshness|letzte[rs]?\s+(?:beitrag|antwort)|"
                           r"dernier\s+(?:message|msg\.?|post)|derni[èe]re\s+r[ée]ponse|[úu]ltimo\s+(?:mensaje|post|mensagem)|"
                           r"[úu]ltima\s+respuesta|ultimo\s+(?:messaggio|post)|laatste\s+bericht|ostatni\s+post|"
                           r"последнее\s+сообщение|最終投稿|最后发表|最後發表|최근\s*글)$", re.I)


# a press table's department or category column ("Department", "Abteilung", "Rubrik"): a link there files the
# row under a unit or topic, it is no title (category-column-link)
_CATEGORY_COLUMN = re.compile(r"^(?:departments?|dept\.?|division|units?|sections?|categor(?:y|ies)|kategorie|"
                              r"abteilung|bereich|rubri[kc]|rubrique|service|servicio|departamento|categor[íi]a|"
                              r"reparto|dipartimento|afdeling|dział|kategoria|部署|部门|部門|分类|分類|カテゴリ|분류|부서)$", re.I)


def in_other_column(a: Element) -> bool:
    """forum-index-columns: a link in a table cell under a "Forum" column (a container row linking a
    sub-forum) or a "Last post" / "Last reply" column (the latest reply's topic and poster) is no topic of
    the list; the topic rows below keep their own title cells. author-column-link: a link under an
    "Author" column ("Автор", "Verfasser", 作者) is the row's writer, whatever its address looks like (a
    board's member links, index.php?showuser=12, had stood for the topics: 100 "posts" for 53 rows).
    category-column-link: a link under a "Department" or "Category" column files the row, it is no post."""
    cell = _cell_of(a)
    if cell is None or (row := cell.getparent()) is None:
        return False
    label = column_label(row, cell)  # the header row is found once for the four kinds of column
    return label is not None and any(col.match(label) for col in (_FORUM_COLUMN, _LAST_COLUMN, _AUTHOR_COLUMN,
                                                                  _CATEGORY_COLUMN))


def _cell_of(a: Element) -> Element | None:
    cell = a.getparent()
    for _ in range(3):
        if cell is None or cell.tag in ("td", "th"):
            break
        cell = cell.getparent()
    return cell if cell is not None and cell.tag in ("td", "th") else None


_THREAD_COLUMN = re.compile(r"^(?:threads?|discussions?|posts?|beitr[äa]ge?|th[èe]mes?|hilos?|discussioni)$", re.I)


def title_column_label(row: Element, cell: Element) -> bool:
    """The cell sits under a "Title", "Subject" or "Thread" column header (view-link-row)."""
    label = column_label(row, cell)
    return label is not None and bool(_TITLE_COLUMN.match(label) or _THREAD_COLUMN.match(label))


def in_title_column(a: Element) -> bool:
    """A short link in a table cell under a "Title" (Titel, Sujet, 件名) column header: a Drupal Views or
    forum archive whose posts have one-word titles has no longer link to stand for its rows."""
    cell = a.getparent()
    for _ in range(2):
        if cell is None or cell.tag in ("td", "th"):
            break
        cell = cell.getparent()
    if cell is None or cell.tag not in ("td", "th") or (row := cell.getparent()) is None:
        return False
    # the cell's first link only: Discourse's "Topic" cell holds its title link, then category and tag
    # badges, short links that must not stand for the rows
    if next((x for x in cell.iter("a") if text_of(x)), None) is not a:
        return False
    return column_cell(row, _TITLE_COLUMN) is cell


_FILE_TYPE = r"pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|zip|rar|epub|csv|txt|mp3|mp4"
_FILE_WORD = re.compile(rf"\b(?:{_FILE_TYPE})\b|\d+(?:[.,]\d+)?\s*(?:[kmg]i?b|[kmg]o|bytes?)\b", re.I)
_FILE_REST = re.compile(
    rf"\b(?:{_FILE_TYPE}|descargar|descarga|download|bajar|ver|view|open|abrir|documento?|file|archivo|fichero|"
    r"t[ée]l[ée]charger|herunterladen|scarica|baixar|format|formato)\b|\d+(?:[.,]\d+)?\s*(?:[kmg]i?b|[kmg]o|bytes?)\b"
    r"|[\s()\[\],.:;|/–—-]+", re.I)


def file_label(text: str) -> bool:
    """A link text that only names a file: "PDF (210 KB)", "Descargar PDF", "Download (DOCX, 1 MB)"; a
    document link's label, never a post's title."""
    return len(text) <= 40 and bool(_FILE_WORD.search(text)) and not _FILE_REST.sub("", text).strip()


def _without_file_links(members: list[Element]) -> list[Element]:
    """A table row (or list item) holding a title link and a document link of the same shape keeps the
    title link: one candidate per row."""
    if not any(m.tag == "a" and file_label(title_text(m)) for m in members):
        return members  # the usual group: no document link, no row to look at
    rows: dict[Element, list[Element]] = defaultdict(list)
    for m in members:
        row = next(m.iterancestors("tr", "li"), None)
        if row is not None:
            rows[row].append(m)
    drop = {m for same in rows.values() if len(same) > 1 for m in same
            if m.tag == "a" and file_label(title_text(m)) and any(not file_label(title_text(o)) for o in same)}
    return [m for m in members if m not in drop] if drop else members


def not_a_title_link(a: Element, text: str) -> bool:
    """A tag, page, search, comment or share link, or a comment count: never a post's title (a link that is
    only a date, such as an aggregator's "15 hours ago", scores nothing as a title: scoring.py)."""
    href = a.get("href") or ""
    return bool(_not_a_post_href(href, text) or (len(text) < 40 and parse_comment_count(text)[0])
                or (len(text) <= 50 and section_more_link(text))
                or (len(text) <= 30 and _REACTION_COUNT.match(text) is not None))


def _not_a_post_href(href: str, text: str) -> bool:
    """A tag, page, search, comment, share, sort or commit address. The address half is asked once per
    address a parse (memo.py), since a card links its post from its picture, its title and its read-more
    alike; the text half, post-id-link, per link."""
    table = memo("not_a_post_href")
    hit: tuple[re.Match[str] | None, bool] | None = table.get(href) if table is not None else None  # type: ignore[assignment]
    if hit is None:
        hit = (_BAD_HREF.search(href),
               bool(NOT_POST_HREF.search(href)
                    or (("sort" in (low := href.lower()) or "order" in low) and _SORT_HREF.search(href))
                    or commit_link(href)))
        if table is not None:
            table[href] = hit
    bad, rest = hit
    return (bad is not None and not _post_id_link(bad, text)) or rest


# a pager link's own words: "Next", "Older posts", "Page 2", "More", "2", "»"
_PAGER_TEXT = re.compile(r"\b(?:next|older|newer|previous|prev|more|page|pages|weiter|suivante?|siguiente|successiv[ao])\b"
                         r"|^[\W\d]*$", re.I)


def _post_id_link(bad: re.Match[str], text: str) -> bool:
    """post-id-link: WordPress's plain permalink names a post by its id, "/?p=8006" (a mirror saves it as
    "index.html?p=8006.html"): a link of a title's words there ("Kelp" too) is a post, not a pager's "?p=2"."""
    return bad.group(2) == "p" and any(ch.isalpha() for ch in text) and not _PAGER_TEXT.search(text)


# reaction-count-link: "17 favorites", "63 faves", "12 points", "34 notes": a count of readers' marks linking to
# who made them, never a title (a community weblog's favorites links had stood for its posts)
_REACTION_COUNT = re.compile(r"^\s*[(\[]?\s*\d[\d,.]*\s*[kK]?\s*(?:favou?rites?|faves?|likes?|points?|votes?|upvotes?|"
                             r"notes?|shares?|views?|reads?|stars?|kudos|bookmarks?|hearts?|claps?|reblogs?)\s*[)\]]?\s*$",
                             re.I)


# a source-control host's commit page: GitHub, Gitea, GitLab (/-/commit/HEX), Bitbucket (/commits/HEX), cgit
# (commit/?id=HEX), gitweb (;a=commit;h=HEX), Mercurial (/rev/HEX), Trac (/changeset/HEX), Pagure (/c/HEX)
_COMMIT_HREF = re.compile(r"/commits?/[0-9a-f]{7,40}(?![\w-])|[?&;](?:id|h)=[0-9a-f]{7,40}(?![\w-])|"
                          r"/(?:rev|changesets?|c)/[0-9a-f]{7,40}(?![\w-])", re.I)
_COMMIT_KEYS = ("commit", "/rev/", "changeset", "/c/")


def commit_link(href: str) -> bool:
    """commit-link: a link to one commit of a repository (hex hash in its address) is a change, never a
    post: a project's home page lists its latest commits ("dev-lang/rustc: add 1.91.1") beside its blog
    posts, and the commits had joined them as one more list."""
    low = href.lower()
    return any(k in low for k in _COMMIT_KEYS) and _COMMIT_HREF.search(href) is not None


# section-more-link: a portal section's way to its own page ("More campus news ›", "All research stories ›",
# "See all", "Alle Meldungen »"): the words that open it, an arrow or a plural list word closing it
_MORE_OPEN = (r"(?:more|all|see\s+all|view\s+all|browse(?:\s+all)?|read\s+all|alle|weitere|mehr|tous\s+les|toutes\s+les|"
              r"plus\s+de|todas?\s+las?|todos\s+los|m[aá]s|tutt[ie]\s+l[ei])")
_MORE_LIST = (r"(?:news|stories|posts|articles|updates|items|entries|releases|events|opinion|features|"
              r"meldungen|nachrichten|beitr[aä]ge|artikel|actualit[eé]s|articles|noticias|art[ií]culos|notizie)")
_SECTION_MORE = re.compile(rf"^\s*{_MORE_OPEN}\b[^.!?:]{{0,40}}?\s*[›»→>]+\s*$|"
                           rf"^\s*{_MORE_OPEN}(?:\s+[\w-]+){{0,2}}\s+{_MORE_LIST}\s*(?:\.\.\.|…|[›»→>]+)?\s*$", re.I)


def section_more_link(text: str) -> bool:
    return bool(_SECTION_MORE.match(text))



def _has_block(a: Element) -> bool:
    """A block (div, p, heading, li) inside the link: the first one found by lxml's C-level tag filter (an
    XPath query built its evaluation context on every link)."""
    return next(a.iterdescendants(*_BLOCKS), None) is not None


_BLOCKS = ("div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li")
