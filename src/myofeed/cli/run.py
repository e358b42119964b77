"""`myofeed run [--role all|web|worker]`: the long-running service.

`all` (the default) is the one-process service: scheduler and web server. `worker`
runs the scheduler only (ingest, publish, digests), `web` the web server only.
With SQLite there is one `run` per database, whatever its role (a lease in the
database says so); with PostgreSQL any number of workers and web processes may
run at once, on any machines (docs/scaling.md).
"""

from __future__ import annotations

import errno
import logging
import signal
import socket
import threading
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import click

from ..liveness import holder_died, worker_of
from ._common import load
from .runlock import LOCK, STALE_AFTER, holder

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

    import uvicorn
    from starlette.applications import Starlette

    from ..config import Config
    from ..core import Myofeed
    from ..web.requestlog import RequestLog

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


ROLES = ("all", "web", "worker")


@click.command()
@click.option("--role", type=click.Choice(ROLES), default="all", show_default=True,
              help="all: scheduler and web server; worker: ingest, publish and send digests, no web server;"
                   " web: serve the web routes only.")
@click.option("--host", help="Listen address (default [web].host).")
@click.option("--port", type=click.IntRange(0, 65535), help="Listen port (default [web].port; 0: any free port).")
@click.option("--metrics-port", type=click.IntRange(0, 65535),
              help="--role worker: serve GET /metrics on this port, at --host (default [workers].metrics_port;"
                   " unset: a worker listens on nothing).")
@click.option("--no-scheduler", is_flag=True, help="Serve only; do not ingest or send digests (as --role web).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning"]), default="info", show_default=True,
              help="debug adds the scheduler's ticks and the config watcher's checks.")
@click.pass_context
def run(ctx: click.Context, role: str, host: str | None, port: int | None, metrics_port: int | None,
        no_scheduler: bool, log_level: str) -> None:
    """Run the scheduler (ingest due sources, publish, send digests) and the web
    server in one process, or one of them (--role). Stops cleanly on SIGTERM / SIGINT.

    Workers claim due sources with leases, so any number of them (PostgreSQL)
    share the sources without fetching one twice; a killed worker's sources are
    taken over once its lease ([workers].lease) expires. One worker at a time
    publishes, into [publish].dir and into the database, from which every web
    process serves /feeds/<file>. With SQLite: one `run` per database. A worker's
    counters (fetches, posts ingested, digests sent) are served by the worker
    itself with --metrics-port: scrape every worker and every web process.

    While publish.base_url is the default, every link (index, feeds, OPML, mails)
    uses the address it listens on. Changes to the config file are applied
    within seconds (at once on SIGHUP); an invalid edit is logged and the running
    config stays. A port already in use is one line and exit status 2.

    \b
    Examples:
      myofeed run
      myofeed run --port 18080
      myofeed run --host 0.0.0.0 --port 8080
      MYOFEED_DATABASE=postgresql://myofeed:PW@db:5432/myofeed myofeed run --role worker
      MYOFEED_DATABASE=postgresql://myofeed:PW@db:5432/myofeed myofeed run --role worker --metrics-port 9464
      MYOFEED_DATABASE=postgresql://myofeed:PW@db:5432/myofeed myofeed run --role web --port 8080
    """


    from ..exceptions import UsageError

    _setup_logging(log_level)
    if no_scheduler and role == "all":
        role = "web"
    if metrics_port is not None and role != "worker":
        raise UsageError(f"--metrics-port is for --role worker; a {role} process serves /metrics on its own port")
    config = load(ctx)
    if role == "worker":
        _run_worker(ctx, config, host, metrics_port)
    else:
        _serve(ctx, config, role, host, port, log_level)


def _take_run_lock(app: Myofeed, owner: str, sock: socket.socket | None = None) -> bool:
    """SQLite: one `run` per database, whatever its role. PostgreSQL: no such limit (False: none taken)."""
    from ..exceptions import LockedError

    if app.store.backend != "sqlite":
        return False
    if app.acquire_lock(LOCK, owner, datetime.now(timezone.utc), STALE_AFTER):
        return True
    who = app.lock_owner(LOCK)
    if who is not None and holder_died(who):
        # a `run` killed on this very host (kill -9, OOM): restart now, not 120 s later. Only that dead
        # holder's row is deleted, so of two restarts racing one still wins
        app.release_lock(LOCK, who)
        if app.acquire_lock(LOCK, owner, datetime.now(timezone.utc), STALE_AFTER):
            # and the sources it was fetching: they are due again now, not when its leases run out
            # 2 minutes later (outside audit 6, minor 1: `status` said "next fetch: now" meanwhile)
            app.release_claims(worker_of(who))
            return True
        who = app.lock_owner(LOCK)
    if sock is not None:
        sock.close()
    raise LockedError(
        f"another `myofeed run` ({who}) is using {app.database}; stop it first "
        f"(a stale lock expires {int(STALE_AFTER)}s after its owner stops; with PostgreSQL any number"
        " of `run` processes may share one database)"
    )


