"""Fixtures for the publish tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _publish_helpers import make_config

from myofeed.config import Config


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture(autouse=True)
def _no_fsync(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """fsync only makes writes durable across power loss; waiting for it makes tests slow.

    Tests with "fsync" in their name keep the real call.
    """
    if "fsync" not in request.node.name:
        monkeypatch.setattr(os, "fsync", lambda fd: None)
