"""The learned layer for the aspect labels: word weights, applied after the rules.

The rules read aspects from cue words; posts that say the same thing in other words ("a
retrospective review of 14 patients", "walker to wheelchair") slip past them. A logistic
regression per aspect, trained on posts of our own making (scripts/train_aspects.py), reads every
word of the title and teaser that a reader can check as evidence (not 'the', 'my', 'two':
WEAK_WORDS) instead. At run time it is a pure function over the
rule engine's tokens: the features of a post, one dict lookup each, and a dot product per aspect.

How the two combine (`combine`), only on a post the rules gave a disease label (LABELING.md: an
aspect never stands alone):
- the model adds an aspect the rules missed when its probability is at least `add_above`, or
  `add_beside` when the rules gave the post another aspect (a diagnosis story told in the first
  person is not a living-with post for its "I" and "my"); thresholds per aspect, tuned with the
  weights; the added label's evidence names
  the words that weighed most: "model 'retrospective', 'cohort' (p=0.91)";
- it removes a rule's aspect when its probability is below `remove_below` (the aspect is
  confidently absent: "amenable to immunosuppressive treatment" in an imaging review);
- otherwise the rules' decision stands, with the rules' evidence.

The weights are data (classify/models/<name>.json, written by the training script, versioned by
name); topics.toml's `[model] aspects = "<name>"` turns the layer on.
"""

from __future__ import annotations

import functools
import json
import math
import os
import struct
import sys
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace

from . import explain
from .tokens import _BOUNDARY, Tokens

# the shipped weights, files of the installed package (not importlib.resources: it brings tempfile and more
# into the parse workers, which build their classifier)
_MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")

FORMAT = 1  # the weights file's layout; a file of another format is refused, not misread
MIN_WORDS = 8  # distinct words with a weight a post needs for the model to judge it (see probabilities)
_TITLE = "T:"  # a title word: titles say what a post is about, so the same word may weigh more there
_EVIDENCE_WORDS = 3  # words quoted in a model label's evidence
# Words the model does not read (no feature, no weight): a reader learns nothing from them as
# evidence ("model 'I', 'my', 'two'"), and a label should rest on words a reader can check.
# Pronouns are here too: a story's voice is the rules' job ([topics.voice]); fitted without these
# words the layer did as well as with them (5-fold cross-validation, docs/classification.md).
# Numbers ('#') too. Lower case; tokens are compared lower-cased.
WEAK_WORDS = frozenset(
    """
    a an the this that these those such
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves one ones someone somebody
    something anyone anything everyone everything
    of in on at to for from with without by about into onto over under up down out off through between
    among per via
    and or but nor so yet as than then also too very just only even still both either neither
    is are was were be been being am do does did done doing has have had having
    will would shall should can could may might must not no never
    what which who whom whose when where why how if whether because while there here
    all any some each every other another more most much many few less least own same
    it's i'm i've i'd we're we've you're they're isn't wasn't aren't don't doesn't didn't can't won't
    before after during since until again now ago already old
    two three four five six seven eight nine ten #
    """.split()
)
# The commonest small words of the other languages feeds mix (Spanish, French, German, Italian, Portuguese,
# Swedish, and Japanese particles, which the tokens keep apart from the kanji around them), none of them an
# English word. The layer learned from posts in English: on a post in another language its weights read
# noise ("model 'de', 'Un', 'y' (p=0.70)" gave a Spanish diagnosis story research), so there it abstains
# and the rules, which list each language's words, decide (see `probabilities`).
FOREIGN_WORDS = frozenset(
    """
    de la el los las y del una un que por para con es se al lo su sus como pero fue mi tras
    le les des et du une est pour dans avec au aux sur ce qui pas mon ma mes nous été
    der das und ein eine einer einem ist mit nicht zur zum dem den von auf ich mein meine wie nach bei
    il di che gli della dei delle nel nella sono ho mia mio
    och att är med för som på av inte jag
    não uma com os das dos ao em
    の は が を に で と も から まで です ます した ました され こと
    """.split()
)
FOREIGN_MIN = 3  # such words a post needs to count as written in another language


