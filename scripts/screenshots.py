"""Regenerate docs/index.png, docs/status.png and docs/digest.png from the demo data.

    .venv/bin/python scripts/screenshots.py [--keep]

Runs the product as an operator would: a copy of config/ (the demo sources, plus two
unhealthy pages so the status page shows what an operator acts on) in a scratch
directory, a real `myofeed run` on a free port, a confirmed demo subscriber and
`digest preview --sample`; Debian's headless chromium photographs the pages. Paths
under the scratch directory never reach the pictures: the pages name files as the
config does ("demo/...").
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]
# (what, url path or file, output, window height): heights fit the demo pages at 1280 wide
SHOTS = [("index", "", "index.png", 2325), ("status", "status", "status.png", 880)]
DIGEST_HEIGHT = 1420
UNHEALTHY = '''
[[sources]]
name = "demo-moved-page"
url = "demo/moved-away.html"
kind = "html"
interval = "6h"

[[sources]]
name = "demo-redesigned-page"
url = "demo/redesigned.html"
kind = "html"
interval = "6h"
'''


def myofeed(config: Path, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(config), *args],
                         capture_output=True, text=True, check=True)
    return out.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} not served within {timeout}s")


def shoot(url: str, out: Path, height: int) -> None:
    subprocess.run([CHROMIUM, *FLAGS, f"--window-size=1280,{height}", f"--screenshot={out}", url],
                   check=True, capture_output=True, timeout=120)
    print(f"wrote {out.relative_to(REPO)}")


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="myofeed-shots-"))
    config = scratch / "myofeed.toml"
    shutil.copytree(REPO / "config" / "demo", scratch / "demo")
    shutil.copy(REPO / "config" / "topics.toml", scratch / "topics.toml")
    text = (REPO / "config" / "myofeed.toml").read_text(encoding="utf-8")
    text = text.replace('"../data/myofeed.db"', '"data/myofeed.db"').replace('"../feeds"', '"feeds"')
    config.write_text(text.replace('"../data/outbox"', '"outbox"') + UNHEALTHY, encoding="utf-8")
    (scratch / "demo" / "redesigned.html").write_text(
        "<!doctype html><title>News</title><h1>News</h1><p>Our site has a new look: posts are coming back soon.</p>")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    service = subprocess.Popen([sys.executable, "-m", "myofeed", "--config", str(config), "run", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(base + "feeds/all.atom")
        time.sleep(6)  # the index page's counts are cached for 5 s
        DOCS.mkdir(exist_ok=True)
        for _, path, name, height in SHOTS:
            shoot(base + path, DOCS / name, height)
        myofeed(config, "subscribers", "add", "reader@mail.example", "--topics",
                "dermatomyositis,inclusion-body-myositis,treatment", "--confirmed")
        digest = scratch / "digest.html"
        myofeed(config, "digest", "preview", "reader@mail.example", "--sample", "-o", str(digest))
        shoot(digest.as_uri(), DOCS / "digest.png", DIGEST_HEIGHT)
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=60)
        if "--keep" in sys.argv:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
