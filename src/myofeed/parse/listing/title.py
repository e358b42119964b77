"""The title of one card: which element holds it, then its text."""

from __future__ import annotations

import re

from ..dates import find_dates
from ..text import clean, is_read_more, word_count
from .candidates import file_label
from .cardtext import _COMMENT_CLS, _SUMMARY_RE, _classes
from .classnames import attr_text
from .dom import BLOCK_TAGS, HEADINGS, Element, text_of
from .linenames import text_without_by_slot
from .rules import Found, Rule, first_found, rule
from .subjects import numbered_subject_line
from .titledates import text_without_title_date
from .untitled import first_sentence_of_untitled_post, heading_beside_date_permalink
from .viewrows import loose_text, view_label

__all__ = ["TITLE_ELEMENT_RULES", "TITLE_TEXT_RULES", "count_badge", "read_title"]


def _heading_inside(m: Element) -> Element | None:
    return next((e for e in m.iter() if isinstance(e.tag, str) and e.tag in HEADINGS), None)


_SENTENCE_END = re.compile(r"[.!?…]\s*$")


def leading_link_text(a: Element) -> str | None:
    """A link wrapping a whole card whose headline is its own leading text, before a date box and an excerpt
    (`<a>Title <aside class="dates">Oct 3</aside><h2>One sentence of teaser.</h2></a>`): that text. The
    blocks after it must read as an excerpt (a sentence, or a summary class) longer than the text, so a
    kicker before a headline heading ("Breaking news <h3>Title</h3>") is never taken."""
    if a.tag != "a" or len(a) == 0 or not (lead := clean(a.text or "")) or word_count(lead) < 2 or len(lead) > 200 \
            or lead.endswith(":"):
        return None
    blocks = [c for c in a if isinstance(c.tag, str) and c.tag in BLOCK_TAGS]
    excerpt = False
    for c in blocks:
        text = text_of(c)
        reads = word_count(text) > word_count(lead) and bool(_SENTENCE_END.search(text) or _SUMMARY_RE.search(_classes(c)))
        if c.tag in HEADINGS and text and not reads:
            return None  # a headline heading after it: the leading text is its kicker ("Live updates")
        excerpt = excerpt or reads
    return lead if excerpt else None


def _card_link(v) -> Element | None:
    """The card's member if it is a link, else the link it sits in (two levels up at most)."""
    m = v.card.member
    if m.tag == "a":
        return m
    for depth, anc in enumerate(m.iterancestors()):
        if anc.tag == "a":
            return anc
        if depth >= 1 or anc in v.roots:
            return None
    return None


@rule("leading-text-of-card-link")
def leading_text_of_card_link(v) -> Found[Element] | None:
    """The card's link holds the headline as its leading text, then a date and an excerpt (a Hugo list's
    `<li><a>Title <aside class="dates">…</aside><h2>Excerpt.</h2></a>`): the link is the title's element, its
    leading text the title (`link-leading-text`), never the excerpt heading."""
    a = _card_link(v)
    return Found(a, a) if a is not None and leading_link_text(a) is not None else None


@rule("heading-in-card-link")
def heading_in_card_link(v) -> Found[Element] | None:
    """The card's link wraps a heading: the heading is the title."""
    m = v.card.member
    if m.tag == "a" and (h := _heading_inside(m)) is not None:
        return Found(h, h)
    return None


@rule("headline-markup-in-card-link")
def headline_in_card_link(v) -> Found[Element] | None:
    """The card's link wraps an itemprop=headline (schema.org): the title, however short ("New Website")."""
    m = v.card.member
    if m.tag != "a":
        return None
    head = next((e for e in m.iter() if isinstance(e.tag, str) and e.get("itemprop") == "headline"), None)
    return Found(head, head) if head is not None else None


@rule("title-class-in-card-link")
def title_class_in_card_link(v) -> Found[Element] | None:
    """The card's link wraps an element whose class says title ("card__title")."""
    m = v.card.member
    if m.tag != "a":
        return None
    titled = next((e for e in m.iter() if isinstance(e.tag, str) and "title" in _classes(e)), None)
    return Found(titled, titled) if titled is not None and titled is not m else None


def _is_leaf_line(e: Element) -> bool:
    return isinstance(e.tag, str) and not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in e)


@rule("first-line-of-card-link")
def first_line_of_card_link(v) -> Found[Element] | None:
    """A link wrapping the whole card (kicker, title, excerpt, date in plain divs): the first leaf text of
    a few words that is neither a label nor a date."""
    m = v.card.member
    if m.tag != "a" or not any(isinstance(e.tag, str) and e.tag in BLOCK_TAGS for e in m.iterdescendants()):
        return None
    for e in m.iterdescendants():
        if not _is_leaf_line(e):
            continue
        text = text_of(e)
        if word_count(text) >= 3 and len(text) <= 200 and not find_dates(text, relative=False):
            return Found(e, e)
    return None