# The family's names weigh something (an IBM post is more often about daily life than a JDM one), but
# they say which disease a post is about, not which aspect: they are never quoted as an aspect's
# evidence, and an aspect whose only evidence they would be is not added.
NAME_WORDS = frozenset(
    """
    myositis myositides myopathy myopathies dermatomyositis polymyositis inclusion body necrotizing necrotising
    antisynthetase synthetase syndrome ibm sibm dm jdm cadm pm imnm nam asys ass iim iims autoimmune
    inflammatory idiopathic immune mediated juvenile amyopathic anti
    """.split()
)


@dataclass(frozen=True)
class AspectModel:
    """Fitted weights for the aspect labels (one logistic regression per label)."""

    name: str  # the versioned file name, e.g. 'aspects-v3'
    labels: tuple[str, ...]  # aspect slugs, in the order of each feature's weights
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per label (zero rows are left out)
    add_above: tuple[float, ...]  # per label: a missing aspect is added at this probability or more
    add_beside: tuple[float, ...]  # per label: the same when the rules gave the post another aspect
    remove_below: tuple[float, ...]  # per label: a rule's aspect is removed below this probability (0: never)

    def only(self, slugs: Container[str]) -> AspectModel:
        """This model acting on `slugs` only: any other label is never added nor removed."""
        if all(slug in slugs for slug in self.labels):
            return self
        keep = [slug in slugs for slug in self.labels]
        return replace(
            self,
            add_above=tuple(t if k else 2.0 for t, k in zip(self.add_above, keep, strict=True)),
            add_beside=tuple(t if k else 2.0 for t, k in zip(self.add_beside, keep, strict=True)),
            remove_below=tuple(t if k else 0.0 for t, k in zip(self.remove_below, keep, strict=True)),
        )

    def __getstate__(self) -> dict[str, object]:
        """What a parse worker receives: the weights, not the caches (it builds its own)."""
        return {k: v for k, v in self.__dict__.items() if k != "index"}

    @functools.cached_property
    def index(self) -> _Index:
        """The weights arranged for `probabilities`, built on first use."""
        return _Index(self.weights)

    @classmethod
    def from_json(cls, name: str, data: Mapping[str, object]) -> AspectModel:
        """The model in a weights file's JSON; ValueError naming what is wrong with it."""
        try:
            return cls._from_json(name, data)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"model {name!r}: not a weights file ({type(exc).__name__}: {exc})") from None

    @classmethod
    def _from_json(cls, name: str, data: Mapping[str, object]) -> AspectModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"model {name!r}: weights format {data.get('format')!r}, expected {FORMAT}")
        labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
        n = len(labels)
        weights = {str(f): tuple(float(w) for w in ws) for f, ws in data["weights"].items()}  # type: ignore[attr-defined]
        rows = [data["bias"], data["add_above"], data["add_beside"], data["remove_below"], *weights.values()]
        if any(len(row) != n for row in rows):  # type: ignore[arg-type]
            raise ValueError(f"model {name!r}: every row of weights and thresholds needs {n} values")
        return cls(
            name=name,
            labels=labels,
            bias=tuple(float(b) for b in data["bias"]),  # type: ignore[attr-defined]
            weights=weights,
            add_above=tuple(float(x) for x in data["add_above"]),  # type: ignore[attr-defined]
            add_beside=tuple(float(x) for x in data["add_beside"]),  # type: ignore[attr-defined]
            remove_below=tuple(float(x) for x in data["remove_below"]),  # type: ignore[attr-defined]
        )


def available() -> list[str]:
    """The names of the weights files shipped in the package."""
    return sorted(n[: -len(".json")] for n in os.listdir(_MODELS) if n.endswith(".json"))


