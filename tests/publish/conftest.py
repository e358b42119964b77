"""Fixtures for the publish tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from _publish_helpers import make_config

from myofeed.config import Config


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)
