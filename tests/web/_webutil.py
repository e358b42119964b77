"""Helpers the web tests import (conftest holds the fixtures)."""

from __future__ import annotations

import re

import pytest


def csrf_from(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF field in the page"
    return m.group(1)


def has_send_confirmation() -> bool:
    try:
        from myofeed.digest import send_confirmation  # noqa: F401
    except ImportError:
        return False
    return True


needs_mail = pytest.mark.skipif(not has_send_confirmation(), reason="myofeed.digest.send_confirmation not written yet")