def shipped_name(name: str) -> str | None:
    """The shipped model `name` stands for: itself, or for a retired version of a family ('aspects-v2'
    once 'aspects-v3' replaced it) the newest shipped one, so that a topics file written for an earlier
    release keeps working after an upgrade. None when nothing stands for it."""
    shipped = available()
    if name in shipped:
        return name
    family, sep, version = name.rpartition("-v")
    if not sep or not version.isdigit():
        return None
    newer = [(int(v), n) for n in shipped if (f := n.rpartition("-v"))[0] == family and (v := f[2]).isdigit()
             and int(v) > int(version)]
    return max(newer)[1] if newer else None


@functools.lru_cache(maxsize=4)
def load(name: str) -> AspectModel:
    """A shipped weights file by name ('aspects-v3'; a retired version loads its successor, see
    `shipped_name`); ValueError when there is none."""
    found = shipped_name(name)
    if found is None:
        raise ValueError(f"no model {name!r} (shipped: {', '.join(available()) or 'none'})")
    if found != name:
        import logging

        logging.getLogger("myofeed.classify").warning(
            "model %r is retired: using %r (set aspects = %r in the topics file)", name, found, found)
        name = found
    with open(os.path.join(_MODELS, f"{name}.json"), encoding="utf-8") as f:
        text = f.read()
    return AspectModel.from_json(name, json.loads(text))


def features(toks: Tokens) -> dict[str, int]:
    """A post's features, each of value 1: every word but the weak ones (WEAK_WORDS, numbers too),
    lower-cased, and every title word again as a title word ('T:review'), since titles say what a post is about. Binary:
    a teaser that repeats the title (as many feeds' do) weighs its words no more. The training
    script fits on exactly these; `probabilities` sums their weights without building them. Word
    pairs were tried as well: the same cross-validated F1, at twice the run time."""
    tokens = toks.tokens
    title_end = toks.title_end
    out: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok in _BOUNDARY or tok == "'":
            continue
        word = _word(tok)
        if word in WEAK_WORDS:
            continue
        out[word] = 1
        if i < title_end:
            out[_TITLE + word] = 1
    return out


def foreign(toks: Tokens) -> bool:
    """Whether a post is written in another language than English: FOREIGN_MIN or more of FOREIGN_WORDS,
    and more of them than English small words (WEAK_WORDS). The layer learned from English posts, so it
    abstains there (`combine`; the training script's tuning asks the same)."""
    if FOREIGN_WORDS.isdisjoint(toks.tokens):
        return False  # most posts: one C-level pass (a post in another language has them in lower case too)
    words = set(map(str.lower, toks.tokens))
    found = len(FOREIGN_WORDS.intersection(words))
    return found >= FOREIGN_MIN and found > len(WEAK_WORDS.intersection(words))


def probabilities(model: AspectModel, toks: Tokens) -> list[float] | None:
    """One probability per model label: the weights of the post's features summed, then the
    logistic; None when the post has fewer than MIN_WORDS words the model knows (a headline alone,
    a teaser that repeats it): the model learned from 1-3 sentence teasers and abstains there (and on a
    post in another language: `foreign`, which `combine` asks only when the layer would change a label). `features` in C loops only: per token a cached (word, weights) entry, a title token's
    weights already holding its 'T:' weights; a dict by word keeps each word once (a title word's
    entry wins over the same word's in the summary, which it includes). A token's weights are packed
    into one integer (`_pack`), so one sum() adds every label's at once: a few microseconds a post
    (`make bench` holds the target)."""
    index = model.index
    tokens = toks.tokens
    title_end = toks.title_end
    # a token with no weight (None: two tokens in three, the weak words among them) is dropped before the
    # dict, which then holds only the words that count
    found = dict(filter(None, map(index.summary.__getitem__, tokens[title_end + 1 :])))
    found.update(filter(None, map(index.title.__getitem__, tokens[:title_end])))
    if len(found) < MIN_WORDS:
        return None
    sums = _unpack(sum(found.values()), len(model.labels))
    return [_logistic(b + x) for b, x in zip(model.bias, sums, strict=True)]


