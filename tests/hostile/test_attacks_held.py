"""Attacks tried as a hostile source that already held: one pass with many hostile sources and one good one.
Each hostile source fails (or yields harmless posts) on its own; the good source is ingested; nothing
executable is published."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

from ..conftest import FixtureServer, Route
from ._hostile import myofeed, rss, source, status

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + ']><rss version="2.0"><channel><title>&j;</title><item><title>Myositis &j;</title><guid>l1</guid></item>'
    "</channel></rss>"
).encode()
XXE = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
       b"<title>t</title><item><title>Myositis &x;</title><guid>x1</guid><description>root:&x;</description></item>"
       b"</channel></rss>")
UTF7 = (b'<?xml version="1.0" encoding="utf-7"?><rss version="2.0"><channel><title>t</title><item>'
        b"<title>Myositis utf7</title><guid>u7</guid><description>+ADw-script+AD4-alert(1)+ADw-/script+AD4-"
        b"</description></item></channel></rss>")
DEEP = b"<html><body><main>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000 + b"</main></body></html>"


def test_one_pass_of_hostile_sources_leaves_the_good_one_and_publishes_nothing_executable(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    routes = {
        "/laughs": Route(LAUGHS, headers={"Content-Type": "application/rss+xml"}),
        "/xxe": Route(XXE, headers={"Content-Type": "application/rss+xml"}),
        "/utf7": Route(UTF7, headers={"Content-Type": "application/rss+xml; charset=utf-7"}),
        "/bomb": Route(gzip.compress(b"\0" * (64 << 20), 9), headers={"Content-Encoding": "gzip",
                                                                      "Content-Type": "application/rss+xml"}),
        "/headers": Route(rss([("Myositis h", "h1")]), headers={f"X-Junk-{i}": "y" * 200 for i in range(2000)}),
        "/deep": Route(DEEP, headers={"Content-Type": "text/html"}),
        "/good": Route(rss([("Dermatomyositis good news", "g1")]), headers={"Content-Type": "application/rss+xml"}),
    }
    http_server.routes.update(routes)
    names = [p.strip("/") for p in routes]
    config = config_file("".join(source(n, http_server.url(f"/{n}")) for n in names))
    config.write_text(config.read_text().replace('timeout = "5s"', 'timeout = "5s"\nmax_bytes = 4194304'))
    run = myofeed(config, "ingest", "--all", timeout=240)
    out = run.stdout
    assert "good: 1 new" in out, out + run.stderr
    assert "Traceback" not in run.stderr
    assert "bomb: FAILED: " in out and "larger than [fetch].max_bytes" in out  # gzip bomb stops at the cap
    assert "headers: FAILED: " in out  # aiohttp refuses 400 KB of headers: a failed fetch, one line
    assert "deep: FAILED" in out or "deep: BROKEN" in out  # 100,000 nested divs: parsed, nothing found
    rows = status(config)
    assert rows["good"]["posts"] == 1 and rows["good"]["consecutive_failures"] == 0
    posts = [json.loads(line) for line in myofeed(config, "posts", "--json").stdout.splitlines()]
    text = json.dumps(posts)
    assert "root:" not in text or "root:x" not in text  # no /etc/passwd (XXE not resolved)
    assert "lollollol" * 50 not in text  # no entity expansion
    myofeed(config, "publish")
    published = "".join(p.read_text() for p in (config.parent / "feeds").iterdir() if p.is_file())
    assert "<script" not in published.lower()
    assert "root:x:0:0" not in published
