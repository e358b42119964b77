"""Shared helpers for the publish tests: a real Config in tmp_path and a Post factory.

A uniquely named module (not conftest) so other test folders' conftest files cannot shadow it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from myofeed.config import Config, PublishSettings, Settings, SourceSettings, TopicSettings, TopicsFile
from myofeed.types import Post

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
BASE_URL = "https://feeds.example.org/myo/"

TOPICS = (
    TopicSettings(
        slug="autoimmune-myopathy", title="Autoimmune myopathy", description="All idiopathic inflammatory myopathies."
    ),
    TopicSettings(slug="dermatomyositis", title="Dermatomyositis", parent="autoimmune-myopathy"),
    TopicSettings(slug="polymyositis", title="Polymyositis", parent="autoimmune-myopathy"),
    TopicSettings(slug="inclusion-body-myositis", title="Inclusion body myositis", parent="autoimmune-myopathy"),
    TopicSettings(slug="treatment", title="Treatment", aspect=True),
    TopicSettings(slug="research", title="Research", aspect=True),
)


def make_config(
    tmp_path: Path, *, items: int = 50, demo: bool = False, topics: tuple[TopicSettings, ...] = TOPICS
) -> Config:
    settings = Settings(
        publish=PublishSettings(dir="feeds", base_url=BASE_URL, items=items, demo=demo),
        sources=(
            SourceSettings(name="myositis-news", url="https://news.example.com/feed/"),
            SourceSettings(name="tmf-blog", url="https://tmf.example.org/blog/", title="The Myositis Forum"),
            SourceSettings(name="local-demo", url="demo/listing.html"),  # a file: URL once resolved
        ),
    )
    return Config(tmp_path / "config" / "myofeed.toml", settings, TopicsFile(topics=topics))


_counter = iter(range(1, 1_000_000))


def post(**overrides: Any) -> Post:
    """A valid on-topic Post; override any field."""
    n = next(_counter)
    fields: dict[str, Any] = dict(
        id=n,
        source="myositis-news",
        dedup_key=f"https://news.example.com/{n}",
        title=f"Post number {n}",
        url=f"https://news.example.com/{n}",
        author="Dr. Jane Roe",
        published="2025-11-20",
        comments=4,
        summary=f"Summary of post {n}.",
        summary_html=None,
        guid=None,
        categories=(),
        topics=("autoimmune-myopathy", "dermatomyositis"),
        evidence={},
        first_seen=datetime(2025, 11, 21, 8, 0, tzinfo=UTC),
        updated=datetime(2025, 11, 21, 8, 0, tzinfo=UTC),
    )
    fields.update(overrides)
    return Post(**fields)