# Weights are stored with 4 decimals (scripts/train_aspects.py), so as integers of 1/10,000 they add
# exactly; one label's field per 32 bits of a Python int, signed: packing is linear, the sum of packed
# rows is the packed sum of the rows (a post's sums stay far below 2**31 / 10,000 = 214,748).
_SCALE = 10_000
_BITS = 32
_HALF = 1 << (_BITS - 1)
_MASK = (1 << _BITS) - 1


def _pack(row: tuple[float, ...]) -> int:
    return sum(round(w * _SCALE) << (_BITS * k) for k, w in enumerate(row))


def _unpack(packed: int, n: int) -> list[float]:
    # With _HALF added to every field, each lies in [0, 2**32) and the packed sum's bytes are the fields
    # themselves: two C calls instead of a Python step per label. A sum out of that range (no post's) is
    # unpacked field by field, as the definition below does.
    try:
        fields = _FIELDS[n].unpack((packed + _BIASES[n]).to_bytes(4 * n, "little"))
    except (KeyError, OverflowError):
        return _unpack_fields(packed, n)
    return [(f - _HALF) / _SCALE for f in fields]


def _unpack_fields(packed: int, n: int) -> list[float]:
    """`_unpack`'s definition: the lowest field, signed, then the rest shifted down."""
    out = []
    for _ in range(n):
        field = ((packed + _HALF) & _MASK) - _HALF  # the lowest field, signed
        out.append(field / _SCALE)
        packed = (packed - field) >> _BITS
    return out


_FIELDS = {n: struct.Struct(f"<{n}I") for n in range(1, 17)}  # labels a model can have, unpacked in C
_BIASES = {n: sum(_HALF << (_BITS * k) for k in range(n)) for n in range(1, 17)}


class _Words(dict):  # type: ignore[type-arg]
    """token -> (word, its features' weights packed, `_pack`), or None when it has none; worked
    out on first sight, bounded like the matcher's caches. In a title, a word's features are the
    word and the title word ('T:review'). Keyed by the token itself, whose hash Python keeps: a
    lower-cased copy would be a new string to hash for every token of every post."""

    def __init__(self, weights: Mapping[str, tuple[float, ...]], title: bool) -> None:
        super().__init__()
        self.weights = weights
        self.prefixes = ("", _TITLE) if title else ("",)

    def __missing__(self, tok: str) -> tuple[str, int] | None:
        found = None
        if tok not in _BOUNDARY and tok != "'":
            word = _word(tok)
            packed = 0 if word in WEAK_WORDS else sum(_pack(self.weights[p + word]) for p in self.prefixes if p + word in self.weights)
            if packed:
                found = (word, packed)
        if len(self) >= 100_000:  # bound memory on adversarial input
            self.clear()
        self[sys.intern(tok)] = found  # one object per word across the caches (tokens._split)
        return found


class _Index:
    """A model's token caches for `probabilities`, one for title tokens and one for summary tokens."""

    def __init__(self, weights: Mapping[str, tuple[float, ...]]) -> None:
        self.title = _Words(weights, title=True)
        self.summary = _Words(weights, title=False)


def _word(tok: str) -> str:
    return "#" if tok.isdigit() else tok.lower()


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def evidence(model: AspectModel, toks: Tokens, k: int, p: float, title_led: bool = False) -> str | None:
    """A model label's evidence: the words that weighed most for label k, as the post wrote them
    (a title word with its title weight); None when no word but the disease's names weighed for it.
    Weak words have no weight (WEAK_WORDS), so none is quoted; nor are names (NAME_WORDS). With
    `title_led`, None too when the word that weighs most is not the title's."""
    index = model.index
    tokens = toks.tokens
    title_end = toks.title_end
    best: dict[str, tuple[float, int]] = {}
    n = len(model.labels)
    for i, tok in enumerate(tokens):
        got = (index.title if i < title_end else index.summary)[tok]
        if got is None or got[0] in NAME_WORDS:
            continue
        word, packed = got
        weight = _unpack(packed, n)[k]
        if weight > 0 and (word not in best or weight > best[word][0]):
            best[word] = (weight, i)
    if not best:
        return None
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[1]))
    if title_led and not _title_word_for(ranked[0], k, index, tokens, title_end, n):
        return None
    return explain.model([tokens[i] for _, i in ranked[:_EVIDENCE_WORDS]], p)


