"""`myofeed subscribers ...` and `myofeed digest ...` as an operator runs them (the real entry point)."""

from __future__ import annotations

import email
import json
from datetime import timedelta
from email.policy import default as default_policy
from pathlib import Path

import pytest

from myofeed.cli import main
from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.digest import send_confirmation

from .conftest import BASE_URL, DM, T0, post, store_posts, write_config


def run(capsys, config: Path, *args: str) -> tuple[int, str, str]:
    try:
        # the console script does sys.exit(main()): a returned status counts like a raised one
        code = int(main(["--config", str(config), *args]) or 0)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def smtp_config(smtp, tmp_path):
    handler, port = smtp
    return handler, write_config(tmp_path, smtp_port=port)


def _app(config: Path) -> Myofeed:
    return Myofeed(load_config(config))


def test_unconfirmed_address_gets_only_the_confirmation_and_one_per_day(capsys, smtp_config):
    handler, config = smtp_config
    code, out, _ = run(capsys, config, "subscribers", "add", "Ada@Mail.Example", "--topics", "dermatomyositis")
    assert code == 0 and "confirmation mail sent" in out
    [mail] = handler.received
    app = _app(config)
    sub = app.store.get_subscriber("Ada@mail.example")
    assert sub is not None and sub.state == "pending"
    msg = mail.message
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    text, html = (p.get_content() for p in msg.iter_parts())
    assert f"{BASE_URL}confirm/{sub.confirm_token}" in text and f"{BASE_URL}confirm/{sub.confirm_token}" in html
    assert msg["List-Unsubscribe"] == f"<{BASE_URL}unsubscribe/{sub.unsubscribe_token}>"
    # a second add within 24 h sends nothing
    code, out, _ = run(capsys, config, "subscribers", "add", "ada@mail.example", "--topics", "dermatomyositis")
    assert code == 0 and "not sent again" in out and len(handler.received) == 1
    # posts arrive: a pending address still gets nothing
    store_posts(app, sub.created + timedelta(minutes=1), post("dm-1", "DM one", DM))
    code, out, _ = run(capsys, config, "digest", "send")
    assert code == 0 and len(handler.received) == 1
    # after 24 h the API may send one more confirmation; a confirmed address never gets one
    later = sub.created + timedelta(hours=25)
    assert send_confirmation(app, app.store.get_subscriber("ada@mail.example"), now=later) is True
    assert send_confirmation(app, app.store.get_subscriber("ada@mail.example"), now=later) is False
    app.store.set_subscriber_state(sub.id, "confirmed", later)
    assert send_confirmation(app, app.store.get_subscriber("ada@mail.example"), now=later + timedelta(days=2)) is False
    assert len(handler.received) == 2
    app.close()


def test_an_address_that_unsubscribed_and_comes_back_gets_a_confirmation_at_once(capsys, smtp_config):
    # outside audit 3, deviation 1: `subscribers add` said "less than 24 h ago; not sent again"
    handler, config = smtp_config
    assert run(capsys, config, "subscribers", "add", "bo@mail.example", "--topics", "research")[0] == 0
    app = _app(config)
    sub = app.store.get_subscriber("bo@mail.example")
    app.store.set_subscriber_state(sub.id, "confirmed", sub.created)
    app.store.set_subscriber_state(sub.id, "unsubscribed", sub.created)
    code, out, _ = run(capsys, config, "subscribers", "add", "bo@mail.example", "--topics", "treatment")
    assert code == 0 and "pending" in out and "confirmation mail sent" in out, out
    assert len(handler.received) == 2
    again = app.store.get_subscriber("bo@mail.example")
    assert again.confirm_token != sub.confirm_token
    assert f"confirm/{again.confirm_token}" in handler.received[1].message.get_body(("plain",)).get_content()
    app.close()


