"""`myofeed reclassify`: re-run the topic rules over every stored post."""

from __future__ import annotations

import click

from ._common import open_app


@click.command()
@click.option("--no-publish", is_flag=True, help="Only update the database.")
@click.pass_context
def reclassify(ctx: click.Context, no_publish: bool) -> None:
    """Re-classify stored posts after editing config/topics.toml, then
    republish the feeds that changed. Operator corrections (posts label/hide)
    are kept.

    \b
    Example:
      $EDITOR config/topics.toml && myofeed check && myofeed reclassify
    """
    app = open_app(ctx)
    changed = app.reclassify()
    click.echo(f"{changed} posts changed")
    if changed and not no_publish:
        result = app.publish()
        click.echo(f"published: {len(result.written)} written, {len(result.unchanged)} unchanged")
