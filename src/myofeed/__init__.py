"""myofeed: aggregate myositis posts from feeds and listing pages into topic
feeds and digest emails.

    from myofeed import load_config, make_app
    app = make_app(load_config("config/myofeed.toml"))
    app.ingest(all=True); app.publish()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import (
    Classification,
    ExtractedPost,
    IngestReport,
    ParsedDocument,
    Post,
    Selectors,
    Source,
    SourceStatus,
    Subscriber,
    Topic,
)

if TYPE_CHECKING:
    from .config import Config
    from .core import Myofeed

try:
    from importlib.metadata import version as _version

    __version__ = _version("myofeed")
except Exception:  # pragma: no cover - running from a source tree without metadata
    __version__ = "0"


def make_app(config: Config | str | None = None) -> Myofeed:
    """Build the object graph for a configuration (a Config, a path, or the default)."""
    from .config import Config, load_config
    from .core import Myofeed

    return Myofeed(config if isinstance(config, Config) else load_config(config))


def load_config(path: str | None = None) -> Config:
    from .config import load_config as _load

    return _load(path)


__all__ = [
    "Classification", "ExtractedPost", "IngestReport", "ParsedDocument", "Post", "Selectors", "Source",
    "SourceStatus", "Subscriber", "Topic", "load_config", "make_app", "__version__",
]
