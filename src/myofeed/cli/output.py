"""Standard output that cannot be written (a full disk, a quota, `>/dev/full`): one line on stderr and
exit 1, never a traceback (SPEC). A closed pipe (`| head`) stays quiet, exit 0.

The process's stdout is rebuilt over a file object that remembers its own write errors, so the CLI can
tell "stdout failed" from an OSError of anything else, wherever the write happened (click.echo, JSON,
bytes through .buffer)."""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Buffer


class _WatchedStdout(io.FileIO):
    failed: OSError | None = None

    def write(self, data: Buffer, /) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            raise  # a reader that stopped reading: not a failure (main exits 0)
        except OSError as exc:
            _WatchedStdout.failed = exc
            raise


def watch_stdout() -> None:
    """Put this process's stdout on a watched file descriptor 1 (same encoding and buffering)."""
    old = sys.stdout
    if old is None or isinstance(getattr(old, "buffer", None), _WatchedStdout) or isinstance(
            getattr(getattr(old, "buffer", None), "raw", None), _WatchedStdout):
        return
    try:
        fd = old.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (an embedding host's stream): leave it
    old.flush()
    raw = _WatchedStdout(fd, "w", closefd=False)
    # python -u / PYTHONUNBUFFERED: every write goes out at once, as before
    unbuffered = not isinstance(getattr(old, "buffer", None), io.BufferedWriter)
    binary: io.RawIOBase | io.BufferedWriter = raw if unbuffered else io.BufferedWriter(raw)
    sys.stdout = io.TextIOWrapper(binary, encoding=old.encoding, errors=old.errors,  # type: ignore[arg-type]
                                  line_buffering=bool(old.line_buffering),
                                  write_through=bool(getattr(old, "write_through", False)))


def stdout_failure(exc: BaseException) -> OSError | None:
    """The write error of stdout, when `exc` is (or came from) one."""
    failed = _WatchedStdout.failed
    return failed if failed is not None and isinstance(exc, OSError) else None


def abandon_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)
    try:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until exit
    except OSError:
        pass
