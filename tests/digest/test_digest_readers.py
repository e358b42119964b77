"""What a recipient gets beyond the list: why each post is here, the most discussed posts, the site's colours."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from myofeed.digest import send_due
from myofeed.digest.compose import DigestItem, DigestSection, most_discussed

from .conftest import DM, IBM, T0, post, store_posts

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "myofeed" / "digest" / "templates"


def _item(n: int, comments: int | None) -> DigestItem:
    return DigestItem(post_id=n, title=f"P{n}", url=None, author="A", date="1 Jan 2025", comments=comments, summary="")


def test_most_discussed_is_the_top_three_by_comments_and_only_when_counts_exist():
    items = [_item(1, 3), _item(2, None), _item(3, 40), _item(4, 0), _item(5, 7), _item(6, 7)]
    top = most_discussed([DigestSection("a", "A", tuple(items[:3])), DigestSection("b", "B", tuple(items[3:]))])
    assert [i.post_id for i in top] == [3, 5, 6]
    assert most_discussed([DigestSection("a", "A", (_item(1, None), _item(2, 0), _item(3, None), _item(4, 0)))]) == ()
    # a digest of three posts would only repeat itself
    assert most_discussed([DigestSection("a", "A", (_item(1, 5), _item(2, 9), _item(3, 1)))]) == ()


def test_a_post_listed_under_two_sections_counts_once():
    shared = _item(1, 50)
    sections = [DigestSection("a", "A", (shared, _item(2, 1))),
                DigestSection("b", "B", (shared, _item(3, 2), _item(4, None)))]
    assert [i.post_id for i in most_discussed(sections)] == [1, 3, 2]


def _digest(make_app, tmp_path):
    app = make_app()
    app.store.add_subscriber("ada@mail.example", ["dermatomyositis", "inclusion-body-myositis"], "daily",
                             confirmed=True, now=T0)
    writes = [post(f"dm-{n}", f"Dermatomyositis story {n}", DM, comments=c) for n, c in enumerate((1, 35, None, 4))]
    writes.append(replace(post("ibm-1", "IBM and swallowing", IBM, comments=12),
                          evidence={"inclusion-body-myositis": ("term 'inclusion body myositis' in summary",),
                                    "autoimmune-myopathy": ("parent of inclusion-body-myositis",)}))
    store_posts(app, T0 + timedelta(hours=1), *writes)
    assert send_due(app, now=T0 + timedelta(hours=2)).sent == 1
    [eml] = (tmp_path / "outbox").glob("*.eml")
    import email
    from email.policy import default

    msg = email.message_from_bytes(eml.read_bytes(), policy=default)
    return [p.get_content() for p in msg.iter_parts()]


def test_the_digest_says_why_each_post_is_here_and_lists_the_most_discussed_first(make_app, tmp_path):
    text, html = _digest(make_app, tmp_path)
    for body in (text, html):
        assert "Most discussed" in body
        assert body.index("Most discussed") < body.index("Dermatomyositis story 0")
        block = body[body.index("Most discussed"):body.index("Dermatomyositis story 0")]
        assert block.index("Dermatomyositis story 1") < block.index("IBM and swallowing") < block.index(
            "Dermatomyositis story 3")
        assert "35 comments" in block
    assert 'Why here: Inclusion body myositis: "inclusion body myositis"' in text
    import html as markup

    assert 'Why here: Inclusion body myositis: "inclusion body myositis"' in markup.unescape(html)


def test_mails_use_the_sites_teal_not_burgundy():
    css = (TEMPLATES / "mail.css").read_text()
    assert "#0b6e6e" in css and "#7c2d4a" not in css
    assert "prefers-color-scheme: dark" in css


def test_equal_counts_single_out_nothing():
    assert most_discussed([DigestSection("a", "A", tuple(_item(n, 2) for n in range(6)))]) == ()
    # only the posts above the first one left out
    assert [i.post_id for i in most_discussed(
        [DigestSection("a", "A", (_item(1, 9), _item(2, 2), _item(3, 2), _item(4, 2)))])] == [1]
