"""`myofeed status`: per-source health."""

from __future__ import annotations

import click

from ._common import POST_ID, echo, open_app, print_json


@click.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON array, one object per source.")
@click.option("--post", "post_id", type=POST_ID, metavar="ID", help="Show one stored post with its topic evidence.")
@click.pass_context
def status(ctx: click.Context, as_json: bool, post_id: int | None) -> None:
    """Per-source health: last success, last error, consecutive failures,
    next fetch, post count, and whether the scrape looks broken.

    \b
    Examples:
      myofeed status
      myofeed status --json | jq '.[] | select(.broken)'
      myofeed status --post 42
    """
    app = open_app(ctx)
    if post_id is not None:
        print_json(app.explain(post_id))
        return
    rows = app.status()
    if as_json:
        print_json([s.to_json() for s in rows])
        return
    if not rows:
        echo("no sources configured")
        return
    for s in rows:
        # a source never fetched is neither healthy nor failing (as on the /status page): it is due now
        new = s.last_success is None and not s.consecutive_failures and not s.broken
        flag = "BROKEN" if s.broken else ("failing" if s.consecutive_failures else ("new" if new else "ok"))
        moved = f" -> {s.redirected_to}" if s.redirected_to else ""
        echo(f"{s.name} [{flag}] {s.url}{moved}")
        due = "now (not fetched yet)" if new and s.next_fetch is None else _t(s.next_fetch)
        echo(f"  posts: {s.posts}   last success: {_t(s.last_success)}   next fetch: {due}")
        if s.consecutive_failures or s.last_error:
            echo(f"  consecutive failures: {s.consecutive_failures}   last error: {s.last_error}")
        if s.broken_reason:
            echo(f"  broken: {s.broken_reason}")
        for feed in s.feed_links:
            echo(f"  announces a feed: {feed}")


def _t(value: object) -> str:
    return value.isoformat(timespec="seconds") if value is not None else "never"  # type: ignore[attr-defined]
