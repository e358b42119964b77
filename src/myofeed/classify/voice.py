"""The voice rule (step 6 of rules.py's order): a story's title, or first-person and community words,
give the living-with topic to a post whose other aspects leave it without one; beside another subject
aspect, a testimony gets it when its own words tell daily life, and a relative's perspective (caregiving)
gets it as such."""

from __future__ import annotations

from .collect import _Post
from .compiled import _TopicRule
from .evidence import _EV_STORY, _EV_VOICE, Evidence, TermMemo, render


class VoiceRules:
    """The Classifier's voice rule (a mixin: rules.Classifier holds the compiled state)."""

    topics: tuple[_TopicRule, ...]
    _voice_ids: tuple[int, ...]
    _term_memo: TermMemo

    def _give_voice(self, post: _Post, labels: dict[str, list[str]], firm: set[str], carers_only: bool) -> None:
        """The voice topics a story's title or voice gives the post (see _voice), with their evidence;
        firm beside another aspect (`carers_only`: a relative's perspective beside the odyssey or the drug
        it tells), where the learned layer, which reads such a post as the other aspect's, would remove it."""
        for i in self._voice_ids:
            slug = self.topics[i].slug
            if slug not in labels and i not in post.excluded:
                voiced = self._voice(i, post, carers_only, titled=not carers_only)
                if voiced is not None:
                    labels[slug] = render(self._term_memo, post.toks, [voiced])
                    if carers_only:
                        firm.add(slug)  # caregiving beside another aspect: the learned layer keeps it

    def _voice(self, i: int, post: _Post, carers_only: bool = False, titled: bool = False) -> Evidence | None:
        """Topic i's voice rule: a story or testimony title, or enough first-person and community words
        (`carers_only`: beside another aspect, only a relative's perspective in the title; `titled`: a
        title's words count too, when no other aspect is the post's subject)."""
        title_end = post.toks.title_end
        for m in post.story:
            if m[0].topic == i and m[1] < title_end and (m[0].firm or not carers_only):
                return (_EV_STORY, m[1], m[2], None)
        if carers_only:
            return None
        # A title's words count when no other aspect is the subject and the title tells ("What my husband's
        # IBM taught me", "The letter I wrote to my rheumatologist": the testimony's first words); not a
        # question's ("Is my myositis hereditary?" is a reader's), nor beside a subject aspect, where a
        # clinic's "why we stopped prescribing steroids" is no testimony.
        told = titled and "?" not in post.toks.tokens[:title_end]
        words = [m for m in post.voice if m[0].topic == i and (m[1] > title_end or told)]
        if len(words) >= self.topics[i].voice_min:
            return (_EV_VOICE, words[0][1])
        return None
