"""The label hierarchy applied to a post's disease labels: overviews and implied parents."""

from __future__ import annotations

from . import explain
from .compiled import _TopicRule


def overview(topics: tuple[_TopicRule, ...], labels: dict[str, list[str]], min_subtypes: int) -> None:
    """Three or more subtypes (`min_subtypes`) of one parent make an overview: the parent label only."""
    if len(labels) < min_subtypes:
        return  # too few labels to hold that many subtypes: most posts
    subtypes = [t for t in topics if t.is_subtype and t.slug in labels]
    if len(subtypes) < min_subtypes:
        return
    by_parent: dict[str, list[str]] = {}
    for t in subtypes:
        by_parent.setdefault(t.parent or "", []).append(t.slug)
    for parent, slugs in by_parent.items():
        if len(slugs) < min_subtypes:
            continue
        # A subtype the title names is the post's subject; the others are its comparisons.
        titled = [s for s in slugs if any(e.endswith(" in title") for e in labels[s])]
        if 0 < len(titled) < min_subtypes:
            for slug in slugs:
                if slug not in titled:
                    del labels[slug]
            continue
        for slug in slugs:
            del labels[slug]
        labels.setdefault(parent, []).insert(0, explain.overview(slugs))


def ancestry(topics: tuple[_TopicRule, ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per topic, (parent, evidence) up the hierarchy, nearest first."""
    by_slug = {t.slug: i for i, t in enumerate(topics)}
    return {t.slug: _ancestors(topics, by_slug, t.slug) for t in topics}


def _ancestors(topics: tuple[_TopicRule, ...], by_slug: dict[str, int], slug: str) -> tuple[tuple[str, str], ...]:
    """(parent, evidence) up the hierarchy from one topic, nearest first."""
    out = []
    seen = {slug}
    parent = topics[by_slug[slug]].parent
    child = slug
    while parent and parent not in seen:
        out.append((parent, explain.parent_of(child)))
        seen.add(parent)
        child, parent = parent, topics[by_slug[parent]].parent
    return tuple(out)


def imply_parents(ancestors: dict[str, tuple[tuple[str, str], ...]], labels: dict[str, list[str]]) -> None:
    for slug in list(labels):
        for parent, ev in ancestors[slug]:
            bucket = labels.setdefault(parent, [])
            if ev not in bucket:
                bucket.append(ev)
