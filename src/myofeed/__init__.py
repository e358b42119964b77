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


def __getattr__(name: str) -> str:
    # __version__ is read from the installed metadata on first use: importlib.metadata costs
    # tens of milliseconds to import, which `myofeed --help` and the parse workers need not pay.
    if name == "__version__":
        value = _dist_info_version()
        if value is None:
            try:
                from importlib.metadata import version

                value = version("myofeed")
            except Exception:  # pragma: no cover - running from a source tree without metadata
                value = "0"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _dist_info_version() -> str | None:
    """The version in the name of the installed metadata's folder (myofeed-0.1.0.dist-info), the first
    on sys.path as importlib.metadata finds it; None when there is none. Every ingest names the version
    in its User-Agent, and importing importlib.metadata to read it costs ~15 ms of an unchanged pass."""
    import os
    import sys

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found = [n for n in names if n.startswith("myofeed-") and n.endswith(".dist-info")]
        if len(found) == 1:
            return found[0][len("myofeed-") : -len(".dist-info")]
        if found:
            return None  # a stale one beside it: importlib.metadata decides
    return None


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
