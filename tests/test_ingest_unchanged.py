"""Entries a feed repeats unchanged on a 200 are neither classified nor written again (issue 14): the
parse worker compares each post with the stored post's content hash and skips the equal ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from myofeed._types import FetchResult
from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.parse import default_parsers, job
from myofeed.stories import story_print
from myofeed.types import Classification

from .conftest import FixtureServer, Route
from .test_ingest import rss

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)
ITEMS = [(f"Dermatomyositis note {i}", f"g{i}", f"https://blog.example/{i}") for i in range(6)]
FEED = {"Content-Type": "application/rss+xml"}


class Counting:
    """The application's classifier, counting the titles it was asked about."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.titles: list[str] = []

    def classify(self, title: str, summary: str, categories: Sequence[str] = ()) -> Classification:
        self.titles.append(title)
        result: Classification = self.real.classify(title, summary, categories)
        return result


@pytest.fixture
def app(tmp_path: Path, config_file: Callable[..., Path], http_server: FixtureServer) -> Any:
    http_server.routes["/feed"] = Route(rss(ITEMS), 200, FEED)  # no validators: every fetch is a 200
    app = Myofeed(load_config(config_file(
        f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\ninterval = "60m"\n')))
    yield app
    app.close()


def test_the_worker_classifies_only_new_and_changed_entries(app: Myofeed, http_server: FixtureServer) -> None:
    [first] = app.ingest(all=True, now=NOW)
    assert first.new == 6
    changed = [*ITEMS[:2], ("Dermatomyositis note 2, corrected", "g2", ITEMS[2][2]), *ITEMS[3:],
               ("Polymyositis news", "g9", "https://blog.example/9")]
    counting = Counting(app.classifier)
    job.init_worker(counting, default_parsers())  # type: ignore[arg-type]
    result = FetchResult(url=http_server.url("/feed"), status=200, content=rss(changed),
                         headers={"content-type": "application/rss+xml"})
    doc, writes, unchanged = job.parse_classify(result, app.config.source("blog"), NOW, "auto",
                                                app.store.content_hashes("blog"))
    assert unchanged == 5
    assert sorted(w.dedup_key for w in writes) == ["guid:g2", "guid:g9"]
    assert sorted(counting.titles) == ["Dermatomyositis note 2, corrected", "Polymyositis news"]
    # each post is fingerprinted for stories in the worker too: the store's writer only writes and looks up
    assert all(w.story is not None and w.story == story_print(w.title, w.summary, w.url) for w in writes)
    # without what the store holds (a first fetch), every entry is classified
    counting.titles.clear()
    _, writes, unchanged = job.parse_classify(result, app.config.source("blog"), NOW, "auto", None)
    assert unchanged == 0 and len(writes) == len(counting.titles) == 7


def test_a_200_repeating_every_entry_stores_nothing_and_is_not_broken(
    app: Myofeed, http_server: FixtureServer
) -> None:
    [first] = app.ingest(all=True, now=NOW)
    assert (first.new, first.updated) == (6, 0)
    [again] = app.ingest(all=True, now=NOW)
    assert again.ok and (again.new, again.updated, again.not_modified) == (0, 0, False)
    assert again.broken_reason is None
    state = app.store.source_state("blog")
    assert state is not None and not state.broken
    assert state.last_count == 6  # the skipped entries still count as the feed's posts
    # one entry edited, one added: exactly those are stored
    http_server.routes["/feed"] = Route(rss([*ITEMS[:5], ("Dermatomyositis note 5, edited", "g5", ITEMS[5][2]),
                                             ("Myositis day", "g7", "https://blog.example/7")]), 200, FEED)
    [third] = app.ingest(all=True, now=NOW)
    assert (third.new, third.updated) == (1, 1)
    titles = {p.title for p in app.posts()}
    assert "Dermatomyositis note 5, edited" in titles and "Myositis day" in titles and len(titles) == 7
