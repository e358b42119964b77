"""`myofeed extract FILE_OR_URL`: preview the posts of a listing page or feed, without storing anything."""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import click

from ..config.checks import malformed_url
from ..exceptions import FetchError, MyofeedError
from ._common import echo, parse_now, print_json

if TYPE_CHECKING:
    from ..config import FetchSettings
    from ..types import ParsedDocument, Selectors, Source


MAX_PAGES = 50  # a preview, not a crawl: each page is a fetch under the network guard


@click.command("extract")
@click.argument("target", metavar="FILE_OR_URL")
@click.option("--base-url", metavar="URL", help="The page's own URL, to resolve relative links (default: the URL "
              "fetched; for a saved page, its canonical or og:url, else the file's file: URL).")
@click.option("--now", "now_opt", metavar="ISO8601", help="Fix 'now' for relative dates such as '3 days ago'.")
@click.option("--pages", type=click.IntRange(min=1), default=1, show_default=True,
              help=f"Follow rel=next / 'Older posts' links up to N pages (at most {MAX_PAGES}: a larger N is "
              "capped, with a note on stderr).")
@click.option("--source", "source_name", metavar="NAME",
              help="Apply that configured source's selectors; for a saved page, take its base_url as ingest does "
              "(else its url, when that is http(s)).")
@click.option("--explain", is_flag=True, help='Add to each post a "_why" object: the rule (and element) each field '
              "came from.")
@click.pass_context
def extract(ctx: click.Context, target: str, base_url: str | None, now_opt: str | None, pages: int,
            source_name: str | None, explain: bool) -> None:
    """Print, as a JSON array, the posts found on one listing page or feed.

    Nothing is stored. The page given is read as it is, never swapped for a feed it
    announces (announced feeds are noted on stderr). Relative links resolve against the
    URL fetched (and the page's <base href>); a saved page without --base-url (or a
    --source base_url) uses its own <link rel="canonical"> or og:url, on every page of
    --pages N. Notes on stderr say what was left out and why nothing was found; stdout
    stays a JSON array.

    \b
    Examples:
      myofeed extract page.html --base-url https://blog.example/tag/myositis/
      myofeed extract https://blog.example/tag/myositis/ --pages 2
      myofeed extract saved.html --now 2025-11-21T08:00:00Z --source clinic-news --explain
    """
    now = parse_now(now_opt)
    if base_url is not None and not _is_url(base_url):
        raise click.BadParameter(f"expected the page's own absolute http(s) URL, got {base_url!r}",
                                 param_hint="--base-url")
    if why := malformed_url(target):
        raise click.BadParameter(f"expected a file or an http(s) URL, got {target!r} ({why})", param_hint="FILE_OR_URL")
    if urlsplit(target).scheme in ("http", "https") and not _is_url(target):
        raise click.BadParameter(f"expected a file or an http(s) URL with a host, got {target!r}",
                                 param_hint="FILE_OR_URL")
    if pages > MAX_PAGES:
        echo(f"note: --pages {pages} capped at {MAX_PAGES} pages", err=True)
        pages = MAX_PAGES
    source = _source(ctx, source_name)
    selectors = source.selectors if source is not None else None
    if base_url is None and source is not None and not _is_url(target):
        # a saved copy of the source's page: the base ingest gives that source's documents (base_url
        # for its file: copies; a fetched page resolves against the address it came from)
        base_url = source.base_url or (source.url if _is_url(source.url) else None)

    def settings() -> FetchSettings:  # read the config only when a URL is fetched
        return _fetch_settings(ctx)

    posts: list[dict[str, object]] = []
    url: str | None = target
    seen: set[str] = set()
    told_empty = False
    folder: Path | None = None  # a local page's next pages must stay in its folder
    public: str | None = None  # a saved page's public address, as the page before it gives it
    for page in range(pages):
        if url is None or url in seen:
            break
        if page and not _may_follow(url, folder):
            echo(f"note: not following next page {url} (outside the first page's folder or scheme)", err=True)
            break
        seen.add(url)
        try:
            doc, final_url = _page(url, page, base_url, public, now, selectors, settings, explain)
        except MyofeedError as exc:
            if page == 0:
                raise
            echo(f"note: page {page + 1} ({url}) failed, keeping the {len(posts)} posts of the pages before "
                       f"it: {exc}", err=True)
            break
        # the address read, as later pages name it: a path given on the command line is the file: URL
        # a next page links back to (read twice, its posts were printed twice)
        seen.add(final_url)
        if page == 0 and final_url.startswith("file:"):
            from ..fetch.file import path_from_url

            folder = path_from_url(final_url).parent
        for feed in doc.feed_links:
            echo(f"note: this page announces a feed: {feed}", err=True)
        for warning in doc.warnings:
            echo(f"note: {_page_label(page, pages)}{warning}", err=True)
            told_empty = told_empty or warning.startswith("0 posts found")
        posts.extend(p.to_json(explain=explain) for p in doc.posts)
        public = _next_public(doc, final_url)
        url = doc.next_url
    if not posts and not told_empty:
        echo("note: 0 posts found", err=True)
    print_json(posts)