def _logged(web: Starlette) -> RequestLog:
    """The web app inside the access log, which names clients as the app's own proxy rule does."""
    from ..web.requestlog import RequestLog

    return RequestLog(web, web.state.web.clients)


def _serve(ctx: click.Context, config: Config, role: str, host: str | None, port: int | None,
           log_level: str) -> None:
    """Roles `all` and `web`: the web server, with the scheduler for `all`."""
    import uvicorn

    from .. import metrics  # noqa: F401 - served at /metrics: this process's ingest passes count in it
    from ..core import Myofeed, worker_id
    from ..reload import ConfigWatcher
    from ..scheduler import Scheduler
    from ..web.app import make_app
    from ..web.server import server_options

    log = logging.getLogger("myofeed.run")
    web = config.settings.web
    sock = listen(host or web.host, port if port is not None else web.port)  # before any job: a busy port is exit 2
    bound_host, bound_port = sock.getsockname()[:2]

    def effective(c: Config) -> Config:
        return c.follow_listen_address(bound_host, bound_port)

    app = Myofeed(effective(config))
    ctx.call_on_close(app.close)
    owner = worker_id(role)
    # the lock names the address links follow, for commands run beside this service
    lock_holder = holder(owner, app.config.settings.publish.base_url if config.base_follows else None)
    locked = _take_run_lock(app, lock_holder, sock)
    scheduler = Scheduler(app, worker=owner) if role == "all" else None
    watcher = ConfigWatcher(app, transform=effective,
                            on_applied=scheduler.config_changed if scheduler is not None else _nothing,
                            on_poke=scheduler.wake if scheduler is not None else lambda: None)
    heartbeat = None
    try:
        if scheduler is not None:
            scheduler.start(watcher)
        else:
            watcher.start()
        heartbeat = _start_heartbeat(app, lock_holder) if locked else None
        server_config = uvicorn.Config(
            _logged(make_app(app)), log_level=log_level, log_config=None, access_log=False, lifespan="on",
            proxy_headers=False,  # client addresses come from [web].trusted_proxies only
            # slowloris: deadlines, connection cap; the app's security headers on answers sent below it
            **server_options(web.header_timeout, web.max_connections, base_url=app.config.settings.publish.base_url),
        )
        server = _server(server_config, on_signal=scheduler.stopping if scheduler is not None else lambda: None)
        # uvicorn re-raises the stop signal after its graceful shutdown; with our own
        # handlers in place that re-raise lands here, so cleanup runs and we exit 0
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: None)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, lambda *_: watcher.poke())
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        where = f"feeds in {app.config.publish_dir}" if scheduler is not None else "web only"
        click.echo(f"myofeed: serving http://{shown}:{bound_port}/ ({where})")
        if config.base_follows:
            log.info("publish.base_url is the default: links use %s", app.config.settings.publish.base_url)
        if bound_host in ("0.0.0.0", "::"):
            log.warning("listening on every interface: set publish.base_url to the public address readers use")
        if app.store.backend != "sqlite" and not web.secret:
            log.warning("web.secret is unset: this process signs form tokens with a key of its own, so web "
                        "processes behind one address refuse each other's forms; give them all one [web].secret")
        server.run(sockets=[sock])  # uvicorn installs SIGTERM/SIGINT handlers and returns on either
    finally:
        if heartbeat is not None:
            heartbeat.set()
        watcher.stop()
        from ..parse.worker import stop_all

        stop_all()  # a parse in flight is killed, not waited for (its source records the stop)
        if scheduler is not None:
            scheduler.stop(wait=True)
        if locked:
            app.release_lock(LOCK, lock_holder)
        sock.close()
        click.echo("myofeed: stopped")


