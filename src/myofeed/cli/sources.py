"""`myofeed sources list|add|remove|import|export`: the configured sources, edited in place.

The config file is edited with tomlkit (comments and layout kept) and validated
before it is replaced; a running `myofeed run` applies the change within seconds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from ..config.checks import malformed_url
from ._common import echo, load, print_json

if TYPE_CHECKING:
    from ..publish.opml import Subscription


def _interval(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--interval is validated as the config key would be (a usage error, exit 2)."""
    from ..config import parse_duration

    if value is not None:
        try:
            parse_duration(value, minimum=60)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


@click.group()
def sources() -> None:
    """The sources in the config file: list, add, remove, import or export them.

    \b
    Examples:
      myofeed sources list
      myofeed sources add https://clinic.example.org/feed.xml --interval 2h
      myofeed sources add https://blog.example.org/tag/myositis --name blog-myositis --kind html
      myofeed sources remove blog-myositis
      myofeed sources import subscriptions.opml
      myofeed sources export > sources.opml
    """


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of {name, url, kind, interval, title}.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """The configured sources, in config order.

    \b
    Examples:
      myofeed sources list
      myofeed sources list --json | jq -r '.[].url'
    """
    from ..config import display_url
    from ..configedit import format_duration

    config = load(ctx)
    rows = [
        {"name": s.name, "url": display_url(s.url, config.path.parent), "kind": s.kind, "interval": format_duration(s.interval), "title": s.title}
        for s in config.sources
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        echo(f"no sources in {config.path} (add one: myofeed sources add URL)")
    for r in rows:
        echo(f"{r['name']}  {r['kind']}  every {r['interval']}  {r['url']}")


@sources.command("add")
@click.argument("url")
@click.option("--name", help="Source name (default: from the URL).")
@click.option("--kind", type=click.Choice(["auto", "feed", "html"]), default="auto", show_default=True,
              help="feed, html (a listing page), or detect from the response.")
@click.option("--interval", metavar="D", callback=_interval,
              help="How often to fetch: 30m, 6h, 1d (default 60m; at least 1m).")
@click.option("--title", help="Display name in feeds and digests (default: the feed's or page's title).")
@click.option("--no-fetch", is_flag=True, help="Add without looking at the URL first.")
@click.pass_context
def add(ctx: click.Context, url: str, name: str | None, kind: str, interval: str | None, title: str | None,
        no_fetch: bool) -> None:
    """Add a feed or listing page to the config file, after fetching it once
    (under the network guard) to show what is there: feed or listing page,
    number of posts, any feed the page announces. The kind found is saved
    (kind = "feed" or "html"); with --no-fetch it stays "auto" unless --kind
    says. Nothing is stored in the database. Exit 1 when the URL cannot be
    fetched or parsed (nothing is added then).

    \b
    Examples:
      myofeed sources add https://clinic.example.org/feed.xml
      myofeed sources add https://blog.example.org/tag/myositis --kind html --interval 6h
      myofeed sources add saved/page.html --name saved-page --no-fetch
    """
    from ..config import resolve_url
    from ..configedit import ConfigFile, check_new_source, check_source_fields, name_for
    from ..exceptions import MyofeedError, UsageError
    from ..parse.untrusted import clean_title
    from ..probe import describe, probe

    config = load(ctx)
    if not url.strip():
        raise UsageError("the URL is empty: give a feed or page address, or a local file")
    if why := malformed_url(url):
        raise UsageError(f"not a URL: {url!r} ({why})")
    if name is not None and not name.strip():
        raise UsageError("--name is empty: leave it out to name the source from its URL")
    stored = _as_configured(url, config.path.parent)
    absolute = resolve_url(stored, config.path.parent)
    if absolute.startswith("file:") and not Path(urlsplit(absolute).path).exists():
        hint = f" (a web address needs its scheme: https://{url})" if "." in url.split("/", 1)[0] else ""
        raise UsageError(f"no such file {url}{hint}")
    name = name or name_for(url, (s.name for s in config.sources))
    fields = {"name": name, "url": stored, "kind": None if kind == "auto" else kind, "interval": interval}
    check_source_fields({**fields, "title": title})  # a bad URL or --name: exit 2, nothing fetched
    check_new_source(config, name, stored)
    found_title = None
    if not no_fetch:
        try:
            doc = probe(absolute, config.settings.fetch, kind=kind)
        except MyofeedError as exc:
            echo(f"{url}: FAILED: {exc}", err=True)
            echo("nothing added (use --no-fetch to add it anyway)", err=True)
            ctx.exit(1)
        from ..config.settings import SourceSettings

        defaults = SourceSettings.model_fields  # a new source reads as many pages as any source by default
        for line in describe(doc, config.settings.fetch.allow_hosts, first_pages=defaults["first_pages"].default,
                             pages=defaults["pages"].default):
            echo(line)
        found_title = doc.title
        # the kind found is saved: an "auto" source would be exported as a feed, and then imported
        # back as one (`sources export` cannot fetch to tell)
        fields["kind"] = fields["kind"] or doc.kind
    file = ConfigFile(config.path)
    file.add_source({"name": name, "title": clean_title(title or found_title), "url": stored,
                     "kind": fields["kind"], "interval": interval})
    file.save()
    echo(f"added source {name!r} to {config.path} (a running `myofeed run` picks it up within seconds)")
    if not no_fetch and not doc.posts:
        # added as asked, but say what follows (outside audit 7, minor 2: only the first ingest told)
        echo(f"note: added although no posts were found there: its ingests fail until they find some "
             f"(set selectors, see `myofeed extract`, or `myofeed sources remove {name}`)")


@sources.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx: click.Context, name: str) -> None:
    """Remove a source from the config file. Its stored posts stay (and stay in
    the feeds until newer posts push them out); adding it back resumes it.

    \b
    Example:
      myofeed sources remove blog-myositis
    """
    from ..configedit import ConfigFile

    config = load(ctx)
    config.source(name)  # unknown: one line, exit 2
    file = ConfigFile(config.path)
    if not file.remove_source(name):
        from ..exceptions import NotFoundError

        raise NotFoundError(f"source {name!r} is not a [[sources]] table of {config.path}")
    file.save()
    echo(f"removed source {name!r} from {config.path}")