def _page_label(page: int, pages: int) -> str:
    return f"page {page + 1}: " if pages > 1 else ""


def _is_url(target: str) -> bool:
    """An absolute http(s) URL with a host."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _page(url: str, page: int, base_url: str | None, public: str | None, now: datetime,
          selectors: Selectors | None, settings: Callable[[], FetchSettings],
          explain: bool) -> tuple[ParsedDocument, str]:
    """One page parsed, and the URL it came from. Links resolve against --base-url (first page), else
    the URL fetched; a saved page's own canonical or og:url (else `public`) stands in for its file: URL."""
    body, final_url, content_type = _read(url, settings, first=page == 0)
    if not body.removeprefix(b"\xef\xbb\xbf").strip():
        # nothing to parse, yet a page that was read: 0 posts (stdout stays a JSON array), said why
        from ..types import ParsedDocument

        return ParsedDocument("html", (), warnings=(f"0 posts found: {url} is empty (no bytes but whitespace)",)), \
            final_url
    if page == 0 and base_url:
        doc = _parse(body, base_url, now, content_type, selectors, explain=explain)
    else:
        doc = _parse(body, final_url, now, content_type, selectors, base_from_page=final_url.startswith("file:"),
                     public_url=public, explain=explain)
    return doc, final_url


def _next_public(doc: ParsedDocument, read_from: str) -> str | None:
    """The public address of a saved page's next page, itself saved: where it sits beside this page,
    joined to this page's public address (a saved next page seldom names its own canonical)."""
    nxt = doc.next_url
    if doc.kind != "html" or not nxt or not doc.link or not _is_url(doc.link):
        return None
    if not (read_from.startswith("file:") and nxt.startswith("file:")):
        return None
    here, there = urlsplit(read_from), urlsplit(nxt)
    relative = posixpath.relpath(there.path, posixpath.dirname(here.path))
    return urljoin(doc.link, relative + (f"?{there.query}" if there.query else ""))


def _source(ctx: click.Context, name: str | None) -> Source | None:
    if not name:
        return None
    from ..exceptions import NotFoundError
    from ._common import load

    try:
        return load(ctx).source(name)
    except NotFoundError as exc:
        raise click.BadParameter(str(exc), param_hint="--source") from None


def _fetch_settings(ctx: click.Context) -> FetchSettings:
    """The configured [fetch] settings when a config exists; defaults otherwise (extract needs no config)."""
    from ..config import FetchSettings, config_path

    root = ctx.find_root().obj or {}
    path = config_path(root.get("config_file"))
    if path.exists():
        from ._common import load

        return load(ctx).settings.fetch
    return FetchSettings.model_validate({})


def _read(target: str, settings: Callable[[], FetchSettings], *, first: bool) -> tuple[bytes, str, str | None]:
    """(body, the URL it came from, content type). Local files are read directly."""
    parts = urlsplit(target)
    if parts.scheme in ("http", "https"):
        from ..fetch import fetch_url  # written alongside; imported only when a URL is given

        result = fetch_url(target, settings())
        if result.content is None:
            raise FetchError(f"{target}: the server sent no content (HTTP {result.status})")
        return result.content, result.url, result.content_type
    if parts.scheme == "file":
        path = Path(url2pathname(parts.path))
    elif parts.scheme and len(parts.scheme) > 1:
        raise click.BadParameter(f"expected a file or an http(s) URL, got {target!r}", param_hint="FILE_OR_URL")
    else:
        path = Path(target)
    from .._types import FetchRequest
    from ..fetch.file import read_file

    if first and not path.exists():
        raise click.BadParameter(f"no such file: {target}", param_hint="FILE_OR_URL")
    uri = path.resolve().as_uri()
    # the same reader as ingest's file: sources: regular files only, at most [fetch].max_bytes
    result = read_file(FetchRequest(uri), settings().max_bytes)
    return result.content or b"", uri, None


def _may_follow(url: str, folder: Path | None) -> bool:
    """A next page is http(s) (fetched under the network guard) or, after a local page, a file in
    that page's folder: a page's links never make extract read anything else on this machine."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return True
    if scheme != "file" or folder is None:
        return False
    from ..fetch.file import path_from_url

    try:
        return path_from_url(url).resolve().is_relative_to(folder.resolve())
    except (ValueError, OSError, FetchError):
        return False


def _is_feed(body: bytes, content_type: str | None) -> bool:
    """Sniff a feed from its first bytes, the same way ingest does (parse.looks_like_feed)."""
    from ..parse import looks_like_feed

    return looks_like_feed(body, content_type)


def _parse(body: bytes, url: str, now: datetime, content_type: str | None, selectors: Selectors | None, *,
           base_from_page: bool = False, public_url: str | None = None, explain: bool = False) -> ParsedDocument:
    if _is_feed(body, content_type):
        from ..parse.feed import parse_feed  # written alongside; imported only for feeds

        headers = {"content-type": content_type} if content_type else None
        return parse_feed(body, url=url, headers=headers)
    from ..parse.html import parse_listing

    return parse_listing(body, base_url=url, now=now, content_type=content_type, selectors=selectors,
                         base_from_page=base_from_page, public_url=public_url, explain=explain)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(extract())
