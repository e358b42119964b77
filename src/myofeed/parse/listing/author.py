"""The author inside one card, by named rules: schema.org markup and microformats first, then class,
link and icon hints, then text patterns ("By Ann Lee", a name in the "date · 5 min · name" meta line)
in the card's meta text."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from ..dates import find_dates
from ..text import clean, clean_author, parse_comment_count
from .bylines import (
    author_label_element,
    host_slot,
    name_before_at_time,
    name_before_guillemet,
    name_before_reblogged,
    name_before_wrote_in,
    profile_onclick,
    with_name_line,
)
from .cardtext import (
    _AUTHOR_COLUMN,
    _AUTHOR_WORDS,
    _BY_NAME,
    _BY_NAME_UNCASED,
    _COMMENT_WORD,
    _EMOJI_AUTHOR,
    _ICON_USER,
    _NAME_LIKE,
    _READING_TIME,
    _classes,
    _has_word,
    _holding,
    _icon_hint,
    _icon_root,
    column_cell,
    meta_line_items,
    name_text,
    profile_href,
)
from .classnames import attr_text, has_class, tokens
from .dom import HEADINGS, Element, text_of
from .hrefs import absolute_url
from .linenames import name_after_subject, name_in_cell, name_without_date, sender_label
from .person import (
    AUTHOR_PROPS,
    LABEL_CLS,
    LABEL_HREF,
    NAME_CLS,
    NAME_PROPS,
    PILL,
    UI_WORDS,
    author_from_element,
    coauthors,
    inside_word,
    is_avatar,
    name_beside,
    states,
    type_label,
)
from .posterlines import poster_line_name
from .regions import style_hidden
from .rules import Found, Rule, rule

__all__ = ["AUTHOR_RULES"]


def _schema_value(el: Element) -> str | None:
    """The name a schema.org author item states: its name property, its content, or its own text."""
    name_el = next((e for e in el.iter() if e is not el and states(e, NAME_PROPS)), None)
    if name_el is not None:
        return _shown_over_username(name_el)
    value = (attr_text(el, "content") if el.get("itemprop") else None) or name_text(el)
    if len(value) > 80 or find_dates(value, relative=False):
        return None  # RDFa on a "Submitted by Ann on <date>" line: the name is read by a later rule
    return value


def _shown_over_username(el: Element) -> str:
    """shown-name-over-username: a name element whose `content` is the account's username while it shows the
    display name (Drupal's RDFa: `<a href="/user/fmacleod" property="schema:name" content="fmacleod">Fiona
    MacLeod</a>`) names the writer as shown. The content is a username when it is the last part of the
    element's profile address, or one word where the shown name has several."""
    content, shown = attr_text(el, "content"), text_of(el)
    if not content or not shown or content == shown:
        return content or shown
    slugs = {(el.get(a) or "").rstrip("/").rsplit("/", 1)[-1].casefold() for a in ("href", "about", "resource")}
    if " " not in content.strip() and (content.strip().casefold() in slugs or " " in shown):
        return shown
    return content


@rule("schema-author")
def schema_author(v) -> Found[str] | None:
    """itemprop/property=author (or creator): a Person's name, never the whole box's text; co-authors each
    marked up (Docusaurus: one itemprop=author box per writer) are joined as "Ann Lee, Bo Chen"."""
    names: list[str] = []
    first: Element | None = None
    for el in v.authors:
        if el not in v.skip and states(el, AUTHOR_PROPS) and (value := _schema_value(el)):
            if (a := clean_author(value)) is not None and a not in names:
                names.append(a)
                first = el if first is None else first
    return Found(", ".join(names), first, machine=True) if names else None


@rule("microformat-author")
def microformat_author(v) -> Found[str] | None:
    """p-author, or an h-card inside an *author* box: its p-name."""
    for el in v.authors:
        cls = _classes(el)
        if el in v.skip or not (has_class(cls, "p-author") or has_class(cls, "h-card") and inside_word(el, "author")):
            continue
        name = next((e for e in el.iter() if has_class(_classes(e), "p-name")), None)
        if (a := clean_author(text_of(name) if name is not None else name_text(el))) is not None:
            return Found(coauthors(el, a), el)
    return None


def _name_class(el: Element, cls: str) -> bool:
    if "name" not in cls and "fn" not in cls and "nick" not in cls:
        return False  # every class below says name, fn or nick: most elements stop here
    return bool("author-name" in cls or "author__name" in cls or (NAME_CLS.search(cls) and len(el) <= 2)
                or {"fn", "authorname"} & set(tokens(el)))


# "投稿者：佐藤 美咲", "作成者: 事務局", "作者：王丽华", "文/陈志远", "記者 / 林": a Japanese or Chinese writer label, a
# colon (full-width or ASCII) or slash, then the name up to a date, a separator or the next "label："
_CJK_AUTHOR_LABEL = re.compile(
    r"(?:^|[\s|·•,、。（(【\[])(?:投稿者|作成者|執筆者|作者|筆者|著者|撰文|撰稿|执笔|執筆|记者|記者|发布者|發佈者|發布者|"
    r"发布人|發佈人|작성자|글쓴이|필자|기자|文)\s*[:：/／]\s*"
    r"([^\s\d|·•,、。:：/／()（）【】\[\]][^\d|·•,、。:：/／()（）【】\[\]]{0,30}?)"
    r"\s*(?=$|[|·•,、。(（【\[]|\d|\s+[^\s:：]+[:：])")

_CJK_LABEL_MARK = re.compile(r"(?:投稿者|作成者|執筆者|作者|筆者|著者|撰文|撰稿|执笔|執筆|记者|記者|发布者|發佈者|發布者|发布人|"
                             r"發佈人|작성자|글쓴이|필자|기자|文)\s*[:：/／]")


@rule("cjk-author-label")
def cjk_author_label(v) -> Found[str] | None:
    """A Japanese or Chinese card's writer label: "投稿者：NAME", "作成者: NAME", "作者：NAME", "文/NAME". Before
    the class rules, which would keep the label in the name (span.author holding "投稿者：佐藤 美咲")."""
    # the card's whole text (cached) rules most cards out before its meta text is built
    if not any(_CJK_LABEL_MARK.search(text_of(r)) for r in v.roots):
        return None
    m = _CJK_AUTHOR_LABEL.search(v.meta_text())
    return Found(a) if m and len(m.group(1).split()) <= 3 and (a := clean_author(m.group(1))) else None


@rule("author-name-class")
def author_name_class(v) -> Found[str] | None:
    """An element classed as the writer's name: fn, author-name, user-name."""
    for el in v.authors:
        cls = _classes(el)
        if el in v.skip or not cls.strip() or not _name_class(el, cls) or style_hidden(el):
            continue
        if (a := clean_author(text_of(el))) is not None and len(a) <= 60 and not _date_text(a, v.ctx.now):
            return Found(coauthors(el, a), el)
    return None


_DAY_WORD = re.compile(r"\b(?:today|yesterday|just\s+now|heute|gestern|aujourd|hier|hoy|ayer|oggi|ieri)\b|[昨今]|어제|오늘",
                       re.I)


def _date_text(text: str, now: datetime) -> bool:
    """A date in any form, "Nov 24" and "3 days ago" too (hashed class names may spell fn on a date's box:
    `date-in-name-class`)."""
    if not any(ch.isdigit() for ch in text) and not _DAY_WORD.search(text):
        return False  # a name: no number, no "yesterday" (most texts stop here, before any date parsing)
    if find_dates(text, relative=False):
        return True
    found = find_dates(text, now=now)
    return bool(found) and sum(d.end - d.start for d in found) * 10 >= len(text) * 7


@rule("rel-author-link")
def rel_author_link(v) -> Found[str] | None:
    """<a rel="author">, when a reader can see it (a hidden one is for machines; a visible byline wins)."""
    for el in v.authors:
        if el.tag == "a" and "author" in (el.get("rel") or "") and el not in v.skip and not style_hidden(el):
            if (a := clean_author(text_of(el))) is not None:
                return Found(coauthors(el, a), el)
    return None


@rule("profile-link")
def profile_link(v) -> Found[str] | None:
    """A link to the writer's profile page: /author/ann, /u/ann, /@ann, /members/ann."""
    for el in v.authors:
        if el.tag != "a" or el in v.skip or not profile_href(el.get("href") or "") or style_hidden(el):
            continue
        text = text_of(el) or _portrait_alt(el)
        if text and len(text) <= 60 and not _COMMENT_WORD.search(text) and (a := clean_author(text)):
            return Found(coauthors(el, a), el)
    return None


def _portrait_alt(a: Element) -> str:
    """A profile link holding only the writer's portrait names them in the picture's alt text."""
    img = next(a.iter("img"), None)
    alt = clean(img.get("alt") or "") if img is not None else ""
    return "" if _PICTURE_WORD.search(alt) else alt  # "Writer's picture" names nobody


_PICTURE_WORD = re.compile(r"picture|photo|avatar|image|profile|portrait|icon|logo|bild|foto|imagen|\.(?:png|jpe?g)", re.I)


@rule("byline-class")
def byline_class(v) -> Found[str] | None:
    """An element classed author/byline/writer: its name, or the name after "By"; the innermost such element
    (a div.byline holding span.author, a time and a comment count names the writer in the span)."""
    for el in v.authors:
        if el in v.skip or not _has_word(el, _AUTHOR_WORDS) or style_hidden(el) or _holds_author(el):
            continue
        if a := author_from_element(el):
            return Found(coauthors(el, a) if a == text_of(el) else a, el)
    return None


def _holds_author(el: Element) -> bool:
    return any(isinstance(d.tag, str) and _has_word(d, _AUTHOR_WORDS) and text_of(d) for d in el.iterdescendants())


def _text_after(el: Element, skip: set[Element]) -> str:
    """The name after a person icon: its tail, else its next element's text, never the post's title, excerpt
    or text (an h-card holding only a photo, right before the headline or a note's paragraph, names nobody)."""
    text = clean(el.tail or "")
    if not text and (nxt := el.getnext()) is not None and nxt not in skip and nxt.tag not in HEADINGS \
            and nxt.find(".//p") is None:
        text = text_of(nxt)
    return text


@rule("user-icon-name")
def user_icon_name(v) -> Found[str] | None:
    """A person icon followed by a name: <i class="fa fa-user"></i> <span>Ann Lee</span>."""
    for el in v.icons:
        hint = _icon_hint(el)
        if not hint or text_of(el) or not _ICON_USER.search(hint):
            continue
        text = _text_after(_icon_root(el), v.skip)
        if text and (a := clean_author(text)) and not find_dates(a, relative=False):
            return Found(a, el)
    return None


# a thread list's avatars: "ann_k - Original Poster", "bo_chen - Most Recent Poster"
_ORIGINAL_POSTER = re.compile(r"^\s*(\S.{0,40}?)\s*[-–—:,]\s*(?:original\s+poster|thread\s+starter|topic\s+starter)\b",
                              re.I)


@rule("original-poster")
def original_poster(v) -> Found[str] | None:
    """A forum thread's avatars labelled "ann_k - Original Poster" and "bo_chen - Most Recent Poster": the
    thread's writer is the original poster, never the last one to reply."""
    for el in (*v.icons, *v.authors):
        label = el.get("title") or el.get("aria-label") or ""
        if label and (m := _ORIGINAL_POSTER.match(label)) and (a := clean_author(m.group(1))):
            return Found(a, el)
    return None


@rule("avatar-name")
def avatar_name(v) -> Found[str] | None:
    """An avatar picture with the writer's name beside it (Wix, Medium, Substack)."""
    for el in v.icons:
        if el.tag == "img" and el not in v.skip and is_avatar(el) and (a := name_beside(el, v.skip)):
            return Found(a, el)
    return None


# "林遥 发布于 2020-01-25 15:05", "name posted @ 2020-01-25": the posted-word right after the writer's link
_POSTED_AFTER = re.compile(r"^\s*(?:发布于|發佈於|發布於|发表于|發表於|posted\s*@)", re.I)
# "ann-k started <time>3 days ago</time>" (GitHub Discussions, issue trackers): a verb, then the time
_STARTED_AT = re.compile(r"^\s*(?:started|opened|asked|posted|wrote|created)\s*(?:on\s*)?$", re.I)


@rule("link-before-posted-word")
def link_before_posted_word(v) -> Found[str] | None:
    """Chinese blog hubs: <a href="/name/">name</a> 发布于 2020-01-25 15:05 (發佈於, posted @): the link right
    before the posted-word is the writer; so is "<a>ann-k</a> started <time>" (a discussion list)."""
    for el in v.links:
        if el.tag != "a" or el in v.skip or not el.tail:
            continue
        nxt = el.getnext()
        if not (_POSTED_AFTER.match(el.tail) or (_STARTED_AT.match(el.tail) and nxt is not None and nxt.tag == "time")):
            continue
        text = text_of(el)
        if text and len(text) <= 60 and not find_dates(text, relative=False) and (a := clean_author(text)):
            return Found(a, el)
    return None


@rule("by-line-in-meta")
def by_line_in_meta(v) -> Found[str] | None:
    """'By Ann Lee', 'Posted by Ann Lee', 'von Ann Lee' in the card's meta text."""
    m = _BY_NAME.search(v.meta_text())
    return Found(a) if m and (a := clean_author(m.group(1))) else None


# "posted @ 2024-03-05 10:12 林遥 阅读(128) 评论(3)": the posted-word, the time, then the writer
_POSTED_AT = re.compile(r"(?:^|\s)posted\s*@\s*", re.I)
# the words after the writer's name in such a footer: counts and the owner's edit link
_AFTER_NAME = re.compile(r"[\d(（]|^(?:阅读|閱讀|评论|評論|编辑|編輯|views?|comments?|edit)$", re.I)


@rule("name-after-posted-at")
def name_after_posted_at(v) -> Found[str] | None:
    """'posted @ 2024-03-05 10:12 林遥 阅读(128)': a blog footer that names the writer after the time."""
    text = v.meta_text()
    m = _POSTED_AT.search(text)
    if m is None:
        return None
    rest = text[m.end():]
    found = find_dates(rest, now=v.ctx.now, relative=False)
    if not found or found[0].start > 1:
        return None
    words: list[str] = []
    for word in rest[found[0].end:].split():
        if _AFTER_NAME.search(word) or len(words) == 3:
            break
        words.append(word)
    return Found(a) if words and (a := clean_author(" ".join(words))) else None


# "posted by mkline on 2024-03-05", "Posted on March 5, 2024 by mkline": a user name as typed (lower case,
# dots, underscores) next to the date
# other languages' by-words too: "di marco.rossi · 4 novembre 2025", "Geplaatst op di 4 nov 2025 door jan_dv"
_BY_HANDLE = re.compile(r"(?:^|\s)(?:(?:posted|submitted|written|shared|added)\s+)?(?:by|von|par|por|door|di|da|przez|av|af)"
                        r"\s+([\w][\w.-]{0,38}[\w])(?=$|\s|[,·|])", re.I)
# "on Tue, 03/05/2024", "· 4 novembre 2025", "il 4 novembre", "am 4. November", "op 4 november"
_BEFORE_DATE = re.compile(r"\s*(?:on|at|@|,|·|-|–|—|il|le|el|am|op|em|w|den)\s*(?:[^\W\d]{2,9}\.?,\s*)?")
_NOT_HANDLES = frozenset(("the", "a", "an", "our", "my", "his", "her", "their", "this", "that", "its", "your", "me",
                          "us", "them", "email", "phone", "post", "mail", "hand",
                          # articles and pronouns after the other languages' by-words ("par la rédaction")
                          "la", "le", "les", "el", "los", "il", "lo", "der", "die", "das", "de", "het", "een", "un",
                          "une", "uno", "una"))


@rule("posted-by-handle")
def posted_by_handle(v) -> Found[str] | None:
    """'posted by mkline on 2024-03-05 14:02', 'Submitted by jdoe on Tue, 03/05/2024', 'Posted on March 5,
    2024 by mkline': a user name that the capitalised by-line rule cannot read, taken only when a date
    stands right after it or right before its "by"."""
    text = v.meta_text()
    for m in _BY_HANDLE.finditer(text):
        handle = m.group(1)
        if handle.casefold() in _NOT_HANDLES:
            continue
        if _date_after(text, m.end(), v.ctx.now) or _date_before(text, m.start(), v.ctx.now):
            return Found(a) if (a := clean_author(handle)) else None
    return None


def _date_after(text: str, at: int, now: datetime) -> bool:
    lead = _BEFORE_DATE.match(text, at)
    if lead is None or lead.end() == at:
        return False
    found = find_dates(text[lead.end():lead.end() + 40], now=now, relative=False)
    return bool(found) and found[0].start == 0


def _date_before(text: str, at: int, now: datetime) -> bool:
    head = text[max(0, at - 40):at].rstrip(" ,")
    found = find_dates(head, now=now, relative=False)
    if not found and ":" in head:  # a board's day word and time ("Today at 10:42:13 AM by ann_k", SMF's news)
        found = find_dates(head, now=now)
    return bool(found) and found[-1].end >= len(head) - 1


# "林遥 发布于 2020-01-25", "mkline posted @ 2020-01-25": the writer's name as text before the posted-word
_NAME_BEFORE_POSTED = re.compile(r"(?:^|[\s|·•])([^\s|·•\d][^\s|·•]{0,29})\s*(?:发布于|發佈於|發布於|发表于|發表於|posted\s*@)",
                                 re.I)


@rule("name-before-posted-word")
def name_before_posted_word(v) -> Found[str] | None:
    """'林遥 发布于 2020-01-25 15:05', 'mkline posted @ 2020-01-25': the word before the posted-word names the
    writer when no link does (link-before-posted-word reads the linked name)."""
    m = _NAME_BEFORE_POSTED.search(v.meta_text())
    if m is None or find_dates(m.group(1), relative=False):
        return None
    return Found(a) if (a := clean_author(m.group(1))) else None


@rule("by-word-uncased-script")
def by_word_uncased_script(v) -> Found[str] | None:
    """'بقلم سلمى ناصر · 20 نوفمبر', 'מאת דנה לוי', '作者：王小明 2025-11-20': the name after the by-word of a
    script without capital letters (the cased by-line rule needs a capital)."""
    text = v.meta_text()
    if text.isascii():
        return None
    m = _BY_NAME_UNCASED.search(text)
    return Found(a) if m and len(m.group(1).split()) <= 4 and (a := clean_author(m.group(1))) else None


@rule("emoji-author")
def emoji_author(v) -> Found[str] | None:
    """'✍️ Ann Lee', '👤 Ann Lee'."""
    m = _EMOJI_AUTHOR.search(v.meta_text())
    return Found(a) if m and (a := clean_author(m.group(1))) else None


def _labels(el: Element, v) -> set[str]:
    """Texts inside a meta line that look like names and are not: categories, kickers, badges, and links
    to another post (a neighbouring title such as "Learn Latin" is no author)."""
    return {text_of(d) for d in el.iter() if isinstance(d.tag, str)
            and (LABEL_CLS.search(_classes(d)) or LABEL_HREF.search(d.get("href") or "") or PILL.search(d.get("class") or "")
                 or _post_link(d, v))}


def _post_link(d: Element, v) -> bool:
    """A link to a page on this site that is no profile page: another post."""
    href = d.get("href") if d.tag == "a" else None
    if not href or profile_href(href) or href.startswith("#"):
        return False
    url = absolute_url(href, v.ctx.base_url)
    if not url:
        return False
    parts = urlsplit(url)
    return parts.netloc == urlsplit(v.ctx.base_url).netloc and parts.path.count("/") >= 2


def _name_item(p: str, now) -> bool:
    return bool(_NAME_LIKE.match(p)) and not find_dates(p, now=now) and not _READING_TIME.match(p) \
        and not parse_comment_count(p)[0] and not type_label(p)  # type-label-not-author


@rule("name-in-dated-meta-line")
def name_in_dated_meta_line(v) -> Found[str] | None:
    """'October 16, 2025 · 5 min · Walt Brenneman', or <li>Ann Lee</li><li>Nov 3, 2025</li>: the one
    name among the items of a meta line that also holds the date."""
    holders = _holding(v.skip)
    for root in v.roots:
        if found := _name_in_first_dated_line(v, root, holders):
            return found
    return None


def _name_in_first_dated_line(v, root: Element, holders: set[Element]) -> Found[str] | None:
    now = v.ctx.now
    for el, parts in meta_line_items(root, v.skip, holders):
        if not any(find_dates(p, now=now) for p in parts):
            continue
        labels = _labels(el, v)
        names = [p for p in parts if _name_item(p, now) and p not in labels and p.casefold() not in UI_WORDS]
        return Found(names[0], el) if len(names) == 1 else None
    return None


@rule("name-beside-comment-count")
def name_beside_comment_count(v) -> Found[str] | None:
    """'Lena Fox · 7 comments': a meta line of a name and the comment count, the date shown apart (a card
    whose date sits in its own column): the one name among its items, the others a count or a reading time."""
    now = v.ctx.now
    holders = _holding(v.skip)
    for root in v.roots:
        for el, parts in meta_line_items(root, v.skip, holders):
            parts = [p for p in parts if any(ch.isalnum() for ch in p)]  # a separator of its own is no item
            counted = [p for p in parts if parse_comment_count(p)[0]]
            if not counted or any(find_dates(p, now=now) for p in parts):
                continue
            labels = _labels(el, v)
            names = [p for p in parts if _name_item(p, now) and p not in labels and p.casefold() not in UI_WORDS]
            others = [p for p in parts if p not in names and p not in counted and not _READING_TIME.match(p)]
            if len(names) == 1 and not others:
                return Found(names[0], el)
    return None


@rule("table-author-column")
def table_author_column(v) -> Found[str] | None:
    """An archive table's row: the cell under the "Author" ("Auteur", "Verfasser") column header."""
    cell = column_cell(v.roots[0], _AUTHOR_COLUMN)
    if cell is None:
        return None
    text = text_of(cell)
    # an "author / date" cell (Discuz!: <cite><a>NAME</a></cite><em>2012-3-9</em>): the name without the date
    a = (find_dates(text, relative=False) and name_in_cell(cell)) or clean_author(text)
    return Found(a, cell) if a else None


AUTHOR_RULES: tuple[Rule[str], ...] = (
    schema_author, microformat_author, poster_line_name, cjk_author_label, author_name_class, rel_author_link, name_before_guillemet,
    name_before_wrote_in, name_before_reblogged, profile_link, author_label_element, byline_class, link_before_posted_word, original_poster,
    user_icon_name, avatar_name, host_slot,
    # a column headed "Author" / "Sender" / "Topic Starter" names the writer before a "by NAME" in another cell
    # (a thread's "Last post: DATE by NAME" cell names its last poster)
    table_author_column, name_after_subject, name_without_date, sender_label, by_line_in_meta, name_after_posted_at, posted_by_handle,
    name_before_posted_word, by_word_uncased_script, emoji_author, with_name_line, name_in_dated_meta_line,
    name_beside_comment_count, name_before_at_time, profile_onclick,
)