def _title_word_for(top: tuple[float, int], k: int, index: _Index, tokens: Sequence[str], title_end: int, n: int) -> bool:
    """Whether the word that weighs most for label k is the title's and weighs more for k than for any other
    label: 'biopsy' in "The value of a skin biopsy ...", not 'review' in "IBM: a review of the literature",
    which speaks for the kind of publication."""
    i = top[1]
    if i >= title_end:
        return False
    got = index.title[tokens[i]]
    weights = _unpack(got[1], n) if got is not None else ()
    return bool(weights) and max(weights) == weights[k]


def decide(model: AspectModel, probs: Sequence[float], present: Container[str]) -> tuple[list[int], list[int]]:
    """(labels to add, labels to remove), as indices into model.labels, for a post whose rules gave
    the labels in `present` and the model the probabilities `probs`."""
    add, remove = [], []
    given = [slug in present for slug in model.labels]
    aspects = sum(given)
    for k, here in enumerate(given):
        if here:
            if probs[k] < model.remove_below[k]:
                remove.append(k)
        elif probs[k] >= (model.add_beside[k] if aspects else model.add_above[k]):
            add.append(k)
    return add, remove


def combine(
    model: AspectModel,
    toks: Tokens,
    labels: dict[str, list[str]],
    firm: Container[str] = (),
    denied: Container[str] = (),
    title_led: Container[str] = (),
) -> None:
    """Add the aspects the model is sure of and drop the rules' aspects it is sure are absent.

    `labels` holds the rules' labels (diseases, parents, aspects) with their evidence; the caller
    calls this only when there is a disease label among them. An aspect in `firm` (the rules gave
    it by a key term or a combo: a named drug, a kind of publication) is never dropped: a word
    model does not overrule a drug's name (5-fold cross-validation: mean aspect F1 0.910 -> 0.912).
    An aspect in `denied` (the rules read its term otherwise in context: 'TV chef diagnosed with') is
    not added: the model would add it for that very word. An aspect in `title_led` (beside a kind of
    publication) is added only when the word that weighs most for it is in the title: a case report's
    presentation or drugs, told in its teaser, are the case's course (LABELING.md rule 2).
    """
    probs = probabilities(model, toks)
    if probs is None:
        return  # too few words to judge: the rules decide
    add, remove = changes(model, toks, probs, labels, firm, title_led)
    if (add or remove) and foreign(toks):
        return  # not in English: the rules, which list its words, decide (asked only here: it is rare)
    for k in remove:
        del labels[model.labels[k]]
    for k, why in add:
        if model.labels[k] not in denied:
            labels[model.labels[k]] = [why]


def changes(
    model: AspectModel,
    toks: Tokens,
    probs: Sequence[float],
    present: Container[str],
    firm: Container[str] = (),
    title_led: Container[str] = (),
) -> tuple[list[tuple[int, str]], list[int]]:
    """`decide`, with each added label's evidence: ([(label index, evidence)], [label indices to
    remove]). A label with no evidence a reader could check is not added (`evidence`), nor one in
    `title_led` whose strongest word is not the title's; a label in `firm` is not removed."""
    add, remove = decide(model, probs, present)
    found = [(k, evidence(model, toks, k, probs[k], model.labels[k] in title_led)) for k in add]
    return [(k, why) for k, why in found if why is not None], [k for k in remove if model.labels[k] not in firm]
