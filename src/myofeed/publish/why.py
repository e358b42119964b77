""""Why here": the classifier's stored evidence as a line a reader can follow.

Pure: evidence in, short reasons out. Used by every output (feeds, pages,
digests) so a reader sees the same reason wherever the post shows up.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# the text a rule matched, as evidence strings quote it: 'Gottron' or "Gottron papules"
_QUOTED = re.compile(r"'([^']{1,80})'|\"([^\"]{1,80})\"")
MAX_PER_TOPIC = 3


@dataclass(frozen=True)
class Reason:
    slug: str
    title: str  # the topic's display title
    because: tuple[str, ...]  # matched words, or a rule's own words when it quotes nothing
    quoted: bool  # whether `because` holds matched text (shown in quotes)


def reasons(
    evidence: Mapping[str, Sequence[str]], topics: Sequence[str], titles: Mapping[str, str]
) -> tuple[Reason, ...]:
    """One reason per topic the post is in, in the post's topic order.

    A parent topic that is there only because a subtype is ("parent of
    dermatomyositis") gets no reason of its own: the subtype's says it.
    """
    out = []
    for slug in topics:
        direct = [e for e in evidence.get(slug, ()) if not e.startswith("parent of ")]
        if not direct:
            continue
        words: list[str] = []
        plain: list[str] = []
        for item in direct:
            found = [a or b for a, b in _QUOTED.findall(item)]
            words.extend(found) if found else plain.append(item)
        chosen = _unique(words)[:MAX_PER_TOPIC]
        out.append(Reason(slug, titles.get(slug, slug), tuple(chosen or _unique(plain)[:1]), bool(chosen)))
    return tuple(out)


def _unique(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = " ".join(item.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(" ".join(item.split()))
    return out


def as_text(rs: Sequence[Reason]) -> str:
    """'Dermatomyositis: "Gottron", "rash"; Treatment: "IVIG"' ('' when there is none)."""
    return "; ".join(f"{r.title}: " + ", ".join(f'"{w}"' if r.quoted else w for w in r.because) for r in rs)


def as_html(rs: Sequence[Reason]) -> str:
    """The same line as HTML, every word from the post escaped (it is fetched text)."""
    return html.escape(as_text(rs), quote=False)