@rule("title-cell-beside-file-link")
def title_cell_beside_file_link(v) -> Found[Element] | None:
    """A table row whose only link is its document's ("PDF (210 KB)", "Descargar PDF"): the title is the
    row's longest cell that is no date (its link when it has one); the file link stays the URL."""
    m = v.card.member
    cell = next(m.iterancestors("td", "th"), None) if m.tag == "a" else None
    row = cell.getparent() if cell is not None else None
    if row is None or row.tag != "tr" or not file_label(text_of(m)):
        return None
    # the file link's own cell counts by its text beside the link ("Visiting hours <a>Download (PDF)</a>")
    cells = [(len(t), c) for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")
             and (t := text_of(c, set(m.iter())) if c is cell else text_of(c)) and not _only_date(t)]
    if not cells:
        return None
    best = max(cells, key=lambda lc: lc[0])[1]
    link = next((a for a in best.iter("a") if a.get("href") and not file_label(text_of(a))), None)
    return Found(link, link) if link is not None else Found(best, best)


def _only_date(text: str) -> bool:
    found = find_dates(text, relative=False)
    return bool(found) and sum(d.end - d.start for d in found) * 10 >= len(text) * 7


@rule("text-without-file-link")
def text_without_file_link(v) -> Found[str] | None:
    """A title cell holding the headline as text and its document's link ("Visiting hours <a>Download (PDF,
    212 KB)</a>"): the headline without the link."""
    if v.title_el.tag not in ("td", "th"):
        return None
    files = [a for a in v.title_el.iter("a") if file_label(text_of(a))]
    if not files:
        return None
    text = text_of(v.title_el, {e for a in files for e in a.iter()})
    return Found(text, v.title_el) if text else None


@rule("view-link-row")
def view_link_row(v) -> Found[Element] | None:
    """A row of text cells whose only link says "[View]", "Read" or "»" (a staff-post archive): its title cell
    (`viewrows.py`, never the board's name before it) is the title, the link the URL."""
    m = v.card.member
    if m.tag == "a" or m.tag in HEADINGS or len(v.links) != 1 or not view_label(text_of(v.links[0])):
        return None
    return Found(m, m)


@rule("repeated-element")
def repeated_element(v) -> Found[Element] | None:
    """The element that repeats from card to card (a heading, a link, a *title* element)."""
    return Found(v.card.member, v.card.member)


_SOURCE_SUFFIX = re.compile(r"^\(\s*(?:[\w-]+\.)+[a-z]{2,}(?:/[^\s)]*)?\s*\)$", re.I)


@rule("link-before-source-domain")
def link_before_source_domain(v) -> Found[Element] | None:
    """An aggregator's title line: the story link followed by its source's domain ("Story (site.example)");
    the title is the link, without the domain."""
    m = v.card.member
    if m.tag == "a" or m.tag in HEADINGS:
        return None
    a = next(m.iter("a"), None)
    if a is None or not text_of(a):
        return None
    rest = text_of(m, set(a.iter()))
    return Found(a, a) if rest and _SOURCE_SUFFIX.match(rest) else None


@rule("link-beside-date")
def link_beside_date(v) -> Found[Element] | None:
    """A heading holding the post's link and its date ("<h2><a>Title</a> <small>March 5, 2021</small></h2>"):
    the title is the link; the date stays for the date rules."""
    m = v.card.member
    if m.tag not in HEADINGS:
        return None
    a = next(m.iter("a"), None)
    if a is None or not a.get("href") or not (link := text_of(a)) or len(text_of(m)) <= len(link) + 5:
        return None  # nothing beside the link (the usual heading): no need to read the rest
    rest = text_of(m, set(a.iter())).strip(" —–-|·,:()[]")
    if not rest or len(rest) > 60 or not any(ch.isdigit() for ch in rest):
        return None
    found = find_dates(rest, relative=False)
    return Found(a, a) if found and (found[0].end - found[0].start) * 10 >= len(rest) * 7 else None


@rule("headline-link-beside-kicker")
def headline_link_beside_kicker(v) -> Found[Element] | None:
    """A heading holding a kicker link to its section ("Salud") and the story's link: the title is the
    link whose text is at least twice as long as every other link's in the heading."""
    m = v.card.member
    if m.tag not in HEADINGS:
        return None
    anchors = [a for a in m.iter("a") if a.get("href")]
    if len(anchors) < 2:
        return None
    links = [(len(text_of(a)), a) for a in anchors]
    links.sort(key=lambda t: t[0], reverse=True)
    (longest, a), (second, _) = links[0], links[1]
    return Found(a, a) if longest >= 2 * second and longest >= 12 else None


