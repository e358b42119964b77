"""`myofeed run`: the long-running service (scheduler + web server)."""

from __future__ import annotations

import logging
import os
import signal
import socket
from datetime import datetime, timezone

import click

from ._common import open_app

LOCK = "run"
STALE_AFTER = 120.0  # seconds without a heartbeat before another instance may take over


@click.command()
@click.option("--host", help="Listen address (default [web].host).")
@click.option("--port", type=click.IntRange(0, 65535), help="Listen port (default [web].port).")
@click.option("--no-scheduler", is_flag=True, help="Serve only; do not ingest or send digests.")
@click.pass_context
def run(ctx: click.Context, host: str | None, port: int | None, no_scheduler: bool) -> None:
    """Run the scheduler (ingest due sources, publish, send digests) and the web
    server in one process. Stops cleanly on SIGTERM / SIGINT.

    \b
    Examples:
      myofeed run
      myofeed run --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from ..exceptions import LockedError
    from ..scheduler import Scheduler
    from ..web.app import make_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = open_app(ctx)
    web = app.config.settings.web
    owner = f"{socket.gethostname()}:{os.getpid()}"
    now = datetime.now(timezone.utc)
    if not app.store.acquire_lock(LOCK, owner, now, STALE_AFTER):  # type: ignore[attr-defined]
        holder = app.store.lock_owner(LOCK)  # type: ignore[attr-defined]
        raise LockedError(
            f"another `myofeed run` ({holder}) is using {app.config.database}; stop it first "
            f"(a stale lock expires {int(STALE_AFTER)}s after its owner stops)"
        )
    scheduler = Scheduler(app)
    heartbeat = None
    try:
        if not no_scheduler:
            scheduler.start()
        heartbeat = _start_heartbeat(app, owner)
        config = uvicorn.Config(
            make_app(app), host=host or web.host, port=port if port is not None else web.port,
            log_level="info", access_log=False, lifespan="on",
            proxy_headers=False,  # client addresses come from [web].trusted_proxies only
        )
        server = uvicorn.Server(config)
        # uvicorn re-raises the stop signal after its graceful shutdown; with our own
        # handlers in place that re-raise lands here, so cleanup runs and we exit 0
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: None)
        click.echo(f"myofeed: serving http://{config.host}:{config.port}/ (feeds in {app.config.publish_dir})")
        server.run()  # uvicorn installs SIGTERM/SIGINT handlers and returns on either
    finally:
        if heartbeat is not None:
            heartbeat.set()
        from ..parse.worker import stop_all

        stop_all()  # a parse in flight is killed, not waited for (its source records the stop)
        scheduler.stop(wait=True)
        app.store.release_lock(LOCK, owner)  # type: ignore[attr-defined]
        click.echo("myofeed: stopped")


def _start_heartbeat(app: object, owner: str) -> threading.Event:
    import threading

    stop = threading.Event()

    def beat() -> None:
        from ..store import open_storage

        store = open_storage(app.config.database)  # type: ignore[attr-defined]  # own connection: own thread
        try:
            while not stop.wait(30):
                store.heartbeat_lock(LOCK, owner, datetime.now(timezone.utc))  # type: ignore[attr-defined]
        finally:
            store.close()

    threading.Thread(target=beat, name="myofeed-lock", daemon=True).start()
    return stop


import threading  # noqa: E402  (type of the heartbeat event)
