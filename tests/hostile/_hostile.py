"""Helpers for the hostile-source tests: real `myofeed` subprocesses against a local hostile server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

LISTING = """<html lang="en"><head><title>Tag page</title>{head}</head><body><main>
<article class="post"><h2><a href="{base}/posts/{a}">{title_a}</a></h2>
<p class="meta">By Ann Lee · Nov 3, 2025 · 2 comments</p><p>Excerpt of post {a}, which is long enough to be a summary.</p></article>
<article class="post"><h2><a href="{base}/posts/{b}">Post {b} about treatment options in myositis</a></h2>
<p class="meta">By Bo Ek · Nov 2, 2025 · No comments</p><p>Excerpt of post {b}, which is long enough to be a summary.</p></article>
</main></body></html>"""


def listing(a: str, b: str, *, next_href: str | None = None, base: str = "", title_a: str | None = None) -> bytes:
    head = f'<link rel="next" href="{next_href}">' if next_href else ""
    return LISTING.format(head=head, a=a, b=b, base=base,
                          title_a=title_a or f"Post {a} about living with myositis").encode()


def rss(items: list[tuple[str, str]], *, extra: str = "") -> bytes:
    """items: (title, guid)."""
    body = "".join(
        f"<item><title>{t}</title><link>https://blog.example/{g}</link><guid isPermaLink=\"false\">{g}</guid>"
        f"<pubDate>Thu, 20 Nov 2025 09:30:00 +0100</pubDate><description>{t}: dermatomyositis.</description>{extra}</item>"
        for t, g in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test blog</title>'
        "<link>https://blog.example/</link><description>test</description>" + body + "</channel></rss>"
    ).encode()


def myofeed(config: Path | None, *args: str, timeout: float = 120, env: dict[str, str] | None = None,
            preexec: Any = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess (what an operator runs)."""
    argv = [sys.executable, "-m", "myofeed", "--config", str(config or "/nonexistent/myofeed.toml"), *args]
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=full_env, preexec_fn=preexec)


def status(config: Path) -> dict[str, dict[str, Any]]:
    out = myofeed(config, "status", "--json")
    assert out.returncode in (0, 1), out.stderr
    data = json.loads(out.stdout)
    rows = data["sources"] if isinstance(data, dict) else data
    return {r["name"]: r for r in rows}


def source(name: str, url: str, **extra: object) -> str:
    lines = [f'[[sources]]\nname = "{name}"\nurl = "{url}"']
    for k, v in extra.items():
        lines.append(f"{k} = {json.dumps(v)}")
    return "\n".join(lines) + "\n"
