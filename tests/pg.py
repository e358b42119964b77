"""A private PostgreSQL cluster for the tests: Debian's server binaries, initdb into
a temporary directory (in memory-backed /dev/shm when it has room), listening on
127.0.0.1 at a free port, durability off (fsync, synchronous_commit,
full_page_writes) because it is thrown away.

One cluster per test process (each pytest-xdist worker starts its own, on first
use, and stops it at the end of the session); one database per test, copied
from a template that already holds the schema. initdb refuses to run as root:
as root the cluster runs as `nobody`, via runuser.

The server comes from scripts/install-postgres.sh (`make test` runs it). When it
is missing the tests that need it skip, saying so; under CI (CI set) they fail.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

USER = "myofeed"
TEMPLATE = "myofeed_template"
_counter = itertools.count()


def server_bin() -> Path | None:
    """Debian's server binaries (the newest version installed), or any on PATH."""
    for path in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True):
        if os.access(Path(path) / "initdb", os.X_OK) and os.access(Path(path) / "pg_ctl", os.X_OK):
            return Path(path)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb and shutil.which("pg_ctl") else None


def _scratch() -> str | None:
    """Memory-backed /dev/shm when it has room (a thrown-away cluster needs no disk), else the default."""
    try:
        st = os.statvfs("/dev/shm")
    except OSError:
        return None
    return "/dev/shm" if os.access("/dev/shm", os.W_OK) and st.f_bavail * st.f_frsize > 1 << 30 else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.base = Path(tempfile.mkdtemp(prefix="myofeed-pg-", dir=_scratch()))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.sockets = self.base / "sockets"
        self.port = 0
        self._as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: the cluster is nobody's
            self._as = ["runuser", "-u", "nobody", "--"]
            os.chmod(self.base, 0o755)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, cwd=self.base)

    def _own(self, *paths: Path) -> None:
        if self._as:
            for p in paths:
                shutil.chown(p, "nobody", "nogroup")

    def start(self) -> None:
        self.data.mkdir(mode=0o700)
        self.sockets.mkdir(mode=0o700)
        self.log.touch()
        self._own(self.data, self.sockets, self.log)
        init = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", USER, "--auth=trust", "--no-sync",
                         "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions")
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        for _ in range(5):  # a free port may be taken between choosing and binding it: try another
            self.port = _free_port()
            options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.sockets} -c fsync=off"
                       " -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
                       " -c shared_buffers=32MB")
            started = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                                "-w", "-t", "60", "start")
            if started.returncode == 0:
                break
        else:
            raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip()}\n{self.log.read_text()[-2000:]}")
        self._create_template()

    def url(self, dbname: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def _create_template(self) -> None:
        from myofeed.store.postgres import PostgresStorage

        self._admin(f"CREATE DATABASE {TEMPLATE}")
        PostgresStorage(self.url(TEMPLATE)).close()  # the schema, migrated once
        self._admin(f"ALTER DATABASE {TEMPLATE} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true")

    def create_database(self, *, empty: bool = False) -> str:
        """A new database: with the current schema (a copy of the template), or `empty`."""
        name = f"t_{os.getpid()}_{next(_counter)}"
        template = "template0" if empty else TEMPLATE
        self._admin(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.port:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


def unavailable_reason() -> str | None:
    if server_bin() is None:
        return ("PostgreSQL is not installed and scripts/install-postgres.sh could not install it"
                " (it needs root or sudo for apt-get install postgresql)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (make install)"
    return None


_cluster: Cluster | None = None


def cluster() -> Cluster:
    """This process's cluster, started on first use (skips, or fails under CI, when there is none)."""
    global _cluster
    if _cluster is None:
        reason = unavailable_reason()
        if reason is not None:
            if os.environ.get("CI"):
                pytest.fail(f"CI: {reason}")
            pytest.skip(reason)
        bin_dir = server_bin()
        assert bin_dir is not None
        c = Cluster(bin_dir)
        started = time.monotonic()
        try:
            c.start()
        except Exception:
            c.stop()
            raise
        c.started_in = time.monotonic() - started  # type: ignore[attr-defined]
        _cluster = c
        atexit.register(stop_cluster)  # also when the session ends without its finish hook
    return _cluster


def stop_cluster() -> None:
    global _cluster
    if _cluster is not None:
        _cluster.stop()
        _cluster = None


def fresh_database(request: pytest.FixtureRequest, *, empty: bool = False) -> str:
    """The URL of a database of its own for this test, dropped after it."""
    c = cluster()
    name = c.create_database(empty=empty)
    request.addfinalizer(lambda: c.drop_database(name))
    return c.url(name)
