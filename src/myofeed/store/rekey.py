"""Schema v10: every stored post's band keys recomputed with this version's sketch (sketch.py, VERSION 2).

The stories' band keys (`posts.bands` and `post_bands`, v7-v8) of a database written before v10 are
MinHash keys (sketch version 1); a new post's keys would never equal them, so a copy stored now would
not find its story among the posts stored before. The migration recomputes them from each post's stored
title and summary, as the parse worker computes a new post's (stories.story_print), in the migration's
one transaction: a crash leaves v9 as it was. Posts that were never fingerprinted (stored before v7, not
linked yet) keep no keys; link_pending gives them this version's. About 0.1 ms a post and 32 rows each:
a database of 70,000 posts takes ~15 s, shown on stderr as it goes when there are REPORT_AT or more.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from ..stories import story_print, unpack_bands
from ._db import Tx

BATCH = 1000  # posts read and written at a time
REPORT_AT = 5000  # posts with keys from which the migration reports its progress


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def rekey(tx: Tx, location: str, report: Callable[[str], None] = _stderr) -> int:
    """Write the band keys of every post that has any (its old rows are gone: V10's SQL); returns how many
    posts."""
    row = tx.one("SELECT count(*) AS n FROM posts WHERE bands IS NOT NULL")
    total = int(row["n"]) if row else 0
    loud = total >= REPORT_AT
    if loud:
        report(f"database {location}: recomputing the stories' band keys of {total:,} posts (schema v10)")
    done, last, started, said = 0, -1, time.monotonic(), time.monotonic()
    while True:
        rows = tx.all("SELECT id, title, summary FROM posts WHERE bands IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
                      (last, BATCH))
        if not rows:
            break
        updates: list[tuple[str | None, int]] = []
        bands: list[tuple[int, int]] = []
        for r in rows:
            pid = int(r["id"])
            keys = unpack_bands(story_print(r["title"], r["summary"], None).bands)
            updates.append((" ".join(map(str, keys)) or None, pid))
            bands.extend((k, pid) for k in dict.fromkeys(keys))
        tx.executemany("UPDATE posts SET bands = ? WHERE id = ?", updates)
        bands.sort()  # key order: each B-tree page changed once
        tx.executemany("INSERT INTO post_bands (band, post_id) VALUES (?, ?) ON CONFLICT DO NOTHING", bands)
        done += len(rows)
        last = int(rows[-1]["id"])
        if loud and time.monotonic() - said >= 2.0:
            said = time.monotonic()
            report(f"  {done:,} of {total:,} posts ({done / total:.0%}), {said - started:.0f} s")
    if loud:
        report(f"  {done:,} posts done in {time.monotonic() - started:.1f} s")
    return done