def _run_worker(ctx: click.Context, config: Config, host: str | None, metrics_port: int | None) -> None:
    """Role `worker`: the scheduler alone, until SIGTERM / SIGINT; GET /metrics alone with a metrics port."""
    from ..core import Myofeed, worker_id
    from ..reload import ConfigWatcher
    from ..scheduler import Scheduler

    if metrics_port is None:
        metrics_port = config.settings.workers.metrics_port
    # bound first: a busy port is one line and exit 2 before any job starts
    sock = listen(host or config.settings.web.host, metrics_port) if metrics_port is not None else None
    if sock is not None:
        from .. import metrics  # noqa: F401 - loaded before the first tick: this process's passes count in it
    app = Myofeed(config)
    ctx.call_on_close(app.close)
    owner = worker_id("worker")
    locked = _take_run_lock(app, owner)
    scheduler = Scheduler(app, worker=owner)
    watcher = ConfigWatcher(app, on_applied=scheduler.config_changed, on_poke=scheduler.wake)
    stop = threading.Event()

    def stopping(*_: object) -> None:
        scheduler.stopping()  # at once: the loop below notices within a second
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stopping)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, lambda *_: watcher.poke())
    heartbeat = None
    metrics_server = None
    try:
        scheduler.start(watcher)
        heartbeat = _start_heartbeat(app, owner) if locked else None
        click.echo(f"myofeed: worker {owner} on {app.database} (feeds in {app.config.publish_dir})")
        if sock is not None:
            metrics_server = _serve_metrics(app, sock)
        while not stop.wait(1.0):
            pass
    finally:
        if metrics_server is not None:
            metrics_server.should_exit = True
        if sock is not None:
            sock.close()
        if heartbeat is not None:
            heartbeat.set()
        watcher.stop()
        scheduler.stop(wait=True)
        if locked:
            app.release_lock(LOCK, owner)
        click.echo("myofeed: stopped")


def _serve_metrics(app: Myofeed, sock: socket.socket) -> uvicorn.Server:
    """A worker's GET /metrics (and nothing else), in a thread: its own counters, the database's gauges."""
    import uvicorn

    from ..web.app import make_app

    web = app.config.settings.web
    server = uvicorn.Server(uvicorn.Config(
        make_app(app, metrics_only=True), log_level="warning", log_config=None, access_log=False, lifespan="on", proxy_headers=False,
        timeout_keep_alive=5, limit_concurrency=web.max_connections,
    ))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="myofeed-metrics", daemon=True).start()
    host, port = sock.getsockname()[:2]
    click.echo(f"myofeed: metrics on http://{f'[{host}]' if ':' in host else host}:{port}/metrics")
    return server


def _server(config: uvicorn.Config, on_signal: Callable[[], None]) -> uvicorn.Server:
    """uvicorn's server, calling `on_signal` the moment SIGTERM / SIGINT arrives: the scheduler stops
    asking for more work then (a digest run sends the mail in hand and no other), not only once uvicorn
    has closed its connections, which takes a while (seconds with a slow client)."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            on_signal()
            super().handle_exit(sig, frame)

    return Server(config)


def _nothing(topics_changed: bool) -> None:
    """A web process's reload: the facade already reads the new config; nothing to re-run."""


def listen(host: str, port: int) -> socket.socket:
    """The service's listening socket, bound now so that a busy port is one line and exit 2
    before anything else starts (uvicorn would log it among its start-up lines and exit 3)."""
    from ..exceptions import UsageError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is already in use (another server runs there; "
                "choose another with --port or [web].port)"
            ) from None
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def _setup_logging(level: str) -> None:
    from ..escaping import escaping_handler

    # one handler for every logger, uvicorn's too (its servers get log_config=None): each line escapes
    # controls, bidi marks and line breaks, so request paths and servers' texts cannot forge lines
    logging.basicConfig(level=level.upper(), handlers=[escaping_handler(LOG_FORMAT)])
    if level != "debug":
        # APScheduler logs two lines per job run at INFO ("Running job", "executed successfully"):
        # chatter for an operator; our jobs log one line each with their outcome
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # a tick that finds the previous one still ingesting is skipped, by design (max_instances=1)
    logging.getLogger("apscheduler.scheduler").addFilter(
        lambda record: "maximum number of running instances" not in record.getMessage())


def _start_heartbeat(app: Myofeed, owner: str) -> threading.Event:
    stop = threading.Event()

    def beat() -> None:
        own = app.sibling()  # own connection: own thread
        try:
            while not stop.wait(30):
                own.heartbeat_lock(LOCK, owner, datetime.now(timezone.utc))
        finally:
            if own is not app:
                own.close()

    threading.Thread(target=beat, name="myofeed-lock", daemon=True).start()
    return stop