def test_subscribers_list_json_and_remove_erases(capsys, smtp_config):
    handler, config = smtp_config
    run(capsys, config, "subscribers", "add", "bo@mail.example", "--topics", "inclusion-body-myositis,treatment",
        "--cadence", "weekly", "--confirmed")
    run(capsys, config, "subscribers", "add", "cy@mail.example", "--topics", "research")
    code, out, _ = run(capsys, config, "subscribers", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"email": "bo@mail.example", "topics": ["inclusion-body-myositis", "treatment"], "cadence": "weekly",
         "state": "confirmed"},
        {"email": "cy@mail.example", "topics": ["research"], "cadence": "daily", "state": "pending"},
    ]
    app = _app(config)
    bo = app.store.get_subscriber("bo@mail.example")
    store_posts(app, bo.created + timedelta(seconds=1), post("t-1", "Therapy", ("treatment",)))
    assert run(capsys, config, "digest", "send")[0] == 0
    assert app.store.delivered_post_ids(bo.id)
    code, out, _ = run(capsys, config, "subscribers", "remove", "bo@mail.example")
    assert code == 0
    assert app.store.get_subscriber("bo@mail.example") is None
    assert app.store.delivered_post_ids(bo.id) == set()
    assert run(capsys, config, "subscribers", "remove", "bo@mail.example")[0] == 2  # SPEC v2: an unknown subscriber is a usage error
    app.close()


def test_updating_a_subscriber_without_cadence_keeps_theirs(capsys, smtp_config):
    _, config = smtp_config
    run(capsys, config, "subscribers", "add", "bo@mail.example", "--topics", "treatment", "--cadence", "weekly",
        "--confirmed")
    code, out, _ = run(capsys, config, "subscribers", "add", "bo@mail.example", "--topics", "research")
    assert code == 0 and out.startswith("updated bo@mail.example: topics research; weekly; confirmed"), out
    code, out, _ = run(capsys, config, "subscribers", "add", "bo@mail.example", "--topics", "research",
                       "--cadence", "daily")
    assert "; daily; confirmed" in out  # named: changed
    code, out, _ = run(capsys, config, "subscribers", "add", "new@mail.example", "--topics", "research", "--confirmed")
    assert "; daily; confirmed" in out  # a new subscriber's default


@pytest.mark.parametrize("args, fragment", [
    (["subscribers", "add", "not-an-address", "--topics", "dermatomyositis"], "invalid email address"),
    (["subscribers", "add", "ada@mail.example", "--topics", "dermatomyosit"], "unknown topic 'dermatomyosit'"),
    (["subscribers", "add", "ada@mail.example", "--topics", ","], "--topics"),
    (["subscribers", "add", "ada@mail.example", "--topics", "research", "--cadence", "hourly"], "hourly"),
    (["digest", "send", "--now", "yesterday"], "--now"),
])
def test_bad_arguments_exit_2_with_one_clear_line(capsys, smtp_config, args, fragment):
    handler, config = smtp_config
    code, out, err = run(capsys, config, *args)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err
    assert handler.received == []


