"""The `myofeed` command. Subcommands live in their own modules and are
imported only when called, so `myofeed ingest` does not pay for the web stack.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

# command name -> "module:attribute"; one module per job, imported lazily
COMMANDS: dict[str, str] = {
    "run": "myofeed.cli.run:run",
    "ingest": "myofeed.cli.ingest:ingest",
    "publish": "myofeed.cli.publish:publish",
    "extract": "myofeed.cli.extract:extract",
    "posts": "myofeed.cli.posts:posts",
    "classify": "myofeed.cli.classify:classify",
    "reclassify": "myofeed.cli.reclassify:reclassify",
    "check": "myofeed.cli.check:check",
    "status": "myofeed.cli.status:status",
    "digest": "myofeed.cli.digest:digest",
    "subscribers": "myofeed.cli.subscribers:subscribers",
    "sources": "myofeed.cli.sources:sources",
    "backup": "myofeed.cli.backup:backup",
    "init": "myofeed.cli.init:init",
    "db": "myofeed.cli.db:db",
    "prune": "myofeed.cli.prune:prune",
}


# Commands that turn the cyclic collector back on themselves once their start-up is over
# (_common.start_up_over); every other command runs with it on from the moment it is named.
QUIET_START = frozenset({"ingest"})


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if name not in QUIET_START:
            import gc

            gc.enable()
        if target is None:
            return None
        module, attr = target.split(":")
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    envvar="MYOFEED_CONFIG",
    default="config/myofeed.toml",
    show_default=True,
    help="Configuration file ($MYOFEED_CONFIG).",
)
@click.version_option(package_name="myofeed")
@click.pass_context
def cli(ctx: click.Context, config_file: str) -> None:
    """myofeed: aggregate myositis posts from feeds and listing pages into topic
    feeds and digest emails.

    \b
    Examples:
      myofeed check
      myofeed ingest --all
      myofeed publish
      myofeed run --port 8080
    """
    ctx.ensure_object(dict)
    ctx.obj["config_file"] = config_file


def main(argv: list[str] | None = None) -> Any:
    """Entry point: MyofeedError becomes one clear line; exit status 2 for a configuration or usage
    error (unknown name, busy port), 1 for anything else that went wrong while the command ran, and
    for an output that could not be written (a full disk: one line, never a traceback)."""
    own = argv is None  # tests pass argv and share their process (and its stdout) with pytest
    if own:
        # A process of the command's own makes its modules, config and database handles first, and they
        # live to its end: the cyclic collector would walk them again and again while they are made. It
        # stays off until the command is named (LazyGroup.get_command), or, for QUIET_START commands, until
        # their start-up is over (`python -m myofeed` turns it off before importing this module: __main__).
        import gc

        gc.disable()
    from ._common import echo
    from .output import abandon_stdout, stdout_failure, watch_stdout

    if own:
        watch_stdout()
        _escape_unconfigured_logs()
    try:
        try:
            return _main(argv)
        finally:
            if own:
                sys.stdout.flush()  # here, not in the interpreter's exit (a traceback-like "Exception ignored")
    except BrokenPipeError:
        abandon_stdout()
        sys.exit(0)
    except OSError as exc:
        failed = stdout_failure(exc)
        if failed is None:
            raise
        abandon_stdout()
        echo(f"myofeed: error: cannot write the output: {failed.strerror or failed}", err=True)
        sys.exit(1)


def _escape_unconfigured_logs() -> None:
    """A command that sets up no logging (all but `run`) writes warnings through logging's last-resort
    handler, as it did ("%(message)s" on stderr), but with controls, bidi marks and line breaks escaped
    as every other line of ours is: a warning can quote a server's text."""
    import logging

    from ..escaping import escaping_handler

    logging.lastResort = escaping_handler(level=logging.WARNING)


def _main(argv: list[str] | None) -> Any:
    from ..exceptions import ConfigError, MyofeedError, UsageError
    from ._common import echo

    try:
        # argv None: this process's own command line (tests pass argv and share their process: see
        # _common.start_up_over)
        result = cli.main(args=argv, prog_name="myofeed", standalone_mode=False, obj={"own_process": argv is None})
        if isinstance(result, int) and not isinstance(result, bool):
            sys.exit(result)  # ctx.exit(N) comes back as N outside standalone mode
        return result
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        for each in exc.all:  # every mistake at once, one line each
            echo(f"myofeed: configuration error: {each}", err=True)
        sys.exit(2)
    except UsageError as exc:
        echo(f"myofeed: error: {exc}", err=True)
        sys.exit(2)
    except MyofeedError as exc:
        echo(f"myofeed: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
