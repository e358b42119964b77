"""`myofeed classify`: label JSON lines from stdin with the configured topics (SPEC)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

import click

from ._common import load


class BadRecord(ValueError):
    """One input line is not a usable post record."""


def parse_record(line: str) -> tuple[Any, str, str, tuple[str, ...]]:
    """One JSON line -> (id, title, summary, categories); BadRecord says what is wrong."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(rec, dict):
        raise BadRecord(f"expected a JSON object, got {type(rec).__name__}")
    rid = rec.get("id")
    if rid is None:  # the output line carries it: without it a result cannot be matched to its post
        raise BadRecord('expected "id" (a string or number naming the post)')
    if isinstance(rid, bool) or not isinstance(rid, (str, int, float)):
        raise BadRecord(f'"id" must be a string or number, got {type(rid).__name__}')
    if "title" not in rec and "summary" not in rec:
        raise BadRecord('expected "title" and/or "summary"')
    fields = []
    for key in ("title", "summary"):
        value = rec.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise BadRecord(f'"{key}" must be a string, got {type(value).__name__}')
        fields.append(value)
    cats = rec.get("categories")
    if cats is None:
        cats = []
    if isinstance(cats, str):
        cats = [cats]
    if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
        raise BadRecord('"categories" must be a list of strings')
    return rid, fields[0], fields[1], tuple(cats)


def classify_lines(classifier: Any, lines: Iterable[str], out: IO[str], err: IO[str], *, text: bool = False) -> int:
    """Classify every line; bad lines are reported on `err` by number. Returns the number of bad lines.

    `text` writes a human-readable block per post instead of JSON lines.
    """
    bad = 0
    for number, line in _numbered(lines):
        try:
            rid, title, summary, cats = parse_record(line)
        except BadRecord as exc:
            bad += 1
            err.write(f"myofeed classify: line {number}: {exc}\n")
            continue
        result = classifier.classify(title, summary, cats)
        if text:
            from ..classify.explain import render

            out.write(f"{rid}: {', '.join(result.labels) or '(off-topic)'}\n")
            if result.why:
                out.write("  " + render(result.why).replace("\n", "\n  ") + "\n")
            continue
        row = {"id": rid, "labels": list(result.labels), "why": {k: list(v) for k, v in result.why.items()}}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return bad


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():  # blank lines (e.g. a trailing newline) are not records
            yield number, line


@click.command()
@click.option(
    "--topics",
    "topics_path",
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this topics.toml instead of the one the configuration names.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl (the SPEC output) or text, one readable block per post for checking rules by eye.",
)
@click.pass_context
def classify(ctx: click.Context, topics_path: str | None, fmt: str) -> None:
    """Label posts read as JSON lines on stdin; write labels and evidence as JSON lines.

    Each input line is an object with "id", "title", "summary" and optionally
    "categories" (the source's own tags); other keys are ignored. Each output line is
    {"id", "labels", "why"}: labels include the parents the hierarchy implies, and
    "why" gives, per label, the rules that fired and the text they matched. A bad
    line is reported on stderr with its line number; the rest are still classified
    and the exit status is 1.

    \b
    Example:
      echo '{"id": 1, "title": "Heliotrope rash at 40", "summary": "My dermatomyositis story"}' \\
        | myofeed classify
      {"id": 1, "labels": ["autoimmune-myopathy", "dermatomyositis"], "why": {...}}

    \b
    Check edited rules by eye on the stored posts' titles (a clone ships no data set):
      myofeed posts --json | myofeed classify --format text | less
    """
    from ..classify import Classifier

    if topics_path:
        from pathlib import Path

        from ..config import load_topics

        topics_file = load_topics(Path(topics_path))
    else:
        topics_file = load(ctx).topics_file
    classifier = Classifier.from_topics(topics_file)
    bad = classify_lines(classifier, sys.stdin, sys.stdout, sys.stderr, text=fmt == "text")
    sys.stdout.flush()
    if bad:
        sys.exit(1)  # the command ran, but some input was wrong (SPEC exit status 1)