def test_dry_run_prints_and_sends_and_writes_nothing(capsys, smtp_config):
    handler, config = smtp_config
    app = _app(config)
    sub, _ = app.store.add_subscriber("ada@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1), post("dm-1", "DM one", DM))
    code, out, _ = run(capsys, config, "digest", "send", "--dry-run", "--now", "2025-11-20T12:00:00Z")
    assert code == 0
    assert "ada@mail.example" in out and "DM one" in out
    assert handler.received == []
    assert app.store.delivered_post_ids(sub.id) == set()
    assert app.store.get_subscriber("ada@mail.example").last_digest_at is None
    app.close()


def test_digests_show_titles_and_authors_as_plain_text_as_the_feeds_do(capsys, smtp_config):
    # outside audit 3, deviation 4: markup in a title or author was mailed as literal (escaped) tags. The
    # parsers turn a feed's markup into text; what a source escaped twice ("&lt;b&gt;") was meant as markup
    # and goes, as in the feeds. Stored text with "<" in it is the source's words (audit 8, deviation 1):
    # the text part shows it as it is, the HTML part escaped, never as markup.
    handler, config = smtp_config
    app = _app(config)
    app.store.add_subscriber("ada@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1),
                post("dm-1", "Dermatomyositis study <img src=x onerror=alert(7)>", DM,
                     author='<i onmouseover="y()">Zed</i>'),
                post("dm-2", "Dermatomyositis &lt;b&gt;clinic&lt;/b&gt; news", DM,
                     author='&lt;a href="https://news.example/staff/kim"&gt;Kim Lee&lt;/a&gt;'))
    code, out, _ = run(capsys, config, "digest", "send", "--dry-run", "--now", "2025-11-20T12:00:00Z")
    assert "Dermatomyositis study <img src=x onerror=alert(7)>" in out and "&lt;" not in out, out
    assert run(capsys, config, "digest", "send", "--now", "2025-11-20T12:00:00Z")[0] == 0
    [mail] = handler.received
    text, html = (p.get_content() for p in mail.message.iter_parts())
    assert "* Dermatomyositis study <img src=x onerror=alert(7)>\r\n" in text
    assert 'By <i onmouseover="y()">Zed</i> |' in text and "By Kim Lee |" in text
    assert "Dermatomyositis clinic news" in text
    assert "Dermatomyositis study &lt;img src=x onerror=alert(7)&gt;" in html
    assert '&lt;i onmouseover="y()"&gt;Zed&lt;/i&gt;' in html
    assert "<img" not in html and "<i " not in html and "&amp;lt;" not in html and "<b>" not in html
    assert "Kim Lee" in html and "Dermatomyositis clinic news" in html
    for part in (text, html, mail.message["Subject"]):
        for markup in ("&lt;a", "&lt;b", "&amp;lt;", "<a href=\"https://news.example/staff"):
            assert markup not in part, (markup, part)
    # posts --json: the author as the feeds show it too
    code, out, _ = run(capsys, config, "posts", "--json")
    authors = {json.loads(line)["author"] for line in out.splitlines()}
    assert authors == {'<i onmouseover="y()">Zed</i>', "Kim Lee"}
    app.close()


def test_the_subject_names_the_topics_the_header_names(capsys, smtp_config):
    # outside audit 3, minor note 13: the subject named the sections (one per post), the header every
    # topic followed; both now name the followed topics the posts are in
    handler, config = smtp_config
    app = _app(config)
    app.store.add_subscriber("ada@mail.example", ["dermatomyositis", "research"], "daily", confirmed=True, now=T0)
    app.store.add_subscriber("bo@mail.example", ["dermatomyositis", "inclusion-body-myositis"], "daily",
                             confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1), post("dm-1", "DM one", DM + ("research",)),
                post("dm-2", "DM two", DM + ("research",)))
    assert run(capsys, config, "digest", "send", "--now", "2025-11-20T12:00:00Z")[0] == 0
    mails = {m.message["To"]: m.message for m in handler.received}
    for to, named in (("ada@mail.example", "Dermatomyositis, Research"), ("bo@mail.example", "Dermatomyositis")):
        msg = mails[to]
        assert msg["Subject"].endswith(f"2 new posts on {named}"), msg["Subject"]
        html = msg.get_body(("html",)).get_content()
        assert f"2 new posts on {named}</p>" in html
    app.close()


