"""TOML -> validated settings (pydantic). Every mistake names the file and the key.

Configuration is data: `Config.settings` is a frozen tree the rest of the program
reads; nothing else parses TOML. durations.py reads '30s'/'2h'; settings.py and
topics.py are the models of myofeed.toml and topics.toml; model.py derives
`Config` (absolute paths, sources, topics); load.py reads the files and
collects every mistake; frozen.py and cache.py keep the validated values, so that
a process whose config did not change does not import pydantic (the models below
are imported when first named).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import DEFAULT_BASE_URL, database_problem
from .durations import MAX_DURATION, parse_duration
from .load import load_config, load_topics, read_toml_text
from .model import (
    DEFAULT_CONFIG,
    Config,
    config_path,
    database_location,
    display_url,
    resolve_url,
)

if TYPE_CHECKING:
    from .settings import (
        DigestSettings,
        FetchSettings,
        MailSettings,
        PublishSettings,
        SelectorSettings,
        Settings,
        SourceSettings,
        StorageSettings,
        WebSettings,
        WorkersSettings,
    )
    from .topics import TopicSettings, TopicsFile

_MODELS = {
    "DigestSettings": "settings", "FetchSettings": "settings", "MailSettings": "settings",
    "PublishSettings": "settings", "SelectorSettings": "settings", "Settings": "settings",
    "SourceSettings": "settings", "StorageSettings": "settings", "WebSettings": "settings",
    "WorkersSettings": "settings", "TopicSettings": "topics", "TopicsFile": "topics",
}


def __getattr__(name: str) -> Any:
    module = _MODELS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_BASE_URL", "DEFAULT_CONFIG", "MAX_DURATION", "Config", "DigestSettings", "FetchSettings",
    "MailSettings", "PublishSettings", "SelectorSettings", "Settings", "SourceSettings", "StorageSettings",
    "TopicSettings", "TopicsFile", "WebSettings", "WorkersSettings", "config_path", "database_location",
    "database_problem", "display_url", "load_config", "load_topics", "parse_duration", "read_toml_text",
    "resolve_url",
]
