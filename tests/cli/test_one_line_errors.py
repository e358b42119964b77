"""Errors that printed a Python traceback (outside audit 6, #3; SPEC: "never a traceback"): numbers past
64 bits, an output file or a standard output that cannot be written (a missing folder, a full disk:
/dev/full). Each is one line and a documented exit status. Real `myofeed` processes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import REPO, FixtureServer
from .test_cli_core import myofeed
from .test_exit_status import _one_post

HUGE = "99999999999999999999999"


def _to(cfg: Path, stdout: object, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "myofeed", "--config", str(cfg), *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, input=stdin, env=env, timeout=120)


def test_ids_and_limits_past_64_bits_are_usage_errors(http_server: FixtureServer,
                                                      config_file: Callable[..., Path]) -> None:
    cfg, _ = _one_post(http_server, config_file)
    for args in [("posts", "--limit", HUGE), ("posts", "show", HUGE), ("posts", "hide", HUGE),
                 ("posts", "label", HUGE, "+research"), ("status", "--post", HUGE)]:
        r = myofeed(cfg, *args)
        # before: OverflowError: Python int too large to convert to SQLite INTEGER, exit 1
        assert r.returncode == 2, (args, r.stderr)
        assert "Traceback" not in r.stderr and "Error: Invalid value" in r.stderr, (args, r.stderr)
    r = myofeed(cfg, "posts", "show", str(2**63 - 1))  # the largest id a database holds: simply not there
    assert r.returncode == 2 and "no post with id" in r.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_one_line_and_exit_1(http_server: FixtureServer,
                                                        config_file: Callable[..., Path]) -> None:
    cfg, _ = _one_post(http_server, config_file)
    assert myofeed(cfg, "subscribers", "add", "ada@mail.example", "--topics", "research",
                   "--confirmed").returncode == 0
    commands: list[tuple[tuple[str, ...], str | None]] = [
        (("posts",), None), (("posts", "--json"), None), (("status",), None), (("status", "--json"), None),
        (("subscribers", "list"), None), (("sources", "export"), None),
        (("classify",), '{"id": 1, "title": "Dermatomyositis rash and muscle biopsy"}\n'),
        (("extract", http_server.url("/feed")), None),
    ]
    with open("/dev/full", "w") as full:
        for args, stdin in commands:
            r = _to(cfg, full, *args, stdin=stdin)
            # before: a traceback ending in OSError: [Errno 28] No space left on device
            assert r.returncode == 1, (args, r.stderr)
            assert r.stderr.splitlines()[-1] == "myofeed: error: cannot write the output: No space left on device", (
                args, r.stderr)
            assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, (args, r.stderr)


def test_a_closed_pipe_stays_quiet(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    cfg, _ = _one_post(http_server, config_file)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "myofeed", "--config", str(cfg), "status", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(5)
    proc.stdout.close()  # like `| head -c 5`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == "", err


def test_digest_preview_to_a_path_it_cannot_write(http_server: FixtureServer, config_file: Callable[..., Path],
                                                  tmp_path: Path) -> None:
    cfg, _ = _one_post(http_server, config_file)
    assert myofeed(cfg, "subscribers", "add", "ada@mail.example", "--topics", "dermatomyositis",
                   "--confirmed").returncode == 0
    targets = [(tmp_path / "no-such-folder" / "x.html", "No such file or directory")]
    if Path("/dev/full").exists():
        targets.append((Path("/dev/full"), "No space left on device"))
    for target, why in targets:
        r = myofeed(cfg, "digest", "preview", "ada@mail.example", "--sample", "-o", str(target))
        # before: FileNotFoundError / OSError traceback, exit 1
        assert r.returncode == 1, (target, r.stderr)
        assert r.stderr.splitlines()[-1] == f"myofeed: error: cannot write {target}: {why}", r.stderr
        assert "Traceback" not in r.stderr


@pytest.mark.sqlite_only  # about the SQLite file's user_version
def test_a_newer_schema_is_exit_2_like_an_older_one(http_server: FixtureServer,
                                                     config_file: Callable[..., Path]) -> None:
    # outside audit 6, minor 5: an older schema was exit 2 for read commands, a newer one exit 1 for all
    import sqlite3

    cfg, _ = _one_post(http_server, config_file)
    db = cfg.parent / "data" / "test.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # into the file itself: what is compared below
    conn.close()
    before = db.read_bytes()
    for args in [("status",), ("posts",), ("publish",), ("ingest", "--all")]:
        r = myofeed(cfg, *args)
        assert r.returncode == 2, (args, r.stderr)
        [line] = r.stderr.splitlines()
        assert "schema version 99 is newer than this myofeed supports" in line
    assert db.read_bytes() == before


def test_empty_and_unusable_arguments_are_usage_errors(config_file: Callable[..., Path], tmp_path: Path) -> None:
    # outside audit 6, minor 6
    cfg = config_file("")
    text = cfg.read_text(encoding="utf-8")
    import sqlite3

    sqlite3.connect(tmp_path / "a.db").close()  # a FROM that exists: the TO is what is wrong
    cases = [
        (("sources", "add", "https://blog.example/feed", "--name", ""), {}, "--name is empty"),
        (("sources", "add", ""), {}, "the URL is empty"),  # fetched the config's own folder
        (("db", "copy", str(tmp_path / "a.db"), "postgresql://u:p@127.0.0.1:notaport/x"), {},
         "db copy TO: expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME with a port number"),
        (("status",), {"MYOFEED_DATABASE": "postgresql://u:p@127.0.0.1:notaport/x"}, "with a port number"),
        (("status",), {"MYOFEED_DATABASE": str(tmp_path)}, f"{tmp_path} is a directory"),  # "disk I/O error"
        (("publish",), {"MYOFEED_DATABASE": str(tmp_path)}, f"{tmp_path} is a directory"),
    ]
    for args, env, said in cases:
        r = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(cfg), *args], capture_output=True,
                           text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src"), **env}, timeout=120)
        assert r.returncode == 2, (args, r.stderr)
        [line] = r.stderr.splitlines()
        assert said in line and "u:p@" not in line, (args, line)
    assert cfg.read_text(encoding="utf-8") == text  # nothing added


def test_extract_names_a_bare_json_array_instead_of_reading_it_as_a_page(tmp_path: Path,
                                                                          config_file: Callable[..., Path]) -> None:
    # outside audit 8, m6: "0 posts found: the page has almost no visible text" for a JSON file, and an XML
    # parser's "<unknown>:2:0: syntax error" for one served as application/feed+json
    data = tmp_path / "deep.json"
    data.write_text('[\n{"id": 1, "title": "Dermatomyositis"}\n]\n', encoding="utf-8")
    r = myofeed(config_file(), "extract", str(data))
    assert r.returncode == 1 and "Traceback" not in r.stderr and "visible text" not in r.stderr, r.stderr
    assert "JSON but not a JSON Feed: an array" in r.stderr
