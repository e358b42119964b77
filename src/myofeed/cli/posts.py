"""`myofeed posts`: list stored posts; `posts label|hide|show` correct one."""

from __future__ import annotations

import click

from ._common import LIMIT, POST_ID, echo, open_app, print_json, print_jsonl


@click.group(invoke_without_command=True)
@click.option("--topic", metavar="SLUG", help="Only posts in this topic (subtypes included).")
@click.option("--source", metavar="NAME", help="Only posts from this source (one removed from the config too, while its posts are stored).")
@click.option("--limit", type=LIMIT, help="At most N posts.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines: id, source, title, url, author, published, comments, topics.")
@click.pass_context
def posts(ctx: click.Context, topic: str | None, source: str | None, limit: int | None, as_json: bool) -> None:
    """List stored posts, newest first (every post, on-topic or not).

    \b
    Examples:
      myofeed posts --topic dermatomyositis --limit 5
      myofeed posts --json | jq -r .title
      myofeed posts show 42
      myofeed posts label 42 +treatment -research
      myofeed posts hide 42
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..publish.entries import display_title, post_json

    app = open_app(ctx)
    for p in app.posts(topic=topic, source=source, limit=limit):
        if as_json:
            print_jsonl(post_json(p))
        else:
            date = p.published or "undated"
            hidden = " [hidden]" if p.hidden else ""
            echo(f"{p.id:>6}  {date[:10]:10}  {p.source}: {display_title(p)}{hidden}")
            echo(f"        {', '.join(p.topics) or 'off-topic'}  {p.url or ''}")


@posts.command("show")
@click.argument("post_id", type=POST_ID)
@click.pass_context
def show(ctx: click.Context, post_id: int) -> None:
    """One post with its topics and the evidence for each (rules and corrections).

    \b
    Example:
      myofeed posts show 42 | jq .why
    """
    print_json(open_app(ctx).explain(post_id))


# "-research" must reach CHANGES as it is: unknown short options are kept as arguments, and
# only the long --help is an option here (a bundle "-research" would otherwise contain -h)
@posts.command("label", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("post_id", type=POST_ID)
@click.argument("changes", nargs=-1, required=True)
@click.pass_context
def label(ctx: click.Context, post_id: int, changes: tuple[str, ...]) -> None:
    """Correct one post's topics: +slug adds, -slug removes. Corrections
    survive `myofeed reclassify`; run `myofeed publish` to update the feeds.

    \b
    Example:
      myofeed posts label 42 +treatment -research
    """
    add: list[str] = []
    remove: list[str] = []
    for ch in changes:
        if len(ch) < 2 or ch[0] not in "+-":
            raise click.BadParameter(f"expected +slug or -slug, got {ch!r}", param_hint="CHANGES")
        (add if ch[0] == "+" else remove).append(ch[1:])
    app = open_app(ctx)
    post = app.label_post(post_id, add, remove)
    echo(f"post {post.id}: topics now {', '.join(post.topics) or 'none (off-topic)'}")


@posts.command("hide")
@click.argument("post_id", type=POST_ID)
@click.option("--undo", is_flag=True, help="Show the post again.")
@click.pass_context
def hide(ctx: click.Context, post_id: int, undo: bool) -> None:
    """Hide one post from every feed and digest (kept in the database).

    \b
    Examples:
      myofeed posts hide 42
      myofeed posts hide 42 --undo
    """
    post = open_app(ctx).hide_post(post_id, not undo)
    echo(f"post {post.id}: {'hidden' if post.hidden else 'visible'}")
