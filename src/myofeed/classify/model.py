"""The learned layer for the aspect labels: word and word-pair weights, applied after the rules.

The rules read aspects from cue words; posts that say the same thing in other words ("a
retrospective review of 14 patients", "walker to wheelchair") slip past them. A logistic
regression per aspect, trained on posts of our own making (scripts/train_aspects.py), reads every
word and word pair of the title and teaser instead. At run time it is a pure function over the
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
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from . import explain
from .matcher import _BOUNDARY, Tokens

FORMAT = 1  # the weights file's layout; a file of another format is refused, not misread
_TITLE = "T:"  # a title word: titles say what a post is about, so the same word may weigh more there
_EVIDENCE_WORDS = 3  # words quoted in a model label's evidence
# Words a reader learns nothing from as evidence, though they may weigh something ("a case of",
# "living with"); numbers ('#') too. Pronouns stay: they are a story's voice.
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from with by and or but as is are was were be been it its that this these "
    "those than then so #".split()
)


@dataclass(frozen=True)
class AspectModel:
    """Fitted weights for the aspect labels (one logistic regression per label)."""

    name: str  # the versioned file name, e.g. 'aspects-v1'
    labels: tuple[str, ...]  # aspect slugs, in the order of each feature's weights
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per label (zero rows are left out)
    add_above: tuple[float, ...]  # per label: a missing aspect is added at this probability or more
    add_beside: tuple[float, ...]  # per label: the same when the rules gave the post another aspect
    remove_below: tuple[float, ...]  # per label: a rule's aspect is removed below this probability (0: never)

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
    folder = resources.files(__package__).joinpath("models")
    return sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))


@functools.lru_cache(maxsize=4)
def load(name: str) -> AspectModel:
    """A shipped weights file by name ('aspects-v1'); ValueError when there is none."""
    if name not in available():
        raise ValueError(f"no model {name!r} (shipped: {', '.join(available()) or 'none'})")
    text = resources.files(__package__).joinpath("models", f"{name}.json").read_text(encoding="utf-8")
    return AspectModel.from_json(name, json.loads(text))


def features(toks: Tokens) -> Iterator[tuple[str, int, int]]:
    """(feature, start, end) for every word of a post, in text order, repeats included.

    Words are lower-cased and numbers read as '#'; a title word also gives the same word marked as
    a title's ('T:review'), since titles say what a post is about. Word pairs were tried as well
    (scripts/train_aspects.py): the same cross-validated F1, at twice the run time.
    The training script calls this very function, so both sides see the same features.
    """
    title_end = toks.title_end
    for i, tok in enumerate(toks.tokens):
        if tok in _BOUNDARY or tok == "'":
            continue
        word = _word(tok)
        yield word, i, i + 1
        if i < title_end:
            yield _TITLE + word, i, i + 1


def probabilities(model: AspectModel, toks: Tokens) -> list[float]:
    """One probability per model label: the weights of the post's distinct features summed, then the
    logistic. The same features as `features` (tests/classify/test_model.py checks it), without
    building their strings: per distinct token, a cached (word, weights) entry, a title token's
    weights already holding its 'T:' feature; a dict by word keeps each feature once (a title
    word's entry wins over the same word's in the summary, which it includes). The loops run in C
    (set, map, dict, zip): a few microseconds a post, which `make bench` holds to its target."""
    index = model.index
    tokens = toks.tokens
    title_end = toks.title_end
    found = dict(map(index.summary.__getitem__, set(tokens[title_end + 1 :])))
    found.update(map(index.title.__getitem__, set(tokens[:title_end])))
    found.pop("", None)  # the tokens with no feature
    if not found:
        return [_logistic(b) for b in model.bias]
    sums = map(sum, zip(*found.values(), strict=True))  # one column per label
    return [_logistic(b + x) for b, x in zip(model.bias, sums, strict=True)]


class _Words(dict):  # type: ignore[type-arg]
    """token -> (word, the summed weights of its features) or ('', None) when it has none; worked out
    on first sight, bounded like the matcher's caches. In a title, a word's features are the word
    and the title word ('T:review')."""

    def __init__(self, weights: Mapping[str, tuple[float, ...]], title: bool) -> None:
        super().__init__()
        self.weights = weights
        self.prefixes = ("", _TITLE) if title else ("",)

    def __missing__(self, tok: str) -> tuple[str, tuple[float, ...] | None]:
        found: tuple[str, tuple[float, ...] | None] = ("", None)
        if tok not in _BOUNDARY and tok != "'":
            word = _word(tok)
            rows = [self.weights[p + word] for p in self.prefixes if p + word in self.weights]
            if rows:
                found = (word, tuple(map(sum, zip(*rows, strict=True))))
        if len(self) >= 100_000:  # bound memory on adversarial input
            self.clear()
        self[tok] = found
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


def evidence(model: AspectModel, toks: Tokens, k: int, p: float) -> str:
    """A model label's evidence: the words that weighed most for label k, as the post wrote them
    (a title word with its title weight). Function words and numbers are not quoted: a reader
    learns nothing from 'of' or '81'."""
    index = model.index
    tokens = toks.tokens
    title_end = toks.title_end
    best: dict[str, tuple[float, int]] = {}
    for i, tok in enumerate(tokens):
        word, row = (index.title if i < title_end else index.summary)[tok]
        if row is None or row[k] <= 0 or word in _FUNCTION_WORDS:
            continue
        if word not in best or row[k] > best[word][0]:
            best[word] = (row[k], i)
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[1]))
    return explain.model([tokens[i] for _, i in ranked[:_EVIDENCE_WORDS]], p)


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


def combine(model: AspectModel, toks: Tokens, labels: dict[str, list[str]]) -> None:
    """Add the aspects the model is sure of and drop the rules' aspects it is sure are absent.

    `labels` holds the rules' labels (diseases, parents, aspects) with their evidence; the caller
    calls this only when there is a disease label among them.
    """
    probs = probabilities(model, toks)
    add, remove = decide(model, probs, labels)
    for k in remove:
        del labels[model.labels[k]]
    for k in add:
        labels[model.labels[k]] = [evidence(model, toks, k, probs[k])]