TITLE_ELEMENT_RULES: tuple[Rule[Element], ...] = (
    heading_beside_date_permalink, leading_text_of_card_link, heading_in_card_link, headline_in_card_link, title_class_in_card_link, first_line_of_card_link,
    link_before_source_domain, link_beside_date, headline_link_beside_kicker, title_cell_beside_file_link,
    view_link_row, repeated_element,
)


_LABEL_TEXT = re.compile(r"^\s*(?:title|titel|titre|t[íi]tulo|titolo|headline|subject|betreff)\s*:\s*", re.I)


def _field_label(el: Element, label: str) -> bool:
    """'Title:' as a field label (by its word, or a label/descriptor class), not a kicker such as 'Video:'."""
    if not label.endswith(":") or len(label) > 25:
        return False
    return bool(_LABEL_TEXT.match(label) or re.search(r"label|descriptor|field", _classes(el)))


@rule("text-after-field-label")
def text_after_field_label(v) -> Found[str] | None:
    """'<span class="descriptor">Title:</span> Ideal approach...': the value without its field label
    (a first child ending in ':', or a 'Title:' prefix)."""
    el = v.title_el
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is not None and not clean(el.text or "") and _field_label(first, text_of(first)):
        text = text_of(el, set(first.iter()))
        return Found(text, el) if text else None
    text = text_of(el)
    if _LABEL_TEXT.match(text) and (rest := _LABEL_TEXT.sub("", text)):
        return Found(rest, el)
    return None


@rule("text-beside-more-link")
def text_beside_more_link(v) -> Found[str] | None:
    """A title cell whose only link says "details here" (詳しくはこちら, "Read more"): the cell's own text
    is the headline, the link its URL."""
    el = v.title_el
    parent = el.getparent()
    if el.tag != "a" or parent is None or not is_read_more(text_of(el)):
        return None
    text = clean(text_of(parent, set(el.iter())).rstrip(" ：:→»›>"))
    return Found(text, parent) if len(text) >= 4 else None


@rule("text-beside-view-link")
def text_beside_view_link(v) -> Found[str] | None:
    """A row whose title is its own loose text beside the board's name and a "[View]" link ("<li><span>General
    Discussion</span> » Patch notes <a>[View]</a></li>"): that text, without the board's element or the link."""
    el = v.title_el
    if len(v.links) != 1 or el.tag == "a" or el is not v.card.member or not any(x is v.links[0] for x in el.iter("a")):
        return None
    text = loose_text(el)
    return Found(text, el) if text and view_label(text_of(v.links[0])) else None


_BADGE_NUMBER = re.compile(r"^[(\[]?\s*\d{1,6}\s*[)\]]?$")


def count_badge(title_el: Element) -> Element | None:
    """A comment count inside the title link (a board's `<a>Title<span class="cnt_cmt">3</span></a>`):
    a descendant with a comment class whose text is a bare number, "(3)" or "[3]"."""
    for e in title_el.iterdescendants():
        if isinstance(e.tag, str) and _COMMENT_CLS.search(_classes(e)) and _BADGE_NUMBER.match(text_of(e)):
            return e
    return None


@rule("text-without-count-badge")
def text_without_count_badge(v) -> Found[str] | None:
    """A title link holding its comment count ("Title 3" where the 3 is span.cnt_cmt): the title without
    the count (comments reads it: count-badge-in-title)."""
    el = v.title_el
    if len(el) == 0 or (badge := count_badge(el)) is None:
        return None
    text = text_of(el, set(badge.iter()))
    return Found(text, el) if text else None


_BRACKETED_TAIL = re.compile(r"\s*[(\[]([^()\[\]]{2,30})[)\]]\s*$")


@rule("text-without-file-label")
def text_without_file_label(v) -> Found[str] | None:
    """A press list's title followed by its document's type and size ("Budget 2027 (PDF, 256 Ko)",
    "<a>Report</a> <span>[DOCX, 1 MB]</span>"): the headline without the file label."""
    text = text_of(v.title_el)
    if not text.endswith((")", "]")) or not (m := _BRACKETED_TAIL.search(text)) or not file_label(m.group(1)):
        return None
    head = text[:m.start()].rstrip(" -–—|·,:")
    return Found(head, v.title_el) if word_count(head) >= 1 else None


