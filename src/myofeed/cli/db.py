"""`myofeed db`: database maintenance (copying an installation between backends)."""

from __future__ import annotations

import click


@click.group()
def db() -> None:
    """Database maintenance.

    \b
    Examples:
      myofeed db copy data/myofeed.db postgresql://myofeed:secret@db.example:5432/myofeed
    """


@db.command("copy")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
def copy(source: str, target: str) -> None:
    """Copy every table from FROM to TO, an empty database, and print the row counts
    of each side. FROM and TO are SQLite paths or postgresql:// URLs; TO is created
    (SQLite) or migrated (an empty PostgreSQL database) first. Stop the service
    using FROM while it runs, so the two sides match.

    \b
    Examples:
      myofeed db copy data/myofeed.db postgresql://myofeed:secret@127.0.0.1:5432/myofeed
      myofeed db copy postgresql://myofeed:secret@127.0.0.1:5432/myofeed backup.db
    """
    from pathlib import Path

    from ..config import database_problem
    from ..exceptions import UsageError
    from ..store import is_database_url, open_storage
    from ..store.copy import copy_database

    for name, value in (("FROM", source), ("TO", target)):
        problem = database_problem(value)
        if problem:
            raise UsageError(f"db copy {name}: {problem}")
    if not is_database_url(source) and not Path(source).is_file():
        raise UsageError(f"db copy FROM: no database file {source}")
    src = open_storage(source)
    try:
        dst = open_storage(target)
        try:
            copies = copy_database(src, dst)
        finally:
            dst.close()
    finally:
        src.close()
    width = max(len(c.table) for c in copies)
    click.echo(f"{'table':<{width}}  {'FROM':>9}  {'TO':>9}")
    for c in copies:
        note = "  (left behind: held by running processes only)" if c.left_behind and c.source_rows else ""
        click.echo(f"{c.table:<{width}}  {c.source_rows:>9}  {c.target_rows:>9}{note}")
    differ = [c.table for c in copies if not c.complete]
    if differ:
        click.echo(f"myofeed: error: row counts differ for {', '.join(differ)} (was FROM written to meanwhile?)",
                   err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"copied {sum(c.target_rows for c in copies)} rows from {src.location} to {dst.location}")
