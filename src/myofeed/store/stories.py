"""Stories: copies of one story from several sources, grouped (schema v7; the decisions are
myofeed/stories.py's pure functions).

Each post belongs to one story (`posts.story`, the id of the story's first-found post); one copy
is its primary (`posts.is_primary`, chosen by stories.choose_primary), the one topic_index, the
feeds and the digests list; the others are shown as "also at" links. A story's topics are its
primary's: the entry shown is that copy, with its categories and its "why here".

Linking runs inside the write that stored or changed the posts (record_fetch), only for posts new
or whose title, summary or link changed: their fingerprints (canonical link, sketch band keys)
are written, candidates found by index lookups (`post_bands`, `posts.canonical_url`), confirmed
on the texts themselves, and the post joins the best matching story of other sources. A story
never holds two posts of one source (a source's own follow-up is its own business). On
PostgreSQL every write that may change a story takes one transaction-level advisory lock, first
(before any row lock, so that two such writes never wait on each other's rows in a cycle): two
workers storing two copies of one story at once still see each other's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain, compress
from operator import eq, itemgetter
from typing import Any, NamedTuple

from .._types import Fingerprint, PostWrite
from ..stories import (
    choose_primary,
    fingerprint,
    same_story,
    similarity,
    title_print,
    titles_allow,
    unpack_bands,
)
from ..types import Copy
from ._db import Row, Tx, pow2_chunks
from ._mixin import MixinBase

STORY_LOCK = 0x6D795354  # "myST": pg_advisory_xact_lock key serializing story writes
# ids or keys per IN (...) at most, within every backend's bound-parameter limit; fewer in power-of-two sizes
# (pow2_chunks): each length is a prepared statement in the driver's cache (128 of them, ~0.2 KB a
# parameter: a batch's every length of list kept ~2 MB of statements in the writer)
_CHUNK = 256
_COLUMNS = "id, source, story, title, summary, url, canonical_url, bands"
# Bounds on the work one post costs, whatever the database holds: a band key is read for its
# BAND_READ newest posts only (copies of one story arrive close together; a key shared by more is
# template text, e.g. a site whose posts are one boilerplate, or a synthetic benchmark), and only the
# CANDIDATES posts sharing the most band keys are compared. Unbounded, 2,000 template-written feeds
# took minutes instead of seconds (every key matched thousands of posts).
BAND_READ = 16
CANDIDATES = 12
_UNION = 256  # band keys per statement at most (then 128, 64, ...): under SQLite's 500 terms of a compound SELECT
_BAND_ROWS = 256  # post_bands rows per multi-row INSERT at most (512 parameters)
_NONE: Mapping[int, PostWrite] = {}
_NO_ROWS: Mapping[int, Row] = {}


class StoriesMixin(MixinBase):
    _pending_bands: _PendingBands | None = None  # band rows to write at the end of the transaction (_bands_at_end)

    # --- writes (inside the caller's transaction) ---------------------------------------

    def _story_lock(self, tx: Tx) -> None:
        if self._db.dialect.name == "postgresql":
            tx.one("SELECT pg_advisory_xact_lock(?)", (STORY_LOCK,))

    def _link_stories(self, tx: Tx, post_ids: Collection[int], written: Mapping[int, PostWrite] = _NONE,
                      fresh: Mapping[int, Row] = _NO_ROWS) -> None:
        """Fingerprint these posts (new, or their title, summary or link changed) and put each in its story.
        `written`: what was stored of them; a post's canonical link and band keys come from its parse
        worker (PostWrite.story), and its text is only shingled here when a candidate is compared with it.
        `fresh`: rows of these posts (_COLUMNS) the caller has just inserted, as stored: not read back (a
        first ingest's posts are ~6.5 KB rows, most of it the summary and its HTML)."""
        if not post_ids:
            return
        self._story_lock(tx)
        rows = {pid: fresh[pid] for pid in post_ids if pid in fresh}
        rows.update((int(r["id"]), r) for r in _select_in(
            tx, f"SELECT {_COLUMNS} FROM posts", "id", [pid for pid in post_ids if pid not in fresh]))
        rows = dict(sorted(rows.items()))  # by id, as the statement returned them
        lookups = {pid: _lookup_of(r, written.get(pid)) for pid, r in rows.items()}
        # an edited post's old keys go first; its new ones (and every new post's) after the look-ups, which
        # add this batch's keys themselves: the statements then return other posts' rows only, not 32 a post
        self._drop_fingerprints(tx, {pid: r["bands"] for pid, r in rows.items() if r["story"] is not None})
        candidates = self._candidates(tx, lookups)
        self._write_fingerprints(tx, lookups)
        known: dict[int, Row] = dict(rows)
        known.update({int(r["id"]): r for r in _select_in(
            tx, f"SELECT {_COLUMNS} FROM posts", "id", {c for cs in candidates.values() for c in cs} - set(rows))})
        story_of: dict[int, int | None] = {pid: r["story"] for pid, r in known.items()}
        prints: dict[int, Fingerprint] = {}  # whole fingerprints (shingled texts), of the posts compared only
        titles: dict[int, Fingerprint] = {}

        def print_of(pid: int) -> Fingerprint:
            if pid not in prints:  # its stored (or just computed) link; the band keys are not needed to compare
                r = known[pid]
                link = lookups[pid].url if pid in lookups else r["canonical_url"]
                prints[pid] = fingerprint(r["title"], r["summary"], None, canonical=link, bands=False)
            return prints[pid]

        def title_of(pid: int) -> Fingerprint:  # link and title only: cheap, enough to rule most out
            if pid in prints:
                return prints[pid]
            if pid not in titles:
                r = known[pid]
                link = lookups[pid].url if pid in lookups else r["canonical_url"]
                titles[pid] = title_print(r["title"], link)
            return titles[pid]

        touched: set[int] = set()  # stories whose primary may have changed
        placed: dict[int, int] = {}  # post -> its story, written once at the end
        added: dict[int, set[str]] = {}  # story -> sources this batch put in it (not written yet)
        for pid in sorted(rows):
            old, source = story_of[pid], rows[pid]["source"]
            if old is not None and self._still_in(tx, pid, old, print_of, known, touched):
                placed[pid] = old
                continue
            scores: dict[int, float] = {}
            for c in candidates.get(pid, ()):
                story = story_of.get(c)
                if story is None or known[c]["source"] == source:
                    continue  # not fingerprinted yet (a later post of this batch), or the same source
                if not titles_allow(title_of(pid), title_of(c)):
                    continue
                score = similarity(print_of(pid), print_of(c))
                if score > scores.get(story, 0.0):
                    scores[story] = score
            taken = self._stories_with_source(tx, scores, source, pid)
            taken |= {s for s in scores if source in added.get(s, ())}
            ranked = sorted((s for s in scores if s not in taken), key=lambda s: (-scores[s], s))
            story = ranked[0] if ranked else pid
            placed[pid] = story_of[pid] = story
            added.setdefault(story, set()).add(source)
            if story != pid or old is not None:  # a new post alone in its story is its primary already
                touched.add(story)
        tx.executemany("UPDATE posts SET story = ?, canonical_url = ?, bands = ? WHERE id = ?",
                       [(story, lookups[pid].url, band_text(lookups[pid].bands), pid) for pid, story in placed.items()])
        self._refresh_primaries(tx, touched)

    def _drop_fingerprints(self, tx: Tx, stored: Mapping[int, str | None]) -> None:
        """Remove these posts' band rows, by the keys each post keeps (`posts.bands`: the table has no
        index on post_id, v8)."""
        rows = [(band, pid) for pid, text in stored.items() for band in band_list(text)]
        if self._pending_bands is not None:
            self._pending_bands.drop(rows)
        tx.executemany("DELETE FROM post_bands WHERE band = ? AND post_id = ?", rows)

    def _write_fingerprints(self, tx: Tx, lookups: Mapping[int, _Lookup]) -> None:
        """Store the posts' band keys (at the end of the transaction when `_bands_at_end` says so)."""
        rows = [(band, pid) for pid, m in lookups.items() for band in dict.fromkeys(m.bands)]
        if self._pending_bands is not None:
            self._pending_bands.add(rows)
        else:
            self._insert_bands(tx, rows)

    def _insert_bands(self, tx: Tx, rows: list[tuple[int, int]]) -> None:
        """One multi-row INSERT per chunk of rows (not a round trip per row), in key order."""
        rows.sort()
        for part in pow2_chunks(rows, _BAND_ROWS):
            tx.execute("INSERT INTO post_bands (band, post_id) VALUES " + ", ".join(["(?, ?)"] * len(part))
                       + " ON CONFLICT DO NOTHING", [v for row in part for v in row])

    @contextmanager
    def _bands_at_end(self, tx: Tx) -> Iterator[_PendingBands]:
        """Band rows of the posts linked inside this block are written once, in key order, when it ends
        (inside the transaction `tx`); until then the look-ups find them in memory.

        A post's 32 keys land on 32 random pages of post_bands' B-tree: written source by source, a
        batch of sources dirtied most of the tree again and again, more pages than SQLite's page cache
        holds, so pages went to the WAL and came back before the commit. In one ordered pass each page
        is changed once (replaying the 300-feed bench's writes: system time -40%, CPU -17%). The caller undoes a
        failed part with `mark` and `undo` (a source rolled back to its savepoint)."""
        pending = self._pending_bands = _PendingBands()
        try:
            yield pending
        finally:
            self._pending_bands = None
        self._insert_bands(tx, pending.rows)

    def _candidates(self, tx: Tx, lookups: Mapping[int, _Lookup]) -> dict[int, set[int]]:
        """post id -> the other posts sharing its canonical link, and the CANDIDATES posts sharing most of
        its band keys (index lookups, bounded: see _band_posts), this batch's posts included."""
        keys = {b for f in lookups.values() for b in f.bands}
        stored = _band_posts(tx, keys)
        if self._pending_bands is not None:  # written earlier in this transaction, not stored yet
            for b, pending in self._pending_bands.posts(keys).items():
                stored.setdefault(b, []).extend(pending)
        by_band = band_candidates(stored, {pid: f.bands for pid, f in lookups.items()})
        by_url: dict[str, set[int]] = {}
        for r in _select_in(tx, "SELECT id, canonical_url FROM posts", "canonical_url",
                            {f.url for f in lookups.values() if f.url}):
            by_url.setdefault(r["canonical_url"], set()).add(int(r["id"]))
        for pid, f in lookups.items():  # this batch's links are written at its end
            if f.url:
                by_url.setdefault(f.url, set()).add(pid)
        return {pid: (by_band.get(pid, set()) | by_url.get(f.url or "", set())) - {pid} for pid, f in lookups.items()}

    def _still_in(self, tx: Tx, pid: int, story: int, print_of: Any, known: dict[int, Row],
                  touched: set[int]) -> bool:
        """An edited post that still matches a copy of its story stays; one that no longer does leaves
        it (the others keep their story, relabelled when it was named after this post)."""
        members = tx.all(f"SELECT {_COLUMNS} FROM posts WHERE story = ? AND id <> ?", (story, pid))
        if not members:
            return False
        for m in members:
            known.setdefault(int(m["id"]), m)
        if any(same_story(print_of(pid), print_of(int(m["id"]))) for m in members):
            touched.add(story)
            return True
        if story == pid:
            label = min(int(m["id"]) for m in members)
            tx.execute("UPDATE posts SET story = ? WHERE story = ? AND id <> ?", (label, story, pid))
            touched.add(label)
        else:
            touched.add(story)
        return False

    def _stories_with_source(self, tx: Tx, stories: Iterable[int], source: str, pid: int) -> set[int]:
        """Which of these stories already hold a post of `source` (other than `pid`)."""
        rows = _select_in(tx, "SELECT DISTINCT story FROM posts", "story", set(stories),
                          " AND source = ? AND id <> ?", (source, pid))
        return {int(r["story"]) for r in rows}

    def _refresh_primaries(self, tx: Tx, stories: Collection[int]) -> None:
        """Make each story's primary the copy choose_primary picks (topic_index follows by trigger)."""
        if not stories:
            return
        self._story_lock(tx)
        groups: dict[int, list[Row]] = {}
        for r in _select_in(tx, "SELECT p.id, p.story, p.hidden, p.sort_key, p.is_primary, EXISTS (SELECT 1 FROM"
                                " post_topics t WHERE t.post_id = p.id) AS on_topic FROM posts p", "p.story", stories):
            groups.setdefault(int(r["story"]), []).append(r)
        changes = []
        for members in groups.values():
            chosen = choose_primary([(int(r["id"]), bool(r["hidden"]), bool(r["on_topic"]), r["sort_key"])
                                     for r in members])
            changes += [(int(r["id"]) == chosen, int(r["id"])) for r in members
                        if bool(r["is_primary"]) != (int(r["id"]) == chosen)]
        tx.executemany("UPDATE posts SET is_primary = ? WHERE id = ?", changes)

    def _refresh_stories_of(self, tx: Tx, post_ids: Collection[int]) -> None:
        """After a post's visibility, topics or date changed: its story's primary may be another copy."""
        rows = _select_in(tx, "SELECT DISTINCT story FROM posts", "id", post_ids, " AND story IS NOT NULL")
        self._refresh_primaries(tx, {int(r["story"]) for r in rows})

    # --- the one-time pass over posts stored before v7 ------------------------------------

    def link_pending(self, limit: int = 500) -> int:
        """Fingerprint and link up to `limit` posts stored before stories existed (oldest first), in one
        transaction; returns how many (0: none left)."""
        if self._db.one("SELECT id FROM posts WHERE story IS NULL LIMIT 1") is None:
            return 0
        with self._db.transaction() as tx:
            self._story_lock(tx)
            ids = [int(r["id"]) for r in tx.all("SELECT id FROM posts WHERE story IS NULL ORDER BY id LIMIT ?",
                                                (limit,))]
            self._link_stories(tx, ids)
        return len(ids)

    # --- reads ---------------------------------------------------------------------------

    def story_copies(self, post_ids: Sequence[int]) -> dict[int, tuple[Copy, ...]]:
        """For each post, the other visible copies of its story, earliest first (none: not listed)."""
        out: dict[int, list[Copy]] = {}
        for chunk in _chunks(list(dict.fromkeys(post_ids))):
            rows = self._db.all(
                "SELECT p.id AS of, c.id, c.source, c.url, c.title FROM posts p JOIN posts c"
                " ON c.story = p.story AND c.id <> p.id AND c.hidden = FALSE"
                f" WHERE p.id IN ({_marks(chunk)}) ORDER BY c.sort_key, c.id", chunk)
            for r in rows:
                out.setdefault(int(r["of"]), []).append(Copy(int(r["id"]), r["source"], r["url"], r["title"]))
        return {k: tuple(v) for k, v in out.items()}

    def reached_through_copies(self, subscriber_id: int, post_ids: Sequence[int]) -> set[int]:
        """Those of `post_ids` whose story already reached the subscriber in a digest, as another copy."""
        found: set[int] = set()
        for chunk in _chunks(list(dict.fromkeys(post_ids))):
            rows = self._db.all(
                "SELECT DISTINCT p.id FROM posts p JOIN posts c ON c.story = p.story AND c.id <> p.id"
                " JOIN deliveries d ON d.post_id = c.id AND d.subscriber_id = ?"
                f" WHERE p.id IN ({_marks(chunk)})", (subscriber_id, *chunk))
            found.update(int(r["id"]) for r in rows)
        return found


def band_candidates(stored: Mapping[int, list[int]], bands: Mapping[int, Sequence[int]]) -> dict[int, set[int]]:
    """post id -> the CANDIDATES other posts sharing most of its band keys (`bands`: this batch's posts'
    keys), for the posts that have any. `stored`: each key's posts found stored (and written earlier in
    the transaction); a key's posts are those, then this batch's in order, as if its keys were stored
    already (they are written next), cut to the BAND_READ newest.

    Only keys another post holds can give a candidate: those found stored, and those two posts of the
    batch share (found in C, by sorting the batch's keys). Most posts hold none (two in three of a first
    ingest's) and are settled by one set test each, without a list per key (tests/store/test_stories.py
    compares this with the definition, a list per key)."""
    each = [tuple(dict.fromkeys(keys)) for keys in bands.values()]  # a post's keys once each
    ordered = sorted(chain.from_iterable(each))
    twice = set(compress(ordered[1:], map(eq, ordered[1:], ordered)))  # keys two posts of the batch hold
    batch: dict[int, list[int]] = {}  # such a key -> the batch's posts holding it, in order
    if twice:
        for pid, own in zip(bands, each, strict=True):
            for b in twice.intersection(own):
                batch.setdefault(b, []).append(pid)
    shared_keys = twice.union(stored)
    lists: dict[int, list[int]] = {}

    def posts_of(b: int, pid: int) -> list[int]:
        found = lists.get(b)
        if found is None:
            found = stored.get(b, [])
            found = found + [p for p in batch.get(b, (pid,)) if p not in found]
            if len(found) > BAND_READ:  # the newest (a key's stored posts may come back in any number and order)
                found = sorted(found, reverse=True)[:BAND_READ]
            lists[b] = found
        return found

    out: dict[int, set[int]] = {}
    for pid, keys in bands.items():
        if shared_keys.isdisjoint(keys):
            continue
        shared = Counter(chain.from_iterable(posts_of(b, pid) for b in keys if b in shared_keys))
        shared.pop(pid, None)
        # copies of one story share many bands; template text shares a few with everything
        out[pid] = set(sorted(shared, key=lambda c: (-shared[c], -c))[:CANDIDATES])
    return out


def band_text(keys: Sequence[int]) -> str | None:
    """A post's band keys as `posts.bands` keeps them (None: too short a text to have any)."""
    return " ".join(map(str, keys)) or None


def band_list(text: str | None) -> list[int]:
    return [int(k) for k in text.split()] if text else []


class _PendingBands:
    """Band rows (band, post id) written in a transaction but not stored yet, in parts as they were added
    (a source's posts a part), each with the set of its keys (made in C): a look-up reads only the parts
    that hold one of its keys, not every pending row."""

    def __init__(self) -> None:
        self.parts: list[tuple[set[int], list[tuple[int, int]]]] = []

    @property
    def rows(self) -> list[tuple[int, int]]:
        return [row for _, rows in self.parts for row in rows]

    def add(self, rows: list[tuple[int, int]]) -> None:
        if rows:
            self.parts.append((set(map(itemgetter(0), rows)), rows))

    def posts(self, keys: set[int]) -> dict[int, list[int]]:
        """band -> its pending posts, for those of `keys` that have any."""
        out: dict[int, list[int]] = {}
        for bands, rows in self.parts:
            if not keys.isdisjoint(bands):
                for band, pid in rows:
                    if band in keys:
                        out.setdefault(band, []).append(pid)
        return out

    def drop(self, rows: list[tuple[int, int]]) -> None:
        gone = set(rows)
        if not gone:
            return
        keys = set(map(itemgetter(0), gone))
        for i, (bands, part) in enumerate(self.parts):
            if not keys.isdisjoint(bands):
                kept = [r for r in part if r not in gone]
                self.parts[i] = (set(map(itemgetter(0), kept)), kept)

    def mark(self) -> list[tuple[set[int], list[tuple[int, int]]]]:
        return list(self.parts)

    def undo(self, mark: list[tuple[set[int], list[tuple[int, int]]]]) -> None:
        """Back to what `mark` saw (a source rolled back to its savepoint: its rows go, and rows its edits
        dropped come back, as the rows they deleted come back in the table). Parts are never changed in
        place, so the saved list still holds them as they were."""
        self.parts = mark


class _Lookup(NamedTuple):
    """A post's canonical link and band keys: what is written and looked up for it."""

    url: str | None
    bands: tuple[int, ...]


def _lookup_of(row: Row, written: PostWrite | None) -> _Lookup:
    """The post's link and band keys: its parse worker's when they were computed from what is stored."""
    if written is not None and written.story is not None and (written.title, written.summary, written.url) == (
            row["title"], row["summary"], row["url"]):
        return _Lookup(written.story.url, unpack_bands(written.story.bands))
    f = fingerprint(row["title"], row["summary"], row["url"])
    return _Lookup(f.url, f.bands)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: list[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    return pow2_chunks(values, size)


def _band_posts(tx: Tx, keys: Collection[int]) -> dict[int, list[int]]:
    """band key -> its stored posts, at least its BAND_READ newest (the caller keeps the newest): many keys a
    statement, in a few sizes only (each size is a prepared statement in the driver's cache).

    Most keys name no other post or a few: a plain `IN` reads them (about half the cost of one bounded
    range per key). A key shared by many posts (template text) would make that read unbounded, so a
    statement is cut at BAND_READ rows a key on average, and a chunk that reaches it is read again one
    bounded range per key."""
    out: dict[int, list[int]] = {}
    for chunk in pow2_chunks(sorted(keys), _UNION):
        most = len(chunk) * BAND_READ
        rows = tx.all(_band_in_sql(len(chunk)), (*chunk, most + 1))
        if len(rows) > most:
            rows = tx.all(_band_sql(len(chunk)), chunk)
        for r in rows:
            out.setdefault(int(r["band"]), []).append(int(r["post_id"]))
    return out


@lru_cache(maxsize=16)
def _band_in_sql(n: int) -> str:
    return f"SELECT band, post_id FROM post_bands WHERE band IN ({', '.join(['?'] * n)}) LIMIT ?"


@lru_cache(maxsize=16)
def _band_sql(n: int) -> str:
    return " UNION ALL ".join(
        f"SELECT band, post_id FROM (SELECT band, post_id FROM post_bands WHERE band = ?"
        f" ORDER BY post_id DESC LIMIT {BAND_READ}) AS k{i}" for i in range(n))


def _select_in(tx: Tx, select: str, column: str, values: Collection[Any], more: str = "",
               params: Sequence[object] = ()) -> list[Row]:
    """`select` WHERE column IN (values) [more], in chunks."""
    out: list[Row] = []
    for chunk in _chunks(list(values)):
        out += tx.all(f"{select} WHERE {column} IN ({_marks(chunk)}){more}", (*chunk, *params))
    return out
