"""A URL that urllib refuses to split at all (a bracketed host that is no IPv6 address) is a usage or
configuration error of one line, never a traceback (outside audit 8, deviation 2: every command printed
one for such a source URL, and `extract` and `sources add` for such an argument)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import write_config
from .test_cli_core import myofeed

COMMANDS = [("check",), ("status",), ("ingest", "--all"), ("publish",), ("sources", "list"), ("sources", "export"),
            ("posts",)]


@pytest.mark.parametrize(("url", "why"), [("http://[::1", "Invalid IPv6 URL"),
                                          ("http://[zz]/x", "'zz' does not appear to be an IPv4 or IPv6 address")])
def test_a_source_url_urllib_cannot_split_is_a_configuration_error(tmp_path: Path, url: str, why: str) -> None:
    cfg = write_config(tmp_path, f'[[sources]]\nname = "d"\nurl = "{url}"\n')
    for command in COMMANDS:
        r = myofeed(cfg, *command)
        assert r.returncode == 2 and "Traceback" not in r.stderr + r.stdout, (command, r.stderr)
        assert f"{cfg}: sources[0].url: " in r.stderr and why in r.stderr, (command, r.stderr)


def test_a_url_argument_urllib_cannot_split_is_a_usage_error(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    for args in (("extract", "http://[::1"), ("extract", "http://[zz]/x"), ("sources", "add", "http://[zz]/x"),
                 ("sources", "add", "http://[::1")):
        r = myofeed(cfg, *args)
        assert r.returncode == 2 and "Traceback" not in r.stderr, (args, r.stderr)
        assert len([line for line in r.stderr.splitlines() if "http://[" in line]) == 1, (args, r.stderr)


@pytest.mark.sqlite_only  # it edits [storage].database, which $MYOFEED_DATABASE overrides on the PostgreSQL pass
def test_a_database_url_urllib_cannot_split_is_a_configuration_error(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    cfg.write_text(cfg.read_text().replace('database = "data/test.db"', 'database = "postgresql://u@[::1/db"'))
    r = myofeed(cfg, "check")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "storage.database: " in r.stderr, r.stderr
