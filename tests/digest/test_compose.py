"""Composition and packing: escaping, safe links, summaries, dates, MIME bytes."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email.policy import default as default_policy
from zoneinfo import ZoneInfo

import pytest

from myofeed.digest.compose import (
    RenderedBody,
    display_date,
    safe_url,
    section_for,
    short_summary,
)
from myofeed.digest.message import ListHeaders, MessageTemplate, qp
from myofeed.digest.send import dot_stuff
from myofeed.types import Post, Topic

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)


def _post(**kw) -> Post:
    base = dict(id=1, source="clinic-blog", dedup_key="k", title="T", url="https://clinic.example/p", author=None,
                published="2025-11-20", comments=None, summary="", summary_html=None, guid=None, categories=(),
                topics=("dermatomyositis",), evidence={}, first_seen=NOW, updated=NOW)
    base.update(kw)
    return Post(**base)  # type: ignore[arg-type]


def test_only_http_links_are_mailed():
    assert safe_url("https://clinic.example/a?b=1") == "https://clinic.example/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//clinic.example/x", "https://a.example/ x", None, ""):
        assert safe_url(bad) is None


def test_summary_is_plain_short_and_cut_at_a_word():
    text = short_summary(_post(summary="word " * 100), limit=40)
    assert text.endswith("…") and len(text) <= 41 and "  " not in text
    html = short_summary(_post(summary="", summary_html="<p>IVIG <b>helped</b> &amp; more</p><script>x</script>"))
    assert html.startswith("IVIG helped & more") and "<" not in html


def test_date_only_posts_keep_their_calendar_day_in_any_zone():
    assert display_date(_post(published="2025-11-20"), ZoneInfo("Pacific/Honolulu")) == "20 Nov 2025"
    # a timestamp: the day at its own offset, as the feeds and pages show it, not moved into the digest's
    # zone (outside audit 8, note 4: the digest said 7 Dec where every page said 6 Dec)
    ts = _post(published="2025-11-20T23:30:00+00:00")
    assert display_date(ts, ZoneInfo("Asia/Tokyo")) == "20 Nov 2025"
    assert display_date(_post(published="2026-12-06T23:30:00-08:00"), UTC) == "6 Dec 2026"
    # outside audit 5, minor 3: the day we found an undated post is not passed off as its date
    assert display_date(_post(published=None), UTC) == "found 21 Nov 2025"


def test_a_post_is_listed_under_the_most_specific_chosen_topic():
    topics = [Topic("autoimmune-myopathy", "AM"), Topic("dermatomyositis", "DM", parent="autoimmune-myopathy"),
              Topic("treatment", "Tx", aspect=True)]
    post_topics = ("autoimmune-myopathy", "dermatomyositis", "treatment")
    assert section_for(post_topics, ["autoimmune-myopathy", "dermatomyositis"], topics) == "dermatomyositis"
    assert section_for(post_topics, ["treatment", "autoimmune-myopathy"], topics) == "autoimmune-myopathy"
    assert section_for(("research",), ["treatment"], topics) is None


def test_message_template_fills_each_recipient_and_parses_back():
    lists = ListHeaders(from_="Myöfeed <digest@myofeed.example>", list_id="x <x.myofeed.example>",
                        base_url="http://feeds.myofeed.example/", unsubscribe_mailto="leave@myofeed.example")
    body = RenderedBody(
        subject="Ünïcode subject",
        text="Hello\n.dot line\n\nUnsubscribe: __MYOFEED_UNSUBSCRIBE_URL__ (__MYOFEED_RECIPIENT__)\n"
             "Preferences: __MYOFEED_PREFERENCES_URL__\n",
        html="<p>Hello</p>\n<a href=\"__MYOFEED_UNSUBSCRIBE_URL__\">__MYOFEED_RECIPIENT__</a>\n",
    )
    tpl = MessageTemplate(body, lists)
    for to, token in (("a&b@mail.example", "TOKEN_a-1"), ("c@mail.example", "TOKEN_c-2")):
        mid, raw = tpl.build(to=to, token=token, prefs_token="P" + token, when=NOW)
        msg = email.message_from_bytes(raw, policy=default_policy)
        assert msg["Subject"] == "Ünïcode subject" and msg["Message-ID"] == mid
        assert msg["From"].addresses[0].display_name == "Myöfeed"
        assert msg["List-Unsubscribe"].startswith(f"<http://feeds.myofeed.example/unsubscribe/{token}>, <mailto:")
        text, html = (p.get_content() for p in msg.iter_parts())
        assert f"Unsubscribe: http://feeds.myofeed.example/unsubscribe/{token} ({to})" in text
        assert ".dot line" in text
        assert f"Preferences: http://feeds.myofeed.example/preferences/P{token}" in text  # its own token
        assert f'href="http://feeds.myofeed.example/unsubscribe/{token}"' in html
        assert ("a&amp;b@mail.example" in html) == (to == "a&b@mail.example")


def test_quoted_printable_when_the_server_lacks_8bitmime_or_a_line_is_too_long():
    lists = ListHeaders(from_="digest@myofeed.example", list_id="x <x.myofeed.example>",
                        base_url="http://feeds.myofeed.example/")
    cases = [
        (RenderedBody("s", "Grüße\n__MYOFEED_RECIPIENT__\n", "<p>x</p>\n"), False, "quoted-printable", "7bit"),
        (RenderedBody("s", "Grüße\n__MYOFEED_RECIPIENT__\n", "<p>x</p>\n"), True, "8bit", "8bit"),
        (RenderedBody("s", "a" * 2000 + "\n", "<p>x</p>\n"), True, "quoted-printable", "8bit"),
    ]
    for body, eight_bit, text_cte, html_cte in cases:
        raw = MessageTemplate(body, lists, eight_bit=eight_bit).build(to="ada@mail.example", token="t", prefs_token="p",
                                                                       when=NOW)[1]
        msg = email.message_from_bytes(raw, policy=default_policy)
        text, html = msg.iter_parts()
        assert (text["Content-Transfer-Encoding"], html["Content-Transfer-Encoding"]) == (text_cte, html_cte)
        assert text.get_content().startswith(body.text[:5])
        assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_dot_stuffing_and_qp():
    assert dot_stuff(b".a\r\nb\r\n.c") == b"..a\r\nb\r\n..c\r\n"
    assert qp("é=\n") == b"=C3=A9=3D\r\n"


@pytest.mark.browser
def test_the_html_part_renders_in_chromium(tmp_path):
    """The screenshot in docs/ comes from here: `python -m tests.digest.screenshot`."""
    from .screenshot import chromium, sample_message, screenshot

    if chromium() is None:
        pytest.skip("chromium is not installed")
    msg = sample_message(tmp_path)
    html = [p for p in msg.iter_parts() if p.get_content_type() == "text/html"][0].get_content()
    png = tmp_path / "digest.png"
    screenshot(html, png, size="600,800")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
