"""`myofeed check`: validate the configuration (and, with --live, the sources)."""

from __future__ import annotations

import sys

import click


@click.command()
@click.option("--live", is_flag=True, help="Also fetch every source and check that it still yields posts.")
@click.pass_context
def check(ctx: click.Context, live: bool) -> None:
    """Validate the configuration; exit 2 on a configuration error. Every mistake
    is listed at once, one line each naming the file and the key; a misspelt key
    gets the nearest known one; local source files must exist.

    With --live, fetch each source once (nothing is stored) and report those that
    yield no posts or fail, and feeds a listing page announces; exit 1 then.

    \b
    Examples:
      myofeed check
      myofeed --config /etc/myofeed/myofeed.toml check --live
    """
    from ..config import load_config

    config = load_config(ctx.find_root().obj["config_file"], check_files=True)
    click.echo(
        f"{config.path}: ok ({len(config.sources)} sources, {len(config.topics)} topics from {config.topics_path.name})"
    )
    from ..classify import Classifier

    Classifier.from_topics(config.topics_file)  # rule compilation errors surface here
    if not live:
        return
    problems = _check_live(config)
    sys.exit(1 if problems else 0)


def _check_live(config: object) -> int:
    from ..exceptions import MyofeedError
    from ..probe import probe

    problems = 0
    for source in config.sources:  # type: ignore[attr-defined]
        try:
            doc = probe(source.url, config.settings.fetch, kind=source.kind, selectors=source.selectors)  # type: ignore[attr-defined]
        except MyofeedError as exc:
            click.echo(f"{source.name}: FAILED: {exc}")
            problems += 1
            continue
        if not doc.posts:
            click.echo(f"{source.name}: BROKEN: no posts found at {source.url}")
            problems += 1
        else:
            click.echo(f"{source.name}: ok, {len(doc.posts)} posts ({doc.kind})")
        for feed in doc.feed_links if doc.kind == "html" else ():
            click.echo(f"{source.name}: note: the page announces a feed: {feed} (set url to it and kind = \"feed\")")
    return problems
