"""`myofeed run`: the long-running service (scheduler + web server)."""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import threading
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import click

from ._common import load

if TYPE_CHECKING:
    from ..config import Config
    from ..core import Myofeed

LOCK = "run"
STALE_AFTER = 120.0  # seconds without a heartbeat before another instance may take over
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@click.command()
@click.option("--host", help="Listen address (default [web].host).")
@click.option("--port", type=click.IntRange(0, 65535), help="Listen port (default [web].port; 0: any free port).")
@click.option("--no-scheduler", is_flag=True, help="Serve only; do not ingest or send digests.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning"]), default="info", show_default=True,
              help="debug adds the scheduler's ticks and the config watcher's checks.")
@click.pass_context
def run(ctx: click.Context, host: str | None, port: int | None, no_scheduler: bool, log_level: str) -> None:
    """Run the scheduler (ingest due sources, publish, send digests) and the web
    server in one process. Stops cleanly on SIGTERM / SIGINT.

    While publish.base_url is the default, every link (index, feeds, OPML, mails)
    uses the address it listens on. Changes to the config file are applied
    within seconds (at once on SIGHUP); an invalid edit is logged and the running
    config stays. A port already in use is one line and exit status 2.

    \b
    Examples:
      myofeed run
      myofeed run --port 18080
      myofeed run --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from ..config import DEFAULT_BASE_URL
    from ..core import Myofeed
    from ..exceptions import LockedError
    from ..reload import ConfigWatcher
    from ..scheduler import Scheduler
    from ..web.app import make_app
    from ..web.requestlog import RequestLog
    from ..web.server import server_options

    _setup_logging(log_level)
    log = logging.getLogger("myofeed.run")
    config = load(ctx)
    web = config.settings.web
    sock = listen(host or web.host, port if port is not None else web.port)  # before any job: a busy port is exit 2
    bound_host, bound_port = sock.getsockname()[:2]

    def effective(c: Config) -> Config:
        return c.follow_listen_address(bound_host, bound_port)

    app = Myofeed(effective(config))
    ctx.call_on_close(app.close)
    owner = f"{socket.gethostname()}:{os.getpid()}"
    now = datetime.now(timezone.utc)
    if not app.acquire_lock(LOCK, owner, now, STALE_AFTER):
        sock.close()
        holder = app.lock_owner(LOCK)
        raise LockedError(
            f"another `myofeed run` ({holder}) is using {app.database}; stop it first "
            f"(a stale lock expires {int(STALE_AFTER)}s after its owner stops)"
        )
    scheduler = Scheduler(app)
    watcher = ConfigWatcher(app, transform=effective, on_applied=scheduler.config_changed)
    heartbeat = None
    try:
        if not no_scheduler:
            scheduler.start(watcher)
        else:
            watcher.start()
        heartbeat = _start_heartbeat(app, owner)
        server_config = uvicorn.Config(
            RequestLog(make_app(app)), log_level=log_level, access_log=False, lifespan="on",
            proxy_headers=False,  # client addresses come from [web].trusted_proxies only
            **server_options(web.header_timeout, web.max_connections),  # slowloris: deadlines, connection cap
        )
        server = uvicorn.Server(server_config)
        # uvicorn re-raises the stop signal after its graceful shutdown; with our own
        # handlers in place that re-raise lands here, so cleanup runs and we exit 0
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: None)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, lambda *_: watcher.poke())
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        click.echo(f"myofeed: serving http://{shown}:{bound_port}/ (feeds in {app.config.publish_dir})")
        if config.settings.publish.base_url == DEFAULT_BASE_URL:
            log.info("publish.base_url is the default: links use %s", app.config.settings.publish.base_url)
        if bound_host in ("0.0.0.0", "::"):
            log.warning("listening on every interface: set publish.base_url to the public address readers use")
        server.run(sockets=[sock])  # uvicorn installs SIGTERM/SIGINT handlers and returns on either
    finally:
        if heartbeat is not None:
            heartbeat.set()
        watcher.stop()
        scheduler.stop(wait=True)
        app.release_lock(LOCK, owner)
        sock.close()
        click.echo("myofeed: stopped")


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
    logging.basicConfig(level=level.upper(), format=LOG_FORMAT)
    if level != "debug":
        # APScheduler logs two lines per job run at INFO ("Running job", "executed successfully"):
        # chatter for an operator; our jobs log one line each with their outcome
        logging.getLogger("apscheduler").setLevel(logging.WARNING)


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
