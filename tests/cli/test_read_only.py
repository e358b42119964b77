"""Read commands on a database they cannot write (audit 4, minor 3): `status`, `posts`, `posts show`,
`subscribers list` and `backup` open it read-only (cli/_common.READ_ONLY_COMMANDS), so an operator can
look at the state on a read-only mount or a full disk. Real `myofeed` processes, real SQLite files; the
read-only mount is a real read-only bind mount where this machine allows one (tests run as root, so
chmod would not stop them), else those tests are skipped and the mode=ro tests below still hold."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..conftest import FixtureServer
from .test_cli_core import myofeed
from .test_exit_status import _one_post

READS = [("status",), ("status", "--json"), ("posts",), ("posts", "--json"), ("subscribers", "list")]


def _fingerprint(path: Path) -> tuple[int, str]:
    return path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ro_view(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    """read_only(directory) -> the same directory seen through a read-only bind mount."""
    mounted: list[Path] = []

    def read_only(directory: Path) -> Path:
        view = tmp_path / f"{directory.name}-ro"
        view.mkdir()
        if subprocess.run(["mount", "--bind", str(directory), str(view)], capture_output=True).returncode:
            pytest.skip("no privilege for a bind mount here")
        mounted.append(view)
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True).returncode:
            pytest.skip("no privilege to make a bind mount read-only here")
        with pytest.raises(OSError):  # a real read-only condition, root included
            (view / "probe").write_text("x")
        return view

    yield read_only
    for view in mounted:
        subprocess.run(["umount", str(view)], capture_output=True, check=False)


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_read_commands_never_write_the_file(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    cfg, pid = _one_post(http_server, config_file)
    db = cfg.parent / "data" / "test.db"
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    before = _fingerprint(db)
    for args in [*READS, ("posts", "show", str(pid)), ("status", "--post", str(pid))]:
        r = myofeed(cfg, *args)
        assert r.returncode == 0, (args, r.stderr)
        assert _fingerprint(db) == before, args
        wal = Path(f"{db}-wal")
        assert not wal.exists() or wal.stat().st_size == 0, args  # nothing written through the WAL either


@pytest.mark.sqlite_only
def test_an_older_schema_is_said_and_left_alone(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    cfg, _ = _one_post(http_server, config_file)
    db = cfg.parent / "data" / "test.db"
    with sqlite3.connect(db) as conn:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        conn.execute(f"PRAGMA user_version = {version - 1}")
    for args in READS:
        r = myofeed(cfg, *args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert f"schema version {version - 1} is older" in r.stderr and "does not migrate" in r.stderr
        assert "Traceback" not in r.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version - 1  # not migrated
    assert myofeed(cfg, "publish").returncode == 0  # a command that writes migrates it, as before
    assert myofeed(cfg, "status").returncode == 0


@pytest.mark.sqlite_only
def test_read_commands_on_a_read_only_mount(
    http_server: FixtureServer, config_file: Callable[..., Path], ro_view: Callable[[Path], Path],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    cfg, pid = _one_post(http_server, config_file)
    data = cfg.parent / "data"
    expected = {args: myofeed(cfg, *args).stdout for args in READS}
    # the last writer's clean close checkpoints the WAL and removes -wal and -shm: the main file alone,
    # in a directory where mode=ro cannot create the -shm (the immutable fallback)
    conn = sqlite3.connect(data / "test.db")
    conn.execute("SELECT COUNT(*) FROM posts").fetchone()
    conn.close()
    assert not Path(f"{data / 'test.db'}-wal").exists() and not Path(f"{data / 'test.db'}-shm").exists()
    view = ro_view(data)
    monkeypatch.setenv("MYOFEED_DATABASE", str(view / "test.db"))
    for args in READS:
        r = myofeed(cfg, *args)
        assert r.returncode == 0, (args, r.stderr)
        assert r.stdout == expected[args], args
    r = myofeed(cfg, "posts", "show", str(pid))
    assert r.returncode == 0 and json.loads(r.stdout)["post"]["id"] == pid
    r = myofeed(cfg, "backup", str(tmp_path / "copy.db"))
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0] == 1
    r = myofeed(cfg, "ingest", "--all")  # a command that writes still fails, in one plain line
    assert r.returncode == 1 and "read-only" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.sqlite_only
def test_a_live_wal_on_a_read_only_mount(
    http_server: FixtureServer, config_file: Callable[..., Path], ro_view: Callable[[Path], Path],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    # a writer still holds the database open (as `run` would): its -wal holds a post the main file does
    # not have yet, and its -shm exists; read through the read-only mount, the post is there
    cfg, _ = _one_post(http_server, config_file)
    data = cfg.parent / "data"
    db = data / "test.db"
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE posts SET title = 'Changed in the WAL only'")
        assert Path(f"{db}-wal").stat().st_size > 0 and Path(f"{db}-shm").exists()
        view = ro_view(data)
        monkeypatch.setenv("MYOFEED_DATABASE", str(view / "test.db"))
        r = myofeed(cfg, "posts", "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout.splitlines()[0])["title"] == "Changed in the WAL only"
    finally:
        writer.close()


@pytest.mark.sqlite_only
def test_a_wal_without_its_index_is_never_skipped(
    http_server: FixtureServer, config_file: Callable[..., Path], ro_view: Callable[[Path], Path],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    # a -wal with changes but no -shm, in a read-only directory: immutable=1 would read the main file and
    # show the state before those changes; the command says what to do instead
    cfg, _ = _one_post(http_server, config_file)
    db = cfg.parent / "data" / "test.db"
    copy = tmp_path / "copy"
    copy.mkdir()
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE posts SET title = 'Changed in the WAL only'")
        shutil.copy(db, copy / "test.db")
        shutil.copy(f"{db}-wal", copy / "test.db-wal")
    finally:
        writer.close()
    view = ro_view(copy)
    monkeypatch.setenv("MYOFEED_DATABASE", str(view / "test.db"))
    r = myofeed(cfg, "posts", "--json")
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "test.db-wal holds changes not yet in the database" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_a_source_not_yet_in_the_table_is_new(config_file: Callable[..., Path]) -> None:
    # a read-only open does not sync the config into the sources table: a source just added is still shown
    cfg = config_file('[[sources]]\nname = "later"\nurl = "https://later.example/feed"\n')
    assert myofeed(cfg, "publish").returncode == 0  # writes: the table now holds "later"
    cfg.write_text(cfg.read_text() + '[[sources]]\nname = "added"\nurl = "https://added.example/feed"\n')
    r = myofeed(cfg, "status")
    assert r.returncode == 0, r.stderr
    assert r.stdout.index("added [new] https://added.example/feed") < r.stdout.index("later [new]")


@pytest.mark.sqlite_only
def test_no_database_yet_reads_as_empty_and_creates_nothing(config_file: Callable[..., Path]) -> None:
    cfg = config_file('[[sources]]\nname = "later"\nurl = "https://later.example/feed"\n')
    for args in READS:
        r = myofeed(cfg, *args)
        assert r.returncode == 0, (args, r.stderr)
    assert not (cfg.parent / "data").exists()
    assert "later [new]" in myofeed(cfg, "status").stdout



@pytest.mark.sqlite_only
def test_a_changed_interval_shows_in_status_without_a_write(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    from datetime import datetime, timedelta

    cfg, _ = _one_post(http_server, config_file)
    db = cfg.parent / "data" / "test.db"
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    cfg.write_text(cfg.read_text().replace('name = "blog"\n', 'name = "blog"\ninterval = "2d"\n'))
    before = _fingerprint(db)
    (row,) = json.loads(myofeed(cfg, "status", "--json").stdout)
    gap = datetime.fromisoformat(row["next_fetch"]) - datetime.fromisoformat(row["last_success"])
    assert timedelta(days=2) <= gap <= timedelta(days=2, hours=1)  # the new interval (jitter at most 2%)
    assert _fingerprint(db) == before


@pytest.mark.sqlite_only
def test_read_commands_on_a_full_disk(
    http_server: FixtureServer, config_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    # the database on a 1 MB tmpfs filled to the last byte: no -shm can be sized (SQLITE_IOERR_SHMSIZE)
    cfg, _ = _one_post(http_server, config_file)
    db = cfg.parent / "data" / "test.db"
    expected = myofeed(cfg, "posts").stdout
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("no privilege to mount a tmpfs here")
    try:
        conn = sqlite3.connect(db)
        conn.execute("SELECT COUNT(*) FROM posts").fetchone()
        conn.close()  # the last close: the WAL checkpointed, -wal and -shm removed
        shutil.copy(db, disk / "test.db")
        with open(disk / "fill", "wb") as fill, pytest.raises(OSError):
            while True:
                fill.write(b"\0" * 65536)
                fill.flush()
        monkeypatch.setenv("MYOFEED_DATABASE", str(disk / "test.db"))
        r = myofeed(cfg, "posts")
        assert r.returncode == 0, r.stderr
        assert r.stdout == expected
        assert myofeed(cfg, "status").returncode == 0
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True, check=False)