# a section label printed inside the headline's link, before the headline: "Opinion", "Analysis", "Live"
_KICKER_CLS = re.compile(r"(?:^|[\s_-])(?:kicker|eyebrow|overline|strapline|flag)(?:$|[\s_-])", re.I)


@rule("text-without-kicker")
def text_without_kicker(v) -> Found[str] | None:
    """A title link that holds a kicker before the headline (`<a><span class="fc-item__kicker">Opinion</span>
    <span>Title</span></a>`): the headline without it."""
    el = v.title_el
    if len(el) == 0:
        return None
    for e in el.iterdescendants():
        if isinstance(e.tag, str) and _KICKER_CLS.search(e.get("class") or "") and len(text_of(e)) <= 40:
            text = text_of(el, set(e.iter()))
            return Found(text, el) if text else None
    return None


# a board's status label printed inside a topic's link: "Важно: Title", "[закрыт] Title", "Title [new]"
_STATUS = (r"важно|закреплено|прикреплено|объявление|закрыт[аоы]?|перенесено|перемещено|опрос|new|sticky|pinned|"
           r"announcement|closed|locked|moved|poll|wichtig|angepinnt|ank[üu]ndigung|geschlossen|verschoben|"
           r"important|[ée]pingl[ée]|annonce|ferm[ée]|d[ée]plac[ée]|fijo|importante|anuncio|cerrado|movido")
_LEAD_LABEL = re.compile(rf"\s*(?:\[\s*(?:{_STATUS})\s*\]|(?:{_STATUS})\s*[:!])\s*", re.I)
_TAIL_LABEL = re.compile(rf"\s*\[\s*(?:{_STATUS})\s*\]\s*$", re.I)


@rule("text-without-topic-label")
def text_without_topic_label(v) -> Found[str] | None:
    """A forum's topic link in a table cell that prints the topic's status in its text ("Важно: Правила",
    "[закрыт] Вопрос", "Title [new]"): the topic's title without the labels the board adds."""
    text = text_of(v.title_el)
    if not (text.endswith("]") or text.lstrip().startswith("[") or ":" in text[:16] or "!" in text[:16]):
        return None
    head = text
    for _ in range(3):  # "[Sticky] [Closed] Title [new]": the labels one at a time, anchored (no scan)
        if m := _LEAD_LABEL.match(head):
            head = head[m.end():]
        elif head.endswith("]") and (m := _TAIL_LABEL.search(head)):
            head = head[:m.start()]
        else:
            break
    head = head.strip()
    if head == text or not any(c.isalnum() for c in head) or next(v.title_el.iterancestors("td", "th"), None) is None:
        return None
    return Found(head, v.title_el)


@rule("link-leading-text")
def link_leading_text(v) -> Found[str] | None:
    """A card link whose leading text is the headline, before a date and an excerpt (leading_link_text)."""
    el = v.title_el
    if el.tag != "a" or len(el) == 0 or not el.text:
        return None
    return Found(t, el) if (t := leading_link_text(el)) is not None else None


@rule("element-text")
def element_text(v) -> Found[str] | None:
    return Found(t, v.title_el) if (t := text_of(v.title_el)) else None


@rule("label-attribute")
def label_attribute(v) -> Found[str] | None:
    """An icon link or empty heading named by aria-label or title."""
    return Found(t, v.title_el) if (t := clean(attr_text(v.title_el, "aria-label", "title") or "")) else None


@rule("image-alt")
def image_alt(v) -> Found[str] | None:
    img = v.title_el.find(".//img")
    return Found(t, img) if img is not None and (t := clean(img.get("alt") or "")) else None


TITLE_TEXT_RULES: tuple[Rule[str], ...] = (first_sentence_of_untitled_post, numbered_subject_line, text_after_field_label, text_beside_more_link,
                                           text_without_by_slot, text_without_count_badge, text_without_kicker, text_without_file_link,
                                           text_without_file_label,
                                           text_without_topic_label, text_without_title_date, link_leading_text, text_beside_view_link,
                                           element_text, label_attribute,
                                           image_alt)


def read_title(v) -> tuple[str, str, Element | None]:
    """Sets v.title_el and v.title; returns (title, "element-rule+text-rule", the element read)."""
    el_found, el_rule = first_found(TITLE_ELEMENT_RULES, v)
    assert el_found is not None and el_found.value is not None  # repeated-element always finds
    v.title_el = el_found.value
    found, name = first_found(TITLE_TEXT_RULES, v)
    v.title = found.value if found is not None and found.value else ""
    return v.title, f"{el_rule}+{name or 'empty'}", found.element if found is not None else v.title_el
