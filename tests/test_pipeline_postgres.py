"""The pipeline end to end on PostgreSQL: the demo sources ingested, the feeds
published, a digest mailed to a local SMTP server (aiosmtpd), the ledger written;
and the same posts, topics and feed entries as on SQLite."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.digest import send_due

from .conftest import REPO
from .digest.conftest import T0, SinkHandler, free_port


def demo_config(tmp_path: Path, smtp_port: int) -> Path:
    text = (REPO / "config" / "myofeed.toml").read_text()
    cfg = tmp_path / "config"
    cfg.mkdir(exist_ok=True)
    text = (text.replace('topics = "topics.toml"', f'topics = "{REPO}/config/topics.toml"')
            .replace('"demo/', f'"{REPO}/config/demo/')
            .replace('from = "digest@example.org"',
                     f'from = "digest@example.org"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}'))
    (cfg / "myofeed.toml").write_text(text)
    return cfg / "myofeed.toml"


def run_pipeline(config: Path, database: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Myofeed, int]:
    """Subscribe, ingest, publish, mail: what `run` does, on `database`. Returns the app and the mails sent."""
    monkeypatch.setenv("MYOFEED_DATABASE", database)
    app = Myofeed(load_config(config))
    assert app.database == database  # $MYOFEED_DATABASE wins over [storage].database
    app.add_subscriber("ada@mail.example", ["dermatomyositis", "inclusion-body-myositis"], "daily",
                       confirmed=True, now=T0)
    reports = app.ingest(all=True, now=T0 + timedelta(hours=1))
    assert reports and all(r.ok for r in reports), reports
    app.publish()
    report = send_due(app, now=T0 + timedelta(days=1))
    assert report.ok and report.sent == 1, report
    again = send_due(app, now=T0 + timedelta(days=1, minutes=5))
    assert again.sent == 0  # the ledger says it went out: not mailed twice
    return app, report.sent


def entries(feed: Path) -> list[str]:
    """The entry titles of an Atom feed (not its timestamps, nor ids that follow the order sources finished)."""
    return sorted(re.findall(r"<entry>.*?<title[^>]*>(.*?)</title>", feed.read_text(), re.S))


def test_ingest_publish_digest_on_postgresql_as_on_sqlite(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.pg import fresh_database

    handler = SinkHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    apps: list[Myofeed] = []
    try:
        pg_dir, lite_dir = tmp_path / "pg", tmp_path / "lite"
        pg_dir.mkdir()
        lite_dir.mkdir()
        pg, pg_sent = run_pipeline(demo_config(pg_dir, port), fresh_database(request, empty=True), monkeypatch)
        apps.append(pg)
        lite, lite_sent = run_pipeline(demo_config(lite_dir, port), str(lite_dir / "myofeed.db"), monkeypatch)
        apps.append(lite)
        assert pg.store.backend == "postgresql" and lite.store.backend == "sqlite"

        def stored(app: Myofeed) -> list[tuple[object, ...]]:
            # ids follow the order in which sources finish (concurrent fetches): compared by key instead
            return sorted((p.source, p.dedup_key, p.title, p.published, p.topics, p.evidence, p.hidden, p.first_seen)
                          for p in app.posts())

        assert stored(pg) and stored(pg) == stored(lite)
        assert pg.topic_stats() == lite.topic_stats()
        for topic in [t.slug for t in pg.config.topics] + ["all"]:
            assert entries(pg.config.publish_dir / f"{topic}.atom") == entries(lite.config.publish_dir / f"{topic}.atom")
        # one mail each, listing the same posts
        assert pg_sent == lite_sent == 1 and len(handler.received) == 2
        bodies = [r.message.get_body(("plain",)).get_content() for r in handler.received]  # type: ignore[union-attr]
        links = [sorted(re.findall(r"https?://\S+", b)) for b in bodies]
        assert links[0] and [u for u in links[0] if "unsubscribe" not in u and "preferences" not in u] == [
            u for u in links[1] if "unsubscribe" not in u and "preferences" not in u]
        sub = pg.subscriber("ada@mail.example")
        assert sub is not None and sub.last_digest_at == T0 + timedelta(days=1)
        assert pg.delivered_post_ids(sub.id)
        assert [s.to_json() for s in pg.status()] == [s.to_json() for s in lite.status()]
    finally:
        for app in apps:
            app.close()
        controller.stop()
