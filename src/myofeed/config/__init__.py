"""TOML -> validated settings (pydantic). Every mistake names the file and the key.

Configuration is data: `Settings` is a frozen tree the rest of the program
reads; nothing else parses TOML. durations.py reads '30s'/'2h'; settings.py and
topics.py are the models of myofeed.toml and topics.toml; model.py derives
`Config` (absolute paths, sources, topics); load.py reads the files and
collects every mistake.
"""

from __future__ import annotations

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
from .settings import (
    DEFAULT_BASE_URL,
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
    database_problem,
)
from .topics import TopicSettings, TopicsFile

__all__ = [
    "DEFAULT_BASE_URL", "DEFAULT_CONFIG", "MAX_DURATION", "Config", "DigestSettings", "FetchSettings",
    "MailSettings", "PublishSettings", "SelectorSettings", "Settings", "SourceSettings", "StorageSettings",
    "TopicSettings", "TopicsFile", "WebSettings", "WorkersSettings", "config_path", "database_location",
    "database_problem", "display_url", "load_config", "load_topics", "parse_duration", "read_toml_text",
    "resolve_url",
]
