"""Regenerate outputs.json: (title, summary, categories) -> labels and evidence, as the classifier gives them now.

Run this ONLY for a deliberate change of the engine's behaviour (then say so in the commit):
the point of test_frozen_outputs.py is that speed work cannot change a label or an evidence
string silently. The rules are a frozen copy (topics.toml here), so edits to config/topics.toml
do not touch this fixture.

    .venv/bin/python tests/classify/frozen/make_outputs.py
"""

from __future__ import annotations

import json
import random
import re
import tomllib
from pathlib import Path

from myofeed.classify import Classifier
from myofeed.config import TopicsFile

HERE = Path(__file__).resolve().parent
POSTS = HERE.parent / "data"
SEED = 20261201
PUNCT = (" ", " ", " ", ", ", ". ", "; ", " - ", "-", ": ", "? ", " (", ") ", "'s ", "\u2019s ", " / ", "\n")
ENDINGS = ("", "s", "y", "ies", "ing", "ed", "ology")
STEMS = ("ritu", "ecu", "x", "toci", "ravuli")
NUMBERS = ("3", "12", "four", "66", "#")
# Evidence kinds that random text seldom reaches: a list of members, a story's voice and title.
RARE = (
    ("Rare muscle diseases", "Types include dermatomyositis and polymyositis; both are treatable."),
    ("Ten years on", "I was diagnosed with polymyositis at forty. I still paint; my hands shake and we rest more."),
    ("Our story", "Our daughter has juvenile dermatomyositis. This is the year we had."),
)


def load_topics() -> TopicsFile:
    with open(HERE / "topics.toml", "rb") as fh:
        return TopicsFile.model_validate(tomllib.load(fh))


def _phrases(tf: TopicsFile) -> list[str]:
    r = tf.rules
    out = [*r.mask, *r.veto, *r.negation, *r.mimic, *r.other_diseases, *r.member, *r.negation_after]
    for t in tf.topics:
        out += [*t.terms, *t.key_terms, *t.cues, *t.title_terms, *t.ambiguous, *t.require_context, *t.deny_context]
        out += [*t.exclude, *(t.voice.words + t.voice.titles if t.voice else ())]
        out += [alt.strip() for combo in t.combos for group in combo for alt in group.split("|") if alt.strip()]
        out += [p for u in t.unless for p in (*u.terms, *u.before, *u.after)]
    return out


def _realize(phrase: str, rng: random.Random) -> str:
    words = []
    for w in phrase.split():
        if w.endswith("*"):
            w = w[:-1] + rng.choice(ENDINGS)
        if w.startswith("*"):
            w = rng.choice(STEMS) + w[1:]
        if w == "#":
            w = rng.choice(NUMBERS)
        words.append(w)
    return " ".join(words)


def inputs(tf: TopicsFile) -> list[tuple[str, str, list[str]]]:
    rng = random.Random(SEED)
    posts = [
        (r["title"], r["summary"])
        for path in sorted(POSTS.glob("*.jsonl"))
        for r in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    ]
    items: list[tuple[str, str, list[str]]] = [(t, s, []) for t, s in posts]
    items += [(t, s, []) for t, s in RARE]
    for t, s in rng.sample(posts, 60):
        items.append((t.lower(), s.lower(), []))
        items.append((t.upper(), s.upper(), []))
        items.append((re.sub(r"[^\w\s]", " ", t), re.sub(r"[^\w\s]", "", s), []))
        items.append((s, t, []))
    for _ in range(150):
        (t1, s1), (t2, s2) = rng.choice(posts), rng.choice(posts)
        items.append((t1 + " " + t2, s1 + rng.choice((" ", ". ", "\n")) + s2, []))
    cats = ["News", "Myositis", "IBM", "JDM", "inclusion_body_myositis", *(t.slug for t in tf.topics)]
    for t, s in rng.sample(posts, 40):
        items.append((t, s, rng.sample(cats, 2)))
    vocab = sorted({w for t, s in posts for w in (t + " " + s).split()})
    phrases = _phrases(tf)
    for _ in range(700):
        parts = []
        for _ in range(2):
            text = ""
            for _ in range(rng.randint(0, 18)):
                word = _realize(rng.choice(phrases), rng) if rng.random() < 0.4 else rng.choice(vocab)
                text += word + rng.choice(PUNCT)
            parts.append(text.strip())
        items.append((parts[0], parts[1], []))
    return items


def main() -> None:
    tf = load_topics()
    classifier = Classifier.from_topics(tf)
    cases = []
    for title, summary, categories in inputs(tf):
        got = classifier.classify(title, summary, categories)
        case: dict[str, object] = {"title": title, "summary": summary}
        if categories:
            case["categories"] = categories
        case["labels"] = list(got.labels)
        case["why"] = {k: list(v) for k, v in got.why.items()}
        cases.append(case)
    lines = ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases)  # one case a line: readable diffs
    (HERE / "outputs.json").write_text("[\n" + lines + "\n]\n", encoding="utf-8")
    print(f"{len(cases)} cases, {sum(1 for c in cases if c['labels'])} with labels")


if __name__ == "__main__":
    main()