@sources.command("import")
@click.argument("opml_file", metavar="FILE.opml", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["auto", "feed", "html"]), default=None,
              help="Kind for every imported source (default: the outline's own kind= attribute; else "
                   "html for a type=\"link\" outline, feed for the rest).")
@click.option("--interval", metavar="D", callback=_interval,
              help="Fetch interval for every imported source (default 60m).")
@click.pass_context
def import_(ctx: click.Context, opml_file: Path, kind: str | None, interval: str | None) -> None:
    """Add every feed of an OPML subscription list (another reader's export),
    folders included. URLs already configured are skipped; nothing is fetched
    (run `myofeed check --live` afterwards).

    \b
    Example:
      myofeed sources import ~/Downloads/subscriptions.opml
    """
    from ..config import resolve_url
    from ..config.settings import SOURCE_NAME
    from ..configedit import ConfigFile, name_for
    from ..exceptions import UsageError
    from ..parse.untrusted import clean_title
    from ..publish.opml import read_source_list

    config = load(ctx)
    try:
        subs = read_source_list(opml_file.read_bytes())
    except ValueError as exc:
        raise UsageError(f"{opml_file}: {exc}") from None
    names = [s.name for s in config.sources]
    urls = {s.url: s.name for s in config.sources}
    file = ConfigFile(config.path)
    added = skipped = 0
    for sub in subs:
        if sub.skipped:
            echo(f"skipped outline {sub.title or '(untitled)'!r}: {sub.skipped}")
            skipped += 1
            continue
        scheme = urlsplit(sub.url).scheme if not malformed_url(sub.url) else ""
        if scheme not in ("http", "https"):
            echo(f"skipped {sub.url}: only http(s) feeds are imported")
            skipped += 1
            continue
        absolute = resolve_url(sub.url, config.path.parent)
        if absolute in urls:
            echo(f"skipped {sub.url}: already configured as {urls[absolute]!r}")
            skipped += 1
            continue
        title = clean_title(sub.title)
        # an export's own name= comes back as it was (outside audit 7, minor 6), when it is a name the
        # config takes and not taken already; else one is made from the title or URL
        name = (sub.name if sub.name and SOURCE_NAME.fullmatch(sub.name) and sub.name not in names
                else name_for(sub.url, names, title=title))
        names.append(name)
        urls[absolute] = name
        file.add_source({"name": name, "title": title, "url": sub.url,
                         "kind": kind or sub.kind or "feed", "interval": interval or _outline_interval(sub)})
        echo(f"added {name}  {sub.url}")
        added += 1
    if added:
        file.save()
    echo(f"imported {added} source{'' if added == 1 else 's'}, skipped {skipped} (into {config.path})")


def _outline_interval(sub: Subscription) -> str | None:
    """An outline's own interval= (our export writes it), when it is one the config would take; an
    OPML file is untrusted input: anything else is left out, and the default applies."""
    from ..config import parse_duration

    value = sub.interval
    if not value:
        return None
    try:
        parse_duration(value, minimum=60)
    except ValueError:
        echo(f"note: {sub.url}: ignored interval={value!r} (expected a duration such as '2h')")
        return None
    return str(value)


@sources.command("export")
@click.pass_context
def export(ctx: click.Context) -> None:
    """Write the configured sources as an OPML 2.0 subscription list on stdout.

    \b
    Example:
      myofeed sources export > sources.opml
    """
    from ..config import SourceSettings
    from ..configedit import format_duration
    from ..publish.opml import Subscription, render_source_list

    config = load(ctx)
    default = SourceSettings.model_fields["interval"].default  # left out: an import gives it anyway
    subs = [Subscription(s.url, s.title or s.name, s.kind,
                         format_duration(s.interval) if s.interval != default else None, name=s.name)
            for s in config.sources]
    sys.stdout.flush()
    sys.stdout.buffer.write(render_source_list(f"{config.settings.publish.title}: sources", subs))
    sys.stdout.buffer.flush()


def _as_configured(url: str, config_dir: Path) -> str:
    """What goes into the file: a URL as given; a local path relative to the config file's
    directory when it lies inside it (as the shipped demo sources are), else absolute."""
    if urlsplit(url).scheme:
        return url
    path = Path(url).expanduser().resolve()
    if not path.exists():
        return url  # reported by the caller
    try:
        return str(path.relative_to(config_dir))
    except ValueError:
        return os.fspath(path)
