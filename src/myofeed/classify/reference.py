"""Explainer and reference pages about a disease ("What is IBM?", "IBM: symptoms, causes and treatment",
a clinic's page titled with the disease's name): the rule engine reads their aspects by the page's kind
(TopicSettings.threshold_explainer; docs/classification.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .collect import _Post
from .compiled import KEY, TERM, _TopicRule
from .evidence import _EV_EXPLAINER, Evidence
from .score import _Score

_FIRST_PERSON = frozenset(("i", "my", "me", "i'm", "i've"))
_NAMES = frozenset((TERM, KEY))  # a disease's names, not its signs or antibodies seen in context
# a facet that is also a verb: in a teaser after a disease's name or a pronoun ('IMNM causes fast-developing
# weakness', 'it causes a rash') a sign told, not a section ('its causes', 'symptoms, causes and ...')
_VERB_FACETS = frozenset(("causes",))
_SUBJECT_BEFORE = frozenset(("it", "which", "that", "this", "and", "also", "often", "usually", "mainly"))
_NAME_ENDINGS = ("itis", "opathy", "opathies", "syndrome", "disease")


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


def overview_subjects(
    topics: Sequence[_TopicRule], scored: list[tuple[int, _Score]], post: _Post
) -> list[tuple[int, _Score]]:
    """What an explainer page is about, when it is an overview of the whole disease: a page that names
    the disease's general facets (rules.overview_facets: its causes, outlook, who gets it) beside
    recognizing or treating it is about none of them (LABELING.md rule 2: "Polymyositis - an overview
    ... its causes, symptoms, how it is diagnosed", "X: symptoms, causes and treatment"), unless one
    outweighs the rest twice over ("... its causes in a line, then the CK, EMG, MRI and biopsy"), or its
    title names it by a key term ("X: diagnosis and treatment"). A page that names no general facet
    is about what it names (topics-dev: "a plain-language guide ... the antibodies, the biopsy findings
    and the usual treatment combinations" is diagnosis and treatment). Called only when a facet is named."""
    title_end = post.toks.title_end
    seen: set[str] = set()
    facets = 0.0
    for m in post.facets:
        if m[1] > title_end and m[0].key in _VERB_FACETS:
            before = post.toks.tokens[m[1] - 1]
            if before.isupper() or before.lower() in _SUBJECT_BEFORE or before.lower().endswith(_NAME_ENDINGS):
                continue  # 'IMNM causes fast-developing weakness': a sign told, not a section
        if m[0].key not in seen:
            seen.add(m[0].key)
            facets += 2.0 if m[1] < title_end else 1.0  # a title says what a page covers
    rivals = {i: s.score for i, s in scored if topics[i].explainer is not None}
    if not rivals or not facets:
        return scored
    total = facets + sum(rivals.values())
    return [
        (i, s)
        for i, s in scored
        if i not in rivals
        or s.score >= 2 * (total - s.score)
        or any(m[1] < title_end and m[0].kind == KEY for m in post.topics.get(i, ()))
    ]
