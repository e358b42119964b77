"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..config import Config
    from ..core import Myofeed


def load(ctx: click.Context) -> Config:
    from ..config import load_config

    return load_config(ctx.find_root().obj["config_file"])


def open_app(ctx: click.Context) -> Myofeed:
    """The core facade for this config; closed when the command ends."""
    from ..core import Myofeed

    app = Myofeed(load(ctx))
    ctx.call_on_close(app.close)
    return app


def parse_now(value: str | None) -> datetime:
    """--now ISO8601 -> aware datetime (UTC when no offset is given)."""
    if value is None:
        return datetime.now(timezone.utc)
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"expected ISO 8601 such as 2025-11-21T08:00:00Z, got {value!r}", param_hint="--now"
        ) from None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_jsonl(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")
