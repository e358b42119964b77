"""publish reads each output feed's newest posts from topic_index (one index range per feed); the
posts must be exactly those the plain query over posts and post_topics gives: visible ones only,
newest first, ties by id, `items` per feed (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from myofeed._types import FetchOutcome, PostWrite
from myofeed.config import load_config
from myofeed.core import Myofeed

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)
TOPICS = [("dermatomyositis", "autoimmune-myopathy"), ("polymyositis", "autoimmune-myopathy"), ("treatment",), ()]


def _post(i: int) -> PostWrite:
    day = datetime(2025, 9, 1, tzinfo=UTC) + timedelta(days=i // 3)  # three posts share each date: ties
    labels = TOPICS[i % len(TOPICS)]
    return PostWrite(
        dedup_key=f"k{i}", title=f"Demo note {i}", url=f"https://notes.example/{i}", author=None,
        published=day.isoformat(), sort_key=day, comments=None, summary=f"Demo note {i}.", summary_html=None,
        guid=None, categories=(), labels=labels, evidence={t: ("demo",) for t in labels},
    )


def test_publishable_posts_are_the_newest_visible_posts_of_each_feed(
    tmp_path: Path, config_file: Callable[..., Path]
) -> None:
    app = Myofeed(load_config(config_file('[[sources]]\nname = "notes"\nurl = "https://notes.example/feed"\n')))
    try:
        app.store.record_fetch("notes", FetchOutcome(ok=True, at=NOW, next_due=NOW), [_post(i) for i in range(90)])
        for post in app.posts()[:7]:  # hide some of the newest: they must not be published
            app.hide_post(post.id)
        n = app.config.settings.publish.items
        want: dict[int, str] = {p.id: p.title for p in app.store.list_posts(on_topic_only=True, limit=n,
                                                                           primary_only=True)}
        for topic in app.config.topics:
            want.update((p.id, p.title) for p in app.store.list_posts(topic=topic.slug, limit=n, primary_only=True))
        for topic in [None, *(t.slug for t in app.config.topics)]:  # each feed's own newest n, in order
            plain = app.store.list_posts(topic=topic, on_topic_only=topic is None, limit=n, primary_only=True)
            assert [p.id for p in app.store.topic_page(topic, offset=0, limit=n, total=n).posts] == [
                p.id for p in plain], topic
        got = app.publishable_posts()
        assert [p.id for p in got] == sorted(want)
        assert {p.id: p.title for p in got} == want
        assert not any(p.hidden for p in got)
        assert len(got) > n  # the per-topic feeds reach past the 'all' feed's newest n
    finally:
        app.close()
