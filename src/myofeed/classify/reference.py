"""Explainer and reference pages about a disease ("What is IBM?", "IBM: symptoms, causes and treatment",
a clinic's page titled with the disease's name): the rule engine reads their aspects by the page's kind
(TopicSettings.threshold_explainer; docs/classification.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .collect import _Post
from .compiled import KEY, TERM, _TopicRule
from .evidence import _EV_EXPLAINER, Evidence

_FIRST_PERSON = frozenset(("i", "my", "me", "i'm", "i've"))
_NAMES = frozenset((TERM, KEY))  # a disease's names, not its signs or antibodies seen in context


def explainer_page(
    topics: Sequence[_TopicRule],
    disease_ids: Sequence[int],
    aspect_ids: Sequence[int],
    gap: int,
    post: _Post,
    labels: Mapping[str, list[str]],
) -> Evidence | None:
    """An explainer or reference page about the disease, as its evidence; None when it is not one.

    A title is one when an explainer phrase ('What is', 'a guide to') opens it, the name of a disease
    the post is labeled with following within rules.explainer_gap words, or follows such a name
    that opens the title ('IBM: symptoms, causes', '... - Practice Essentials'), or when the title is that disease's name alone (a clinic's page; not a
    question, nor a first-person post). A title that names another subject (an aspect's
    explainer_cancel phrases: 'Living with ...', '...: a review') makes it no explainer. `gap`:
    rules.explainer_gap."""
    toks = post.toks
    title_end = toks.title_end
    tokens = toks.tokens
    if not post.explainer and title_end >= len(tokens) - 1:
        return None  # a bare name with no teaser says nothing of the page
    spans = [
        (m[1], m[2])
        for i in disease_ids
        if topics[i].slug in labels
        for m in post.topics.get(i, ())
        if m[1] < title_end and m[0].kind in _NAMES
    ]
    if not spans:
        return None
    found: Evidence | None = None
    for m in post.explainer:
        # the disease is the title's head: the explainer words open the title before its name ('What
        # is IBM?'), or follow a name that opens it ('IBM: symptoms, causes', 'Dermatomyositis -
        # Overview, Clinical Presentation and Workup'); not 'Steroid tapering for myositis,
        # explained', an explainer of a therapy
        if any((m[1] <= gap and 0 <= s - m[2] <= gap) or (s <= 1 and m[1] >= e) for s, e in spans):
            found = (_EV_EXPLAINER, m[1], m[2], None)
            break
    if found is None:  # a bare name with no teaser says nothing of the page: ruled out above
        inside: set[int] = set()
        for s, e in spans:
            inside.update(range(s, e))
        if any(k not in inside and any(c.isalnum() or c == "?" for c in tokens[k]) for k in range(title_end)):
            return None
        if any(tokens[m[1]].lower() in _FIRST_PERSON for m in post.voice):
            return None  # a blog post titled with the disease: the writer's own
        found = (_EV_EXPLAINER, 0, title_end, None)
    for i in aspect_ids:
        cancel = topics[i].explainer_cancel
        if cancel and any(m[1] < title_end and m[0].kind in cancel for m in post.topics.get(i, ())):
            return None
    return found