def test_daily_cadence_with_now_and_send_hour(capsys, smtp_config):
    handler, config = smtp_config
    config.write_text(config.read_text() + '[digest]\nsend_hour = 7\ntimezone = "Europe/Berlin"\n')
    app = _app(config)
    app.store.add_subscriber("ada@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1), post("dm-1", "DM one", DM))
    # the first digest is due at once, whatever the hour
    assert run(capsys, config, "digest", "send", "--now", "2025-11-20T22:00:00Z")[0] == 0
    assert len(handler.received) == 1
    store_posts(app, T0 + timedelta(hours=14), post("dm-2", "DM two", DM))
    # 05:59 UTC = 06:59 in Berlin on the next calendar day: not yet
    run(capsys, config, "digest", "send", "--now", "2025-11-21T05:59:00Z")
    assert len(handler.received) == 1
    # 06:00 UTC = 07:00 Berlin: due
    code, out, _ = run(capsys, config, "digest", "send", "--now", "2025-11-21T06:00:00Z")
    assert code == 0 and "1 sent" in out
    assert len(handler.received) == 2
    app.close()


def test_exit_status_0_after_451_and_1_after_550(capsys, smtp_config):
    handler, config = smtp_config
    handler.refuse["later@mail.example"] = "451 4.3.0 try later"
    app = _app(config)
    app.store.add_subscriber("later@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1), post("dm-1", "DM one", DM))
    code, out, _ = run(capsys, config, "digest", "send", "--now", "2025-11-20T12:00:00Z")
    assert code == 0 and "1 left for retry" in out
    handler.refuse["later@mail.example"] = "550 5.1.1 no such user"
    code, out, _ = run(capsys, config, "digest", "send", "--now", "2025-11-20T13:00:00Z")
    assert code == 1 and "1 refused" in out
    app.close()


def test_outbox_mode_writes_eml_files(capsys, tmp_path):
    config = write_config(tmp_path, smtp_port=None)
    app = _app(config)
    sub, _ = app.store.add_subscriber("ada@mail.example", ["dermatomyositis"], "weekly", confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1), post("dm-1", "DM one", DM))
    assert run(capsys, config, "digest", "send")[0] == 0
    [eml] = sorted((tmp_path / "outbox").glob("*.eml"))
    msg = email.message_from_bytes(eml.read_bytes(), policy=default_policy)
    assert msg["To"] == "ada@mail.example"
    assert msg["List-Unsubscribe"] == f"<{BASE_URL}unsubscribe/{sub.unsubscribe_token}>"
    assert "DM one" in next(msg.iter_parts()).get_content()
    assert app.store.delivered_post_ids(sub.id)
    assert not list((tmp_path / "outbox").glob(".tmp-*"))
    # the confirmation mail goes to the outbox too
    run(capsys, config, "subscribers", "add", "bo@mail.example", "--topics", "research")
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2
    app.close()


def test_preview_writes_html_and_records_nothing(capsys, smtp_config, tmp_path):
    handler, config = smtp_config
    app = _app(config)
    sub, _ = app.store.add_subscriber("ada@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1), post("dm-1", "DM <b>one</b>", DM))
    out_file = tmp_path / "next.html"
    code, _, err = run(capsys, config, "digest", "preview", "ada@mail.example", "-o", str(out_file))
    assert code == 0 and "due now" in err
    html = out_file.read_text(encoding="utf-8")
    # the title as the feeds show it: its text, "<b>" its words (escaped in HTML, never markup)
    assert "DM &lt;b&gt;one&lt;/b&gt;" in html and "<b>one" not in html
    assert f"unsubscribe/{sub.unsubscribe_token}" in html
    code, out, _ = run(capsys, config, "digest", "preview", "ada@mail.example")
    assert "DM <b>one</b>" in out
    assert handler.received == [] and app.store.delivered_post_ids(sub.id) == set()
    assert run(capsys, config, "digest", "preview", "nobody@mail.example")[0] == 2  # SPEC v2: an unknown subscriber is a usage error
    app.close()


def test_add_with_the_mail_server_down_says_so_and_can_retry_at_once(capsys, smtp, tmp_path):
    from .conftest import free_port

    handler, port = smtp
    config = write_config(tmp_path, smtp_port=free_port())
    code, out, err = run(capsys, config, "subscribers", "add", "ada@mail.example", "--topics", "research")
    assert code == 1 and "added ada@mail.example" in out and "not sent" in err and "Traceback" not in err
    config.write_text(write_config(tmp_path, smtp_port=port).read_text())
    code, out, _ = run(capsys, config, "subscribers", "add", "ada@mail.example", "--topics", "research")
    assert code == 0 and "confirmation mail sent" in out and len(handler.received) == 1


def test_each_confirmation_mail_carries_its_own_link(capsys, smtp_config):
    # outside audit 5, deviation 4: the second mail (after 24 h, with another choice) carried the first
    # mail's token, so the first mail's link confirmed a choice it never named, and a link past its
    # 7 days came back to life with the next request
    handler, config = smtp_config
    assert run(capsys, config, "subscribers", "add", "cy@mail.example", "--topics", "research")[0] == 0
    app = _app(config)
    first = app.store.get_subscriber("cy@mail.example")
    assert first is not None and f"confirm/{first.confirm_token}" in handler.received[0].message.as_string()

    later = first.created + timedelta(hours=25)
    sub, _ = app.add_subscriber("cy@mail.example", ["treatment"], "weekly", confirmed=False, now=later)
    assert send_confirmation(app, sub, now=later) is True
    second = app.store.get_subscriber("cy@mail.example")
    assert second.confirm_token != first.confirm_token
    assert f"confirm/{second.confirm_token}" in handler.received[1].message.as_string()
    assert f"confirm/{first.confirm_token}" not in handler.received[1].message.as_string()
    assert app.subscriber_by_token("confirm", first.confirm_token) is None  # the old link names nothing now
    assert app.subscriber_by_token("confirm", second.confirm_token).id == first.id

    # past its 7 days, a new request mails a new link; the expired one stays dead
    much_later = later + timedelta(days=8)
    sub, _ = app.add_subscriber("cy@mail.example", ["treatment"], "weekly", confirmed=False, now=much_later)
    assert send_confirmation(app, sub, now=much_later) is True
    third = app.store.get_subscriber("cy@mail.example")
    assert len({first.confirm_token, second.confirm_token, third.confirm_token}) == 3
    assert app.subscriber_by_token("confirm", second.confirm_token) is None
    assert len(handler.received) == 3
    app.close()


def test_the_digest_dates_a_post_on_the_day_the_pages_and_feeds_do(capsys, smtp_config):
    # outside audit 8, note 4: <pubDate>Sun, 06 Dec 2026 23:30:00 -0800</pubDate> was 2026-12-06 on the topic
    # pages and in the feeds, "7 Dec 2026" in the digest (digest.timezone UTC): one post, one day everywhere
    _, config = smtp_config
    app = _app(config)
    app.store.add_subscriber("ada@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=T0)
    store_posts(app, T0 + timedelta(hours=1), post("dm-1", "Dermatomyositis evening clinic", DM,
                                                   published="2026-12-06T23:30:00-08:00"))
    code, out, err = run(capsys, config, "digest", "preview", "ada@mail.example")
    assert code == 0, err
    assert "6 Dec 2026" in out and "7 Dec 2026" not in out, out
    assert run(capsys, config, "publish")[0] == 0
    [item] = json.loads((config.parent / "feeds" / "all.json").read_text(encoding="utf-8"))["items"]
    assert item["date_published"].startswith("2026-12-06T23:30:00-08:00")
    app.close()


def test_an_operator_changing_a_pending_choice_mails_a_new_link_and_kills_the_old(capsys, smtp_config):
    # outside audit 8, note 3: `subscribers add PENDING --topics other` within the 24 h kept the mailed link,
    # which then confirmed topics that mail never named ("a daily digest ... on Dermatomyositis" confirmed
    # research), and no new mail told the recipient
    handler, config = smtp_config
    assert run(capsys, config, "subscribers", "add", "O3@Reader.example", "--topics", "dermatomyositis")[0] == 0
    app = _app(config)
    first = app.store.get_subscriber("O3@reader.example")
    assert first is not None and f"confirm/{first.confirm_token}" in handler.received[0].message.as_string()

    code, out, err = run(capsys, config, "subscribers", "add", "O3@Reader.example", "--topics", "research")
    assert code == 0, err
    assert "its link no longer confirms anything" in out and "confirmation mail sent" in out, out
    assert len(handler.received) == 2
    second = app.store.get_subscriber("O3@reader.example")
    assert second is not None and second.topics == ("research",) and second.state == "pending"
    mail = handler.received[1].message.as_string()
    assert f"confirm/{second.confirm_token}" in mail and "Research" in mail
    assert app.subscriber_by_token("confirm", first.confirm_token) is None  # the first mail's link: nothing

    # the same choice again: nothing changes, nothing is sent within the 24 h
    code, out, _ = run(capsys, config, "subscribers", "add", "O3@Reader.example", "--topics", "research")
    assert code == 0 and "not sent again" in out and len(handler.received) == 2
    assert app.subscriber_by_token("confirm", second.confirm_token) is not None
    app.close()
