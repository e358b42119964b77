"""Check that a change to the parse worker's code leaves everything it hands back as it was.

Runs the parse worker's job (`parse.job.parse_classify`: parse, bound, key, classify, fingerprint) with
the code of a git revision (exported to a temporary directory) and with the working tree's, on the same
documents, and compares the outputs exactly: the parsed document, every PostWrite (every field: the
sanitized HTML, the text, labels, evidence, canonical link and band keys), each after a pickle round
trip as the main process receives it, and the skip path (the same document again with the content
hashes of what it stored: how many posts are skipped as unchanged). The documents: bench_scale's corpus
(RSS and Atom, 300 feeds), every file of the shared corpora (feedparser's and the feed validator's test
cases, JSON Feed, real-world feeds, listing pages) and the listing pages of tests/data. The stories'
fingerprint (`stories.story_print`) is also compared alone on every labeled post's text
(topics-dev.jsonl, tests/classify), plain and as markup, and on generated texts that reach its
fallbacks (entities, tags, non-ASCII punctuation, text NFKC changes, short and repetitive texts).
For speed work on the worker, where the outputs must not move (docs/performance.md). Both sides read the
working tree's config/topics.toml: compare with a revision whose code reads it (the default, where this
branch left main, does).

    .venv/bin/python scripts/worker_identity.py [REV]     # REV: default where HEAD left main; exit 1 on any difference
"""

from __future__ import annotations

import json
import pickle
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from _identity import dumps_old_and_new

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
FEEDS = 300
# files the shared corpora hold that are no document to parse
SKIP_SUFFIXES = {".json", ".md", ".txt", ".py", ".xsd", ".rnc", ".sh", ".truth"}


def documents() -> list[tuple[str, bytes, str]]:
    """(url, bytes, content type) of every document, in a fixed order."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import bench_scale

    docs, _, _, _ = bench_scale.corpus(FEEDS, False)
    out = [(f"http://127.0.0.1:1/feed/{i}", body, kind) for i, (body, kind) in enumerate(docs)]
    roots = [SHARED / "corpora", SHARED / "datasets" / "listing-pages", REPO / "tests" / "data" / "listing"]
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if path.name.endswith(".truth.json") or (path.suffix in SKIP_SUFFIXES and path.suffix != ".json"):
                continue
            if path.suffix == ".json" and "jsonfeed" not in str(path):
                continue
            body = path.read_bytes()
            ctype = {".json": "application/feed+json", ".html": "text/html", ".htm": "text/html"}.get(
                path.suffix, "application/xml")
            out.append((f"http://site.example/{path.relative_to(root.parent)}", body, ctype))
    return out


def texts() -> list[tuple[str, str, str | None]]:
    """(title, summary, url) for the fingerprint alone."""
    files = [SHARED / "datasets" / "topics-dev.jsonl", *sorted((REPO / "tests" / "classify").rglob("*.jsonl"))]
    out: list[tuple[str, str, str | None]] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                title, summary = r.get("title", ""), r.get("summary", "")
                out.append((title, summary, r.get("url")))
                out.append((title, f"<p>{summary}</p>", None))
                out.append((title.upper(), summary.replace(" ", "  "), None))
    rng = random.Random(14)
    pieces = ["myositis", "IMNM", "dermatomyositis", "trial", "the", "a", "Müller", "ﬁbre", "ｆｕｌｌ", "²",
              "&amp;", "&eacute;", "<b>", "</b>", "—", "“quote”", "it’s", "naïve", "İstanbul", "ß", "Σίσυφος",
              "日本語", "١٢٣", "_under_score", "x\u0301", "e\u0301", "\u00a0", "\t", "\n", "-", "'", "42", "3.5",
              "½", "Ⅳ", "ǅ", "ﬀ", "\u200b", "\u2028", "a_b", "ŉ", "K", "ﬃ", "ᾳ"]
    for n in (0, 1, 2, 3, 5, 8, 9, 10, 12, 20, 40, 120, 400):
        for _ in range(60):
            words = [rng.choice(pieces) for _ in range(n)]
            out.append((" ".join(words[:6]), " ".join(words[6:]), None))
            out.append(("", " ".join(rng.choice(pieces[:4]) for _ in range(n)), None))  # repetitive
    return out


def dump(target: str) -> None:
    """Child mode: run the worker's job with the myofeed on sys.path, one line per document."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import bench_scale

    from myofeed import make_app
    from myofeed._types import FetchResult
    from myofeed.contenthash import content_hash
    from myofeed.parse.job import init_worker, parse_classify
    from myofeed.stories import story_print

    docs = documents()
    with tempfile.TemporaryDirectory() as work:
        urls = [f"http://127.0.0.1:1/feed/{i}" for i in range(FEEDS)]
        app = make_app(str(bench_scale.myofeed_config(Path(work), urls, "auto")))
        init_worker(app.classifier, app.parsers)
        sources = app.config.sources
        with open(target, "w", encoding="utf-8") as out:
            for i, (url, body, ctype) in enumerate(docs):
                source = sources[i % FEEDS]
                result = FetchResult(url=url, status=200, content=body, headers={"content-type": ctype})
                try:
                    got = pickle.loads(pickle.dumps(parse_classify(result, source, NOW, "auto", None), 5))
                except Exception as exc:  # noqa: BLE001 - the same error is the same output
                    out.write(f"{url} error {type(exc).__name__}: {exc}\n")
                    continue
                doc, writes, _ = got
                known = {w.dedup_key: content_hash(w.title, w.url, w.author, w.comments, w.summary, w.summary_html,
                                                   w.guid, w.categories) for w in writes}
                again = parse_classify(result, source, NOW, "auto", known)
                out.write(f"{url} {doc!r} {writes!r} skipped={again[2]} left={len(again[1])}\n")
            for title, summary, link in texts():
                out.write(f"story {story_print(title, summary, link)!r}\n")
        app.close()


def main() -> int:
    # by default where this branch left main: main's later changes (a listing rule) are not this branch's
    rev = sys.argv[1] if len(sys.argv) > 1 else subprocess.run(
        ["git", "-C", str(REPO), "merge-base", "HEAD", "main"], capture_output=True, text=True, check=True).stdout.strip()
    old, new = dumps_old_and_new(__file__, rev)
    if len(old) != len(new):
        print(f"{len(old)} lines from {rev}, {len(new)} now")
        return 1
    diffs = [k for k, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    docs = sum(1 for line in old if not line.startswith("story "))
    posts = sum(line.count("PostWrite(") for line in old)
    print(f"{docs} documents ({posts} posts) and {len(old) - docs} fingerprints: {len(diffs)} differ from {rev}")
    for k in diffs[:10]:
        at = next((i for i, (a, b) in enumerate(zip(old[k], new[k], strict=False)) if a != b), min(len(old[k]), len(new[k])))
        cut = slice(max(0, at - 300), at + 300)
        print(f"  line {k}, at {at}:\n    {rev}: ...{old[k][cut]}...\n    now: ...{new[k][cut]}...")
    return 1 if diffs else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--dump"]:
        dump(sys.argv[2])
    else:
        sys.exit(main())
