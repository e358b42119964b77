"""Item 4: feedparser's lazy import is safe from threads (fresh interpreters, parsers started together)."""

from __future__ import annotations

import subprocess
import sys

RACE = r'''
import threading
from myofeed.parse.feed import parse_feed

LATIN = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Caf\xe9</title>'
         '<item><title>Myosite \xe0 Paris</title><guid>l1</guid></item></channel></rss>').encode("latin-1")
UTF8 = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        b'<item><title>Myositis</title><guid>u1</guid><pubDate>Mon, 32 Foo 2025</pubDate></item></channel></rss>')
barrier = threading.Barrier(8)
errors = []

def run(body):
    barrier.wait()
    try:
        doc = parse_feed(body, url="https://blog.example/feed")
        assert len(doc.posts) == 1
    except BaseException as exc:
        errors.append(f"{type(exc).__name__}: {exc}")

threads = [threading.Thread(target=run, args=(LATIN if i % 2 else UTF8,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print("ERRORS", errors)
'''


def test_parsers_started_together_in_threads_never_see_a_half_imported_feedparser() -> None:
    failures = []
    for _ in range(12):  # each run is a fresh interpreter: the import happens in the race every time
        out = subprocess.run([sys.executable, "-c", RACE], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr[-2000:]
        if "ERRORS []" not in out.stdout:
            failures.append(out.stdout.strip())
    assert failures == []
