"""`myofeed publish`: write every output feed, atomically."""

from __future__ import annotations

import click

from ._common import open_app


@click.command()
@click.pass_context
def publish(ctx: click.Context) -> None:
    """Write every topic feed (Atom, RSS, JSON Feed), all.*, index.html and
    feeds.opml into [publish].dir. Unchanged files keep their bytes and mtime.

    \b
    Example:
      myofeed publish && ls feeds/
    """
    app = open_app(ctx)
    result = app.publish()
    removed = f", {len(result.removed)} removed ({', '.join(result.removed)})" if result.removed else ""
    click.echo(f"{app.config.publish_dir}: {len(result.written)} written, {len(result.unchanged)} unchanged{removed}")
