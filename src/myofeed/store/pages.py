"""Readers' pages: a topic's posts a page at a time, and full-text search, in feed order.

Both read `topic_index` (schema v5): each visible post under each of its
topics and under ALL, keyed (topic, sort_key, post_id), so a page is one range
of one index read newest first, whatever the topic's size. The rows are the
feeds' rows (visible, on-topic, parents included, ordered by sort key then id):
what a page shows is what the feed it links to holds.

Search finds the posts holding every word (title, summary, author, source):
FTS5 on SQLite, the GIN-indexed tsvector on PostgreSQL. Words arrive already
reduced to plain words (myofeed.search.search_words) and go in as bound
parameters quoted as strings, so no input is ever query syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Post, PostPage
from ._db import Params
from .posts import PostsMixin, _post
from .schema import PG_SEARCH_CONFIG, PG_SEARCH_VECTOR

ALL = ""  # topic_index's key for every visible on-topic post (no topic slug is empty)
# A search reads at most this many ids past the page's start: enough to say "N posts" exactly for
# any ordinary query and to page ahead, while a word found in every post still costs one short scan.
SEARCH_HORIZON = 500
_ORDER = " ORDER BY sort_key DESC, post_id DESC"
FEW = 500  # SQLite: a query matching fewer posts is answered from its matches (see _few_matches)


class PagesMixin(PostsMixin):
    def topic_page(self, topic: str | None, *, offset: int, limit: int, total: int | None = None) -> PostPage:
        """The visible posts of `topic` (None: every on-topic post), newest first, from `offset`.
        `total`: the topic's count when the caller has it (counting a large topic reads its whole range)."""
        key = topic or ALL
        if total is None:
            total = self.topic_count(topic)
        if offset >= total:
            return PostPage((), total)
        ids = self._ids("SELECT post_id FROM topic_index WHERE topic = ?" + _ORDER + " LIMIT ? OFFSET ?",
                        (key, limit, offset))
        return PostPage(self._posts_by_id(ids), total)

    def topic_count(self, topic: str | None) -> int:
        """How many visible posts `topic` (None: every on-topic post) holds."""
        row = self._db.one("SELECT COUNT(*) AS n FROM topic_index WHERE topic = ?", (topic or ALL,))
        return int(row["n"]) if row else 0

    def search_posts(self, words: Sequence[str], *, topic: str | None, offset: int, limit: int) -> PostPage:
        """Visible on-topic posts (of `topic` when given) holding every word, newest first, from `offset`.

        `total` is exact up to SEARCH_HORIZON posts past `offset`, else a lower bound (`exact` False).
        """
        if not words:
            return PostPage((), 0)
        if self._db.dialect.name == "sqlite":
            few = self._few_matches(fts5_query(words), topic)
            if few is not None:  # a rare query: all its rows, already in order
                return PostPage(self._posts_by_id(few[offset:offset + limit]), len(few))
        matches, param = self._match(words)
        where = f"topic = ? AND post_id IN ({matches})"
        ids = self._ids(f"SELECT post_id FROM topic_index WHERE {where}" + _ORDER + " LIMIT ? OFFSET ?",
                        (topic or ALL, param, SEARCH_HORIZON + 1, offset))
        if not ids and offset:  # past the end: say how far the results go
            row = self._db.one(f"SELECT COUNT(*) AS n FROM topic_index WHERE {where}", (topic or ALL, param))
            return PostPage((), int(row["n"]) if row else 0)
        exact = len(ids) <= SEARCH_HORIZON
        return PostPage(self._posts_by_id(ids[:limit]), offset + min(len(ids), SEARCH_HORIZON), exact)

    # --- helpers ------------------------------------------------------------------

    def _few_matches(self, query: str, topic: str | None) -> list[int] | None:
        """Every listed id of a query FTS5 matches in fewer than FEW posts, newest first; None for a
        commoner query. Few matches are quicker looked up in topic_index by post than found by walking
        the topic's whole range in order, which suits a query found everywhere. The query is matched
        once: its ids go into the lookup as parameters."""
        rows = self._db.all("SELECT rowid AS id FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?", (query, FEW))
        if len(rows) >= FEW:
            return None
        if not rows:
            return []
        marks = ", ".join("?" for _ in rows)
        # INDEXED BY: by post, not the topic's whole range (the planner cannot know the list is short)
        return self._ids(f"SELECT post_id FROM topic_index INDEXED BY topic_index_post WHERE topic = ?"
                         f" AND post_id IN ({marks})" + _ORDER, (topic or ALL, *(int(r["id"]) for r in rows)))

    def _match(self, words: Sequence[str]) -> tuple[str, str]:
        """A subquery of the ids of posts holding every word, and its one parameter."""
        if self._db.dialect.name == "postgresql":
            # plainto_tsquery reads its text as plain words joined by AND: never syntax
            return (f"SELECT id FROM posts WHERE {PG_SEARCH_VECTOR} @@ plainto_tsquery('{PG_SEARCH_CONFIG}', ?)",
                    " ".join(words))
        return "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?", fts5_query(words)

    def _ids(self, sql: str, params: Params) -> list[int]:
        return [int(r["post_id"]) for r in self._db.all(sql, params)]

    def _posts_by_id(self, ids: Sequence[int]) -> tuple[Post, ...]:
        if not ids:
            return ()
        marks = ", ".join("?" for _ in ids)
        rows = {int(r["id"]): r for r in self._db.all(self._select() + f" WHERE p.id IN ({marks})", list(ids))}
        return tuple(_post(rows[i]) for i in ids if i in rows)


def fts5_query(words: Sequence[str]) -> str:
    """An FTS5 MATCH expression: each word a quoted string (so never an operator or a column
    filter), all of them required."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)
