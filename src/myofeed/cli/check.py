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

    The SQLite database and the publish directory must be writable (exit 1 and
    one line each when not: a read-only mount, a file in a directory's place).

    With --live, fetch each source once (nothing is stored) and report those that
    yield no posts or fail, and feeds a listing page announces; exit 1 then.

    \b
    Examples:
      myofeed check
      myofeed --config /etc/myofeed/myofeed.toml check --live
    """
    from ..config import load_config
    from ..probe import plural

    config = load_config(ctx.find_root().obj["config_file"], check_files=True)
    click.echo(
        f"{config.path}: ok ({plural(len(config.sources), 'source')}, {plural(len(config.topics), 'topic')} "
        f"from {config.topics_path.name})"
    )
    from ..classify import Classifier

    Classifier.from_topics(config.topics_file)  # rule compilation errors surface here
    _note_credentials(config)
    _note_plain_http(config)
    problems = _check_places(config)
    if live:
        problems += _check_live(config)
    sys.exit(1 if problems else 0)


def _note_credentials(config: object) -> None:
    """A password in a source URL works (HTTP Basic auth) and is never published: say so, once per source,
    so an operator who pasted one by mistake sees it is there."""
    from ..redact import has_userinfo, without_userinfo

    for source in config.sources:  # type: ignore[attr-defined]
        if has_userinfo(source.url):
            click.echo(f"{source.name}: note: its url carries a user and password: they are sent to "
                       f"{without_userinfo(source.url)} only, never published, logged or exported")


def _note_plain_http(config: object) -> None:
    """A public base_url on http:// works, but SPEC asks https in production: mail providers offer
    one-click unsubscribe (RFC 8058) only for an https List-Unsubscribe, and forms go out in clear."""
    import ipaddress
    from urllib.parse import urlsplit

    base = config.settings.publish.base_url  # type: ignore[attr-defined]
    parts = urlsplit(base)
    host = (parts.hostname or "").lower()
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host == "localhost" or host.endswith((".localhost", ".test", ".example", ".invalid"))
    if parts.scheme == "http" and not local:
        click.echo(f"publish.base_url: note: {base} is plain http: use https in production (mail providers offer "
                   "one-click unsubscribe, RFC 8058, only for an https link; the subscribe form goes out in clear)")


def _check_places(config: object) -> int:
    """The SQLite file and the publish directory can be written: `run` would otherwise start, serve,
    and fail at its first write (a read-only mount, a file where a directory should be)."""
    from pathlib import Path

    problems = 0
    database = config.database  # type: ignore[attr-defined]
    places = [("publish.dir", config.publish_dir, True)]  # type: ignore[attr-defined]
    if isinstance(database, Path):  # PostgreSQL: the server says at connect
        places.insert(0, ("storage.database", database, False))
    for key, path, is_dir in places:
        if (why := _unwritable(path, is_dir)) is not None:
            click.echo(f"{key}: cannot write {path}: {why}")
            problems += 1
    return problems


def _unwritable(path: object, is_dir: bool) -> str | None:
    """Why `path` (a directory, else a file) could not be written or created, or None."""
    import errno
    import os
    import tempfile
    from pathlib import Path

    assert isinstance(path, Path)
    if path.exists() and not (path.is_dir() if is_dir else path.is_file()):
        return "not a directory" if is_dir else "not a regular file"
    if not is_dir and path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return os.strerror(errno.EROFS if _read_only(path) else errno.EACCES)
    folder = path if is_dir else path.parent
    while not folder.exists():  # `run` creates what is missing: the nearest existing folder decides
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is not a directory"
    try:  # a real file: access() does not see a full disk, and root passes every permission check
        fd, name = tempfile.mkstemp(prefix=".myofeed-check.", suffix=".tmp", dir=folder)
        try:
            os.write(fd, b"x")  # a full disk still creates an empty file
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(name)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _read_only(path: object) -> bool:
    import os

    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)  # type: ignore[arg-type]
    except OSError:
        return False


def _check_live(config: object) -> int:
    from ..exceptions import MyofeedError
    from ..probe import plural, probe

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
            first = " on its first page" if doc.kind == "html" and doc.next_url and source.first_pages > 1 else ""
            click.echo(f"{source.name}: ok, {plural(len(doc.posts), 'post')}{first} ({doc.kind})")
        for feed in doc.feed_links if doc.kind == "html" else ():
            click.echo(f"{source.name}: note: the page announces a feed: {feed} (set url to it and kind = \"feed\")")
    return problems
