"""`myofeed backup FILE`: a consistent copy of the database, safe while the service runs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import click

from ._common import load


@click.command()
@click.argument("target", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE when it exists (a regular file only).")
@click.pass_context
def backup(ctx: click.Context, target: Path, force: bool) -> None:
    """Copy the SQLite database to FILE, consistently, even while `myofeed run`
    is writing to it (SQLite's online backup API). Restore by stopping the
    service and copying FILE over [storage].database. With PostgreSQL, use
    pg_dump instead. FILE is never a symlink, device or FIFO (exit 2), even
    with --force: a backup replaces only a regular file.

    \b
    Examples:
      myofeed backup /var/backups/myofeed-$(date +%F).db
      sqlite3 /var/backups/myofeed-2025-11-21.db 'select count(*) from posts'
    """
    from ..exceptions import UsageError

    config = load(ctx)
    if not isinstance(config.database, Path):  # a postgresql:// URL ($MYOFEED_DATABASE or the key)
        click.echo("the database is PostgreSQL: back it up with pg_dump, e.g. pg_dump -Fc -f FILE DBNAME")
        return
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(f"cannot use {target}: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISREG(mode):
        # --force once replaced /dev/full with the database (as root): only a regular file is replaced
        what = ("a symbolic link" if stat.S_ISLNK(mode) else "a directory" if stat.S_ISDIR(mode)
                else "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device")
        raise UsageError(f"{target} is {what}, not a regular file: a backup replaces only a regular file")
    if mode is not None and not force:
        raise UsageError(f"{target} already exists (--force replaces it)")
    if target.resolve() == config.database.resolve():
        raise UsageError(f"{target} is the database itself")
    from ..store.backup import backup_sqlite

    # a missing folder is made (a dated backups/ tree), and said: a mistyped path must not pass unseen
    made = next((p for p in reversed(target.absolute().parents) if not p.exists()), None)
    size = backup_sqlite(config.database, target)
    click.echo(f"backed up {config.database} to {target} ({size:,} bytes)")
    if made is not None:
        click.echo(f"note: created the directory {made}, which did not exist", err=True)
