"""Which disease labels a post gets (step 3 of rules.py's order): thresholds, passing mentions in lists
of other diseases, past misdiagnoses and comparisons, a group's members, overlap forms."""

from __future__ import annotations

from .alternatives import alternative_spans, only_alternatives
from .collect import _Post
from .evidence import _EV_ALTERNATIVE, _EV_MEMBER, _EV_OVERLAP, Evidence, TermMemo, render
from .matcher import Match
from .score import TopicScoring

_NEAR = 8  # words between a subtype and an 'or' of its list of alternatives, at most


class DiseaseRules(TopicScoring):
    """The Classifier's disease decisions (a mixin: rules.Classifier holds the compiled state)."""

    _disease_ids: tuple[int, ...]
    _term_memo: TermMemo

    def _diseases(self, post: _Post, cats: dict[int, list[str]]) -> dict[str, list[str]]:
        labels: dict[str, list[str]] = {}
        mimic_only: dict[int, tuple[Evidence, ...]] = {}
        members: dict[int, tuple[Match, ...]] = {}
        compared: list[str] = []  # named in the title, but in the summary only as a past misdiagnosis
        cued: list[str] = []  # named in the title only as a mimic or a misdiagnosis, in the summary plainly
        in_title = 0  # labels the title names plainly
        parts: list[tuple[int, Match]] = []  # a subtype named as one part of an overlap form
        named: dict[int, list[Match]] = {}  # each labelled disease's mentions (the alternatives rule)
        title_end = post.toks.title_end
        topics, combo_topics, excluded = post.topics, post.combo_topics, post.excluded
        for i in self._disease_ids:
            if not (i in topics or i in combo_topics or i in cats) or i in excluded:
                continue
            s = self._score(i, post, cats)
            if s.mimic_only:
                mimic_only[i] = s.mimic_only
            if s.member_only:
                members[i] = s.member_only
            if s.score < self.topics[i].threshold:
                continue
            if len(s.mentions) == 1 and not s.strong and self._passing(s.mentions[0], post):
                continue  # one name inside a list of other diseases: a passing mention
            if post.overlap is not None and self.topics[i].overlap_part and s.mentions:
                parts.append((i, s.mentions[0]))  # 'scleroderma-polymyositis overlap': the parent's
                continue
            labels[self.topics[i].slug] = render(self._term_memo, post.toks, s.evidence)
            named[i] = s.mentions
            if s.mimic_only and all(m[1] < title_end for m in s.mentions):
                compared.append(self.topics[i].slug)
            if s.mentions and s.mentions[0][1] < title_end:
                in_title += 1
            elif s.cued_in_title:
                cued.append(self.topics[i].slug)
        if named and post.ors:
            self._alternatives(post, labels, named)
        if compared and len(labels) > len(compared):
            # "Polymyositis vs IBM" over "my first biopsy suggested polymyositis ... it was IBM":
            # the summary says which was the misdiagnosis, so the title only compared them.
            for slug in compared:
                del labels[slug]
        if cued and in_title:
            # "IBM presenting as treatment-resistant polymyositis" over "treated for polymyositis for four years": the
            # title says the disease is the other one, so the summary's name is the story of the misdiagnosis
            # (LABELING.md rule 2: "Why prednisone didn't help my IBM", first told "polymyositis").
            for slug in cued:
                del labels[slug]
        if not labels and not any(i not in post.negated and i not in post.mimicked for i in post.other_in_title):
            # The misdiagnosis cue was the only disease named: it is the post's subject after all
            # (unless the title names the off-topic disease it turned out to be, not as a
            # misdiagnosis itself: "When IBM is mistaken for ALS" is about IBM).
            for i, evidence in mimic_only.items():
                labels[self.topics[i].slug] = render(self._term_memo, post.toks, list(evidence))
        if not labels and members and not any(i not in post.negated for i in post.other_in_title):
            # Subtypes named only as members of a list ('types include PM and DM'): the group; not when the
            # title names another disease ('ALS: ... can mimic other conditions, including IBM').
            for i, found in members.items():
                parent = self.topics[i].parent
                if parent:
                    ev = [(_EV_MEMBER, m[1], m[2], None) for m in found]
                    labels.setdefault(parent, []).extend(render(self._term_memo, post.toks, ev))
        overlap = post.overlap
        for i, m in parts:  # LABELING.md rule 3: overlap myositis is the group's, not its parts'
            parent = self.topics[i].parent
            if parent and overlap is not None:
                part: Evidence = (_EV_OVERLAP, m[1], m[2], overlap[1], overlap[2])
                labels.setdefault(parent, []).extend(render(self._term_memo, post.toks, [part]))
        return labels

    def _alternatives(self, post: _Post, labels: dict[str, list[str]], named: dict[int, list[Match]]) -> None:
        """Subtypes named only as the alternatives of an open question or a differential ("is it polymyositis,
        IBM or a dystrophy?") lose their labels (alternatives.py); two or more such, and no subtype left: the
        question is about myositis, the group's label, with that evidence. One such subtype loses its label
        only when the post names another disease outside the question (the answer)."""
        ors = post.ors
        # An alternative stands a few words from its 'or' ('is it polymyositis, IBM or a dystrophy?'): most
        # posts with an 'or' have none near a subtype, and pay no more (plain loops: no generator per post).
        near = False
        for i, found in named.items():
            if self.topics[i].is_subtype:
                for m in found:
                    for o in ors:
                        if -_NEAR <= o - m[1] <= _NEAR:
                            near = True
                            break
        if not near:
            return
        subtypes = {i: found for i, found in named.items() if self.topics[i].is_subtype and found}
        starts = frozenset(m[1] for found in subtypes.values() for m in found)
        items = sorted({m[1] for found in named.values() for m in found}.union(post.other_at))
        spans = alternative_spans(post.toks, items, starts, ors)
        if not spans:
            return
        asked = [i for i, found in subtypes.items() if any(s <= m[1] < e for m in found for s, e in spans)]
        dropped = [i for i in asked if only_alternatives(subtypes[i], spans)]
        if len(asked) == 1 and all(any(s <= at < e for s, e in spans) for at in post.other_at):
            # "Is it dermatomyositis or just eczema?": one subtype asked about is the post's subject, unless
            # the post names the other disease it turned out to be ("Late-onset Pompe disease: is it
            # polymyositis, limb-girdle dystrophy or something else?")
            return
        for i in dropped:
            del labels[self.topics[i].slug]
        if len(dropped) < 2 or any(self.topics[i].slug in labels for i in subtypes):
            return
        parent = self.topics[dropped[0]].parent
        if parent:
            ev = [(_EV_ALTERNATIVE, subtypes[i][0][1], subtypes[i][0][2], None) for i in dropped]
            labels.setdefault(parent, []).extend(render(self._term_memo, post.toks, ev))

    def _passing(self, mention: Match, post: _Post) -> bool:
        """A post's one mention of a disease is a passing one: in the summary, among other diseases
        named anywhere; in the title, among other diseases the title names itself ('CAR-T in lupus,
        systemic sclerosis and myositis'). One other disease beside it in a title is not enough:
        "Told it was fibromyalgia" stories are about myositis."""
        least = self._rules.passing_min_others
        if mention[1] < post.toks.title_end:
            return len(set(post.other_in_title)) >= least  # by start: 'myasthenia gravis' is one
        return len(post.others) >= least
