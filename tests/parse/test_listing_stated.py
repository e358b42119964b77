"""Posts the page states as data (JSON-LD, framework state) and the choice between them and the cards the
layout pass found: one small case per named rule (jsliteral.py, jsstate.py, structured.py, choice.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from myofeed.parse.html import parse_listing, parse_tree
from myofeed.parse.listing.choice import LayoutSigns, clear_post_list, layout_signs, stated_list_wins
from myofeed.parse.listing.jsliteral import JsSyntax, function_state, js_value
from myofeed.parse.listing.jsstate import script_data
from myofeed.parse.listing.structured import DataPost, structured_posts

BASE = "https://stated.example/blog/"
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _posts(n: int, dated: bool = True) -> list[DataPost]:
    return [DataPost(title=f"Post number {i}", url=f"/blog/post-{i}", published="2026-03-01" if dated else None)
            for i in range(n)]


def _signs(side: bool = False, placeholders: bool = False) -> LayoutSigns:
    return LayoutSigns(side=lambda: side, placeholders=lambda: placeholders)


# --- nuxt-function-state and the object-literal reader ----------------------------------------------


def test_nuxt2_function_state_binds_parameters_to_arguments() -> None:
    text = ('(function(a,b,c,d){return {data:[{posts:[{title:"Ridge walks",author:d,draft:b,comments:c,cover:a},'
            '{title:"Bivvy kit",author:d,draft:!1,comments:3,cover:void 0}]}],serverRendered:!0}}'
            '(null,false,0,"Mira Demo"));')
    state = function_state(text)
    assert state == {"data": [{"posts": [
        {"title": "Ridge walks", "author": "Mira Demo", "draft": False, "comments": 0, "cover": None},
        {"title": "Bivvy kit", "author": "Mira Demo", "draft": False, "comments": 3, "cover": None}]}],
        "serverRendered": True}


def test_nuxt2_function_state_through_window_assignment() -> None:
    root = parse_tree('<html><body><script>window.__NUXT__=(function(a){return {x:{"y":[a,\'two\',`three`]}}})'
                      '("one");</script></body></html>')
    assert script_data(next(root.iter("script"))) == {"x": {"y": ["one", "two", "three"]}}


@pytest.mark.parametrize("text", [
    "(function(a){return {x:a+1}}(1))",  # an operator: code, not a value
    "(function(a){return {x:f(a)}}(1))",  # a call
    '(function(a){return {x:"unterminated}}(1))',
    "(function(a){return {x:`${a}`}}(1))",  # a template with a substitution
])
def test_nuxt2_function_state_refuses_code(text: str) -> None:
    assert function_state(text) is None


def test_js_value_reads_literals_only() -> None:
    value, end = js_value('{a:1,"b":[,2,],3:-1.5e2,d:new Date(1709546400000),e:"\\u002Fx"} tail')
    assert value == {"a": 1, "b": [None, 2], "3": -150.0, "d": 1709546400000, "e": "/x"}
    with pytest.raises(JsSyntax):
        js_value("{a: b()}")


def test_sveltekit_start_data() -> None:
    root = parse_tree('<html><body><script>{ __sveltekit_abc = {base: ""}; const element = 1;'
                      'kit.start(app, element, {node_ids: [0, 2], data: [null,{type:"data",data:{posts:'
                      '[{title:"Glazes",slug:"glazes"}]},uses:{}}], form: null});}</script></body></html>')
    data = script_data(next(root.iter("script")))
    assert data == [None, {"type": "data", "data": {"posts": [{"title": "Glazes", "slug": "glazes"}]}, "uses": {}}]


def test_search_hits_wrapping_their_document() -> None:
    hits = [{"score": 3.2 - i, "document": {"title": f"Heat pump story {i}", "url": f"/news/hp-{i}",
                                            "publishedAt": "2026-03-0" + str(i + 1)}} for i in range(3)]
    page = ('<html><body><script id="__NEXT_DATA__" type="application/json">'
            + json.dumps({"props": {"pageProps": {"hits": hits}}}) + "</script></body></html>")
    posts = structured_posts(parse_tree(page), BASE, page)
    assert [(p.title, p.url) for p in posts] == [(f"Heat pump story {i}", f"/news/hp-{i}") for i in range(3)]


# --- JSON-LD list forms -----------------------------------------------------------------------------------


def _ld(doc: object) -> list[DataPost]:
    page = f'<html><head><script type="application/ld+json">{json.dumps(doc)}</script></head><body></body></html>'
    return structured_posts(parse_tree(page), BASE, page)


def test_listitem_url_name_with_item_as_url() -> None:
    posts = _ld({"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Hay fever season", "item": "https://stated.example/blog/hay/"},
        {"@type": "ListItem", "position": 2, "name": "Grapefruit", "url": "https://stated.example/blog/grapefruit/"}]})
    assert [(p.title, p.url) for p in posts] == [("Hay fever season", "https://stated.example/blog/hay/"),
                                                  ("Grapefruit", "https://stated.example/blog/grapefruit/")]


def test_breadcrumbs_are_no_posts() -> None:
    assert _ld({"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://stated.example/"},
        {"@type": "ListItem", "position": 2, "name": "Blog", "item": "https://stated.example/blog/"}]}) == []


def test_id_fragment_is_dropped_from_the_post_url() -> None:
    posts = _ld({"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": {
        "@type": "BlogPosting", "@id": "https://stated.example/blog/hay/#article", "headline": "Hay fever",
        "datePublished": "2026-03-06T09:00:00+01:00", "author": {"@type": "Person", "name": "Lena Demo",
                                                                "jobTitle": "Pharmacist"}}}]})
    assert [(p.url, p.author) for p in posts] == [("https://stated.example/blog/hay/", "Lena Demo")]


@pytest.mark.parametrize("doc", [
    {"@graph": [{"@type": "WebSite", "name": "Demo"}, {"@type": "CollectionPage", "mainEntity": {
        "@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": {"@type": "BlogPosting",
                                                                               "headline": "One", "url": "/blog/one"}},
                                                 {"@type": "ListItem", "item": {"@type": "BlogPosting",
                                                                               "headline": "Two", "url": "/blog/two"}}]}}]},
    {"@type": "Blog", "blogPost": [{"@type": "BlogPosting", "headline": "One", "url": "/blog/one"},
                                   {"@type": "BlogPosting", "headline": "Two", "url": "/blog/two"}]},
])
def test_graph_collection_page_and_blog_forms(doc: object) -> None:
    assert [p.title for p in _ld(doc)] == ["One", "Two"]


def test_graph_posts_listed_by_reference_count_once() -> None:
    posts = [{"@type": "BlogPosting", "@id": f"https://stated.example/blog/p{i}/#article", "headline": f"Post {i}",
              "url": f"https://stated.example/blog/p{i}/"} for i in range(3)]
    ref_list = {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "position": i + 1,
                                                          "item": {"@id": p["@id"]}} for i, p in enumerate(posts)]}
    assert [p.title for p in _ld({"@graph": [*posts, ref_list]})] == ["Post 0", "Post 1", "Post 2"]


# --- stated-list-over-weak-layout -----------------------------------------------------------------------


def test_clear_post_list() -> None:
    assert clear_post_list(_posts(3), strict=True)
    assert not clear_post_list(_posts(2), strict=True)  # too short to be a list
    assert not clear_post_list(_posts(5, dated=False), strict=True)  # neither dated nor signed
    doubled = _posts(4)
    doubled[1].url = doubled[0].url
    assert not clear_post_list(doubled, strict=False)  # one link twice: no list of posts


def test_few_unmatched_cards_give_way() -> None:
    assert stated_list_wins(3, 0, _posts(9), None) == "few cards"
    assert stated_list_wins(3, 1, _posts(9), None) is None  # a card in the list: the cards are the page's
    assert stated_list_wins(6, 0, _posts(12), None) is None  # six cards are no longer few
    assert stated_list_wins(3, 0, _posts(5), None) is None  # the list is not twice as long
    assert stated_list_wins(3, 0, _posts(9, dated=False), None) is None  # not clearly posts


def test_side_box_and_placeholders_give_way() -> None:
    assert stated_list_wins(3, 3, _posts(9), _signs(side=True)) == "cards in a side box"  # the 3 newest, aside
    assert stated_list_wins(6, 0, _posts(8), _signs(placeholders=True)) == "loading placeholders"
    assert stated_list_wins(6, 6, _posts(8), _signs(side=True)) is None  # the cards are most of the list
    assert stated_list_wins(6, 0, _posts(8), _signs()) is None  # the cards may be the page's own list
    assert stated_list_wins(8, 0, _posts(8), _signs(side=True, placeholders=True)) is None  # no longer list


def test_layout_signs_read_the_page() -> None:
    root = parse_tree('<html><body><main><div class="card skeleton"></div><div class="card skeleton"></div></main>'
                      '<div class="col"><h2>Popular</h2><div class="mini"><a href="/x">X</a></div></div>'
                      '<main><div class="post"><a href="/y">Y</a></div></main></body></html>')
    side_card, main_card = root.cssselect("div.mini")[0], root.cssselect("div.post")[0]
    raw = "skeleton"
    assert layout_signs(root, [side_card], raw).side()
    assert not layout_signs(root, [main_card], raw).side()
    assert layout_signs(root, [main_card], raw).placeholders()
    assert not layout_signs(root, [main_card], "no hint in the source").placeholders()


def test_extract_explains_the_choice() -> None:
    ld = {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": {
        "@type": "BlogPosting", "headline": f"Stated post {i}", "url": f"https://stated.example/blog/p{i}/",
        "datePublished": f"2026-03-0{i}"}} for i in range(1, 7)]}
    side = "".join(f'<div class="mini"><h4><a href="/news/n{i}/">News item number {i}</a></h4>'
                   f'<time datetime="2026-02-0{i}">Feb {i}</time></div>' for i in range(1, 3))
    page = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
            f'<main><div class="grid"></div></main><div class="col">{side}</div></body></html>')
    doc = parse_listing(page.encode(), base_url=BASE, now=NOW, explain=True)
    assert [p.title for p in doc.posts] == [f"Stated post {i}" for i in range(1, 7)]
    assert "stated-list-over-weak-layout" in dict(doc.posts[0].why)["title"]
    assert any(w.startswith("2 blocks that look like posts were left out for the 6 posts") for w in doc.warnings)
