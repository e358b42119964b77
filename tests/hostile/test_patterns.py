"""Item 14: slug and source-name patterns match the whole value (no trailing newline slips past `$`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import TOPICS
from ._hostile import myofeed, source


def test_a_topic_slug_with_a_trailing_newline_is_refused(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text(TOPICS.read_text(encoding="utf-8").replace('slug = "living-with"', 'slug = "living-with\\n"'),
                      encoding="utf-8")
    run = myofeed(config_file(topics=topics), "check")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "slug" in run.stderr and "living-with\\n" in run.stderr
    assert not (tmp_path / "feeds").exists() or not any("\n" in p.name for p in (tmp_path / "feeds").iterdir())


@pytest.mark.parametrize("name", ["blog\\n", "blog\\r", "blog\\u0000"])
def test_a_source_name_with_a_control_character_is_refused(name: str, config_file: Callable[..., Path]) -> None:
    run = myofeed(config_file(source("x", "https://blog.example/feed").replace('"x"', f'"{name}"')), "check")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "sources[0].name" in run.stderr


def test_fetch_timeout_nan_is_refused(config_file: Callable[..., Path]) -> None:
    path = config_file()
    path.write_text(path.read_text().replace('timeout = "5s"', "timeout = nan"))
    run = myofeed(path, "check")
    assert run.returncode == 2 and "fetch.timeout" in run.stderr and "finite" in run.stderr, run.stderr
