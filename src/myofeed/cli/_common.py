"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import click

from ..escaping import BIDI_MARKS, terminal_safe

if TYPE_CHECKING:
    from ..config import Config
    from ..core import Myofeed


MAX_ROW_ID = 2**63 - 1  # SQLite's INTEGER and PostgreSQL's BIGINT: no id or count goes past it


class _PostId(click.ParamType):
    """A post id: an integer a database can hold (a larger one was a traceback, OverflowError)."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        number: int = click.INT.convert(value, param, ctx)
        if abs(number) > MAX_ROW_ID:
            self.fail(f"{value} is not a post id (too large)", param, ctx)
        return number


POST_ID = _PostId()
# --limit N: past 64 bits a usage error (exit 2), like 0
LIMIT = click.IntRange(min=1, max=MAX_ROW_ID)


def load(ctx: click.Context) -> Config:
    from ..config import load_config

    # apart: a config not validated before is validated by a process of its own, so that a command
    # that runs for long (ingest, run) does not keep pydantic in memory (config/validate.py)
    return load_config(ctx.find_root().obj["config_file"], apart=True)


# The commands that only read the database, by their path under `myofeed`: the one place that says so.
# They open it read-only (store.open_storage(read_only=True): no migration, no sources sync, no journal
# switch, SQLite mode=ro), so an operator can look at the state on a read-only mount or a full disk.
# A command listed here that tried to write would fail ("attempt to write a readonly database").
READ_ONLY_COMMANDS = frozenset({"status", "posts", "posts show", "subscribers list", "backup"})


def reads_only(ctx: click.Context) -> bool:
    """Whether the running command is one of READ_ONLY_COMMANDS."""
    path = ctx.command_path.split(" ", 1)
    return len(path) == 2 and path[1] in READ_ONLY_COMMANDS


def open_app(ctx: click.Context) -> Myofeed:
    """The core facade for this config (read-only for READ_ONLY_COMMANDS); closed when the command ends."""
    from ..core import Myofeed
    from .runlock import served_url

    app = Myofeed(load(ctx), read_only=reads_only(ctx))
    ctx.call_on_close(app.close)
    if app.config.base_follows:
        url = served_url(app)  # a `run --port 18080` beside us: our links name where it serves
        if url is not None:
            app.use_config(app.config.follow_url(url))
    return app


def start_up_over(ctx: click.Context) -> None:
    """A one-shot command's start-up is over (modules, config, database): what it made lives to the process's
    end, so it is moved out of the cyclic collector's sight (gc.freeze), and no collection during the rest of
    the command walks it again (~2.4% of the instructions of an ingest pass where every source answers 304).
    Only in a process of the command's own: a process that goes on (tests calling `main`, a service) would
    never collect what was frozen once it became garbage."""
    if ctx.find_root().obj.get("own_process"):
        import gc

        gc.freeze()
        gc.enable()  # off since the process started (cli.main, QUIET_START)


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


# Text from sources passes through terminal_safe (escaping.py) before any terminal sees it.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI_MARKS}]")  # json escapes C0 itself


def echo(message: str = "", *, err: bool = False) -> None:
    """click.echo for lines that carry text from sources (titles, URLs, server errors)."""
    click.echo(terminal_safe(message), err=err)


def _json_safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # still valid JSON, same value


def print_json(value: Any) -> None:
    sys.stdout.write(_json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def print_jsonl(value: Any) -> None:
    sys.stdout.write(_json_safe(json.dumps(value, ensure_ascii=False)) + "\n")
