"""3,000 trickling connections against `myofeed run` (SECURITY.md, "Slow and numerous clients").

Each socket sends a request line and then one header line a second, never
the blank line that ends the headers (tests/cli/trickle.py, shared with the
tests). Measured: the server's open descriptors at their peak, how many
tricklers are still connected after 15 s, and whether a visitor's GET / is
answered meanwhile. The reference is the same app under plain uvicorn (no
header deadline, no connection cap) in the same run. Target: descriptors
bounded by `web.max_connections`, every trickler cut within
`web.header_timeout` plus a few seconds, visitors served.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.cli.trickle import Trickler, open_descriptors  # noqa: E402

TRICKLERS = 3000
WATCH = 15.0
REFERENCE = (
    "import sys, uvicorn\n"
    "from myofeed.config import load_config\nfrom myofeed.core import Myofeed\nfrom myofeed.web import make_app\n"
    "uvicorn.run(make_app(Myofeed(load_config(sys.argv[1]))), host='127.0.0.1', port=int(sys.argv[2]),"
    " log_level='critical')\n"
)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _attack(cmd: list[str], port: int) -> tuple[int, int, int, str]:
    """(descriptor peak, baseline, tricklers still open after WATCH s, visitors served / asked)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        baseline = open_descriptors(proc.pid)
        attack = Trickler(port, TRICKLERS, connect_timeout=2, until_refused=True)
        peak, asked, served = 0, 0, 0
        start = time.monotonic()
        while time.monotonic() - start < WATCH:
            attack.tick()
            peak = max(peak, open_descriptors(proc.pid))
            asked += 1
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                served += 1
            except OSError:
                pass
            time.sleep(1)
        left = len(attack.open)
        attack.close()
        return peak, baseline, left, f"{served}/{asked}"
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, TRICKLERS * 2 + 100), hard))
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "myofeed.toml"
        (Path(tmp) / "feeds").mkdir()
        cfg.write_text(f'topics = "{ROOT / "config" / "topics.toml"}"\n[storage]\ndatabase = "db/m.db"\n'
                       '[publish]\ndir = "feeds"\n')
        port = _port()
        mine = _attack([sys.executable, "-m", "myofeed", "--config", str(cfg), "run", "--no-scheduler", "--port",
                        str(port)], port)
        port = _port()
        ref = _attack([sys.executable, "-c", REFERENCE, str(cfg), str(port)], port)
    print(f"{TRICKLERS} trickling connections, watched {WATCH:.0f} s:")
    for name, (peak, base, left, served) in (("myofeed run", mine), ("reference (plain uvicorn)", ref)):
        print(f"  {name}: descriptors peak {peak} (baseline {base}), tricklers still open {left}, "
              f"visitor GET / answered {served}")
    ok = mine[0] - mine[1] <= 1000 + 8 and mine[2] == 0
    print(f"  target: at most 1000 connections held, every trickler cut -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
