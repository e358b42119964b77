"""Shared fixtures: temp configs against the shipped topics, and a local HTTP server."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests run derandomized (a fixed seed) everywhere, so CI and a developer see the same
# examples and a failure reproduces; HYPOTHESIS_PROFILE=explore searches afresh each run.
settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    """../shared beside the checkout; a worktree nested deeper (wt/NAME) finds it further up."""
    for parent in REPO.parents:
        if (parent / "shared").is_dir():
            return parent / "shared"
    return REPO.parent / "shared"


SHARED = _shared()
TOPICS = REPO / "config" / "topics.toml"


def write_config(tmp_path: Path, body: str = "", *, topics: Path = TOPICS) -> Path:
    """A myofeed.toml in tmp_path with storage/publish/outbox inside tmp_path, plus `body`."""
    path = tmp_path / "myofeed.toml"
    path.write_text(
        f'topics = "{topics}"\n'
        "[storage]\ndatabase = \"data/test.db\"\n"
        "[publish]\ndir = \"feeds\"\nbase_url = \"http://feeds.myofeed.example/\"\n"
        "[fetch]\ntimeout = \"5s\"\nallow_hosts = [\"127.0.0.1\"]\n"
        "[mail]\noutbox = \"outbox\"\n" + body,
        encoding="utf-8",
    )
    return path


@pytest.fixture
def config_file(tmp_path: Path) -> Callable[..., Path]:
    def make(body: str = "", **kw: object) -> Path:
        return write_config(tmp_path, body, **kw)  # type: ignore[arg-type]

    return make


@dataclass
class Route:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FixtureServer:
    """A threaded HTTP server on 127.0.0.1 serving `routes`; records request headers."""

    routes: dict[str, Route | Callable[[http.server.BaseHTTPRequestHandler], Route]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def http_server() -> Iterator[FixtureServer]:
    state = FixtureServer()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = state.routes.get(self.path)
            if callable(route):
                route = route(self)
            if route is None:
                route = Route(b"not found", 404)
            self.send_response(route.status)
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop this process's private PostgreSQL cluster, if a test started one (tests/pg.py)."""
    from tests.pg import stop_cluster

    stop_cluster()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend", choices=("sqlite", "postgresql"), default=os.environ.get("MYOFEED_TEST_BACKEND", "sqlite"),
        help="the database every test's config uses: sqlite (a file per test, the default) or postgresql (a "
             "database per test on the private cluster, through $MYOFEED_DATABASE); tests/store runs both anyway",
    )


@pytest.fixture(autouse=True, scope="session")
def _config_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The validated-config cache (myofeed/config/cache.py) of this session's own, for the commands tests
    run too: thousands of test configs must not fill, and prune, the user's ~/.cache/myofeed (a suite
    running beside a benchmark pruned the benchmark's entry)."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _database_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --backend postgresql, every config in this test opens a PostgreSQL database of its own."""
    if request.config.getoption("--backend") == "postgresql" and "sqlite_only" not in request.keywords:
        from tests.pg import fresh_database

        monkeypatch.setenv("MYOFEED_DATABASE", fresh_database(request, empty=True))
