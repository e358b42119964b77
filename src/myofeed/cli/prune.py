"""`myofeed prune`: apply the retention rule ([storage].keep) now."""

from __future__ import annotations

import click

from ._common import open_app, parse_now


@click.command()
@click.option("--now", "now_", metavar="ISO8601", help="Fix the clock the ages are counted from.")
@click.pass_context
def prune(ctx: click.Context, now_: str | None) -> None:
    """Delete the posts older than [storage].keep that no output feed's newest
    `items` still shows; `myofeed run` does this hourly on its own. A deleted
    post never comes back from a later fetch. Without [storage].keep nothing
    is deleted. Run `myofeed publish` afterwards.

    \b
    Examples:
      myofeed prune
      myofeed prune --now 2026-11-21T00:00:00Z
    """
    app = open_app(ctx)
    keep = app.config.settings.storage.keep
    if keep is None:
        click.echo("[storage].keep is not set: every post is kept")
        return
    deleted = app.prune(parse_now(now_))
    click.echo(f"deleted {deleted} post{'' if deleted == 1 else 's'} older than {keep / 86400:g} days")
