"""`myofeed init [DIR]`: a starter configuration for an installation without this repository."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

FILES = ("myofeed.toml", "topics.toml")


@click.command()
@click.argument("directory", metavar="[DIR]", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(directory: Path, force: bool) -> None:
    """Write a starter myofeed.toml and the shipped topics.toml into DIR (default:
    the current directory). The config has no sources yet: add them with
    `myofeed sources add URL`. Existing files are left alone unless --force.

    \b
    Examples:
      myofeed init /etc/myofeed
      myofeed --config /etc/myofeed/myofeed.toml sources add https://clinic.example.org/feed.xml
      myofeed --config /etc/myofeed/myofeed.toml run
    """
    from ..exceptions import UsageError

    targets = [directory / name for name in FILES]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''} (--force overwrites)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        starter = resources.files("myofeed") / "starter"
        for name, target in zip(FILES, targets, strict=True):
            target.write_bytes((starter / name).read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot write into {directory}: {exc.strerror or exc}") from None
    config = targets[0]
    click.echo(f"wrote {config} and {targets[1]}")
    click.echo("next:")
    flag = "" if config.resolve() == Path("config/myofeed.toml").resolve() else f"--config {config} "
    click.echo(f"  myofeed {flag}sources add https://clinic.example.org/feed.xml")
    click.echo(f"  myofeed {flag}run")
