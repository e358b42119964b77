"""Second held-out listing-page set: field-by-field score of parse_listing.

The pages in tests/data/listing-blind2/ were written independently of the
extractor and of the other listing test sets (20 styles: WordPress themes,
Joomla, TYPO3, Blogger, Ghost, Hugo, Docusaurus, Gatsby, Next.js, Shopify,
HubSpot, French/Spanish/German/Polish sites, legacy encodings, a BOM page and
an old table layout).  Each NAME.html has a NAME.truth.json written by hand by
the rules of SPEC.md (`extract`): base_url, as_of, items[title, url, author,
published, comments, summary].

Scoring: truth items are matched to extracted posts by url, then by title,
then by order; every field of a matched item scores 1 when equal (see
`field_ok`), an unmatched truth item scores six wrong fields.  Run with
`pytest -s` (or as a script) to see the per-page and per-field tables.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "listing-blind2"
FIELDS = ("title", "url", "author", "published", "comments", "summary")
THRESHOLD = 0.98  # held out it scored 97.8%; fixed since: a drop below this is a regression

_WS = re.compile(r"\s+")
_TRAIL = re.compile(r"(\s*(\[\s*(…|\.\.\.)\s*\]|…|\.\.\.))+\s*$")


def _norm(s):
    if s is None:
        return None
    s = _WS.sub(" ", str(s)).strip()
    return s or None


def _norm_summary(s):
    s = _norm(s)
    if s is None:
        return None
    return _TRAIL.sub("", s).strip() or None


def _parse_when(v):
    """-> (kind, value): kind 'date', 'naive' or 'aware'."""
    if v is None:
        return None
    if isinstance(v, datetime):
        return ("aware", v) if v.tzinfo else ("naive", v)
    if isinstance(v, date):
        return ("date", v)
    s = str(v).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return ("date", date.fromisoformat(s))
    s2 = re.sub(r"Z$", "+00:00", s)
    try:
        d = datetime.fromisoformat(s2)
    except ValueError:
        return ("bad", s)
    return ("aware", d) if d.tzinfo else ("naive", d)


def field_ok(field, want, got):
    if field == "published":
        w, g = _parse_when(want), _parse_when(got)
        if w is None or g is None:
            return w is None and g is None
        if w[0] != g[0]:
            return False
        return w[1] == g[1]  # aware: same instant; naive/date: same value
    if field == "comments":
        if want is None or got is None:
            return want is None and got is None
        try:
            return int(got) == int(want)
        except (TypeError, ValueError):
            return False
    if field == "summary":
        return _norm_summary(want) == _norm_summary(got)
    if field == "url":
        return (want or None) == (str(got).strip() if got else None)
    return _norm(want) == _norm(got)


def _title_key(s):
    s = _norm(s)
    return s.casefold() if s else None


def match(truth_items, posts):
    """Pair every truth item with a post (or None): by url, then title, then order."""
    pairs = [None] * len(truth_items)
    used = set()
    for i, t in enumerate(truth_items):
        for j, p in enumerate(posts):
            if j not in used and p.get("url") and p.get("url") == t["url"]:
                pairs[i] = j
                used.add(j)
                break
    for i, t in enumerate(truth_items):
        if pairs[i] is not None:
            continue
        for j, p in enumerate(posts):
            if j not in used and _title_key(p.get("title")) == _title_key(t["title"]):
                pairs[i] = j
                used.add(j)
                break
    # by order: an item left over takes the first unused post lying between
    # the posts matched to its neighbours in the truth list
    for i in range(len(truth_items)):
        if pairs[i] is not None:
            continue
        lo = next((pairs[k] for k in range(i - 1, -1, -1) if pairs[k] is not None), -1)
        hi = next((pairs[k] for k in range(i + 1, len(truth_items)) if pairs[k] is not None), len(posts))
        for j in range(lo + 1, hi):
            if j not in used:
                pairs[i] = j
                used.add(j)
                break
    extra = len(posts) - len(used)
    return [(t, posts[j] if j is not None else None) for t, j in zip(truth_items, pairs, strict=True)], extra


def pages():
    return sorted(p.name[: -len(".truth.json")] for p in DATA.glob("*.truth.json"))


def _as_of(s):
    return datetime.fromisoformat(re.sub(r"Z$", "+00:00", s))


def _post_dict(post):
    d = post.to_json() if hasattr(post, "to_json") else dict(post)
    if isinstance(d, str):
        d = json.loads(d)
    return d


def score_page(name, parse):
    truth = json.loads((DATA / f"{name}.truth.json").read_text(encoding="utf-8"))
    body = (DATA / f"{name}.html").read_bytes()
    doc = parse(body, base_url=truth["base_url"], now=_as_of(truth["as_of"]))
    posts = [_post_dict(p) for p in doc.posts]
    pairs, extra = match(truth["items"], posts)
    right = {f: 0 for f in FIELDS}
    misses = []
    for t, p in pairs:
        for f in FIELDS:
            got = p.get(f) if p is not None else None
            if p is not None and field_ok(f, t[f], got):
                right[f] += 1
            else:
                misses.append((f, t["title"], t[f], got if p is not None else "<no post>"))
    return {"n": len(truth["items"]), "right": right, "extra": extra, "found": len(posts), "misses": misses}


def run(parse, verbose=True):
    results = {name: score_page(name, parse) for name in pages()}
    tot_right = {f: 0 for f in FIELDS}
    tot_n = 0
    lines = []
    head = f"{'page':28s} {'items':>5s} {'found':>5s} " + " ".join(f"{f[:6]:>6s}" for f in FIELDS) + f" {'score':>6s}"
    lines.append(head)
    for name, r in results.items():
        n = r["n"]
        tot_n += n
        for f in FIELDS:
            tot_right[f] += r["right"][f]
        page_score = sum(r["right"].values()) / (6 * n)
        lines.append(
            f"{name:28s} {n:5d} {r['found']:5d} "
            + " ".join(f"{r['right'][f]:>3d}/{n:<2d}" for f in FIELDS)
            + f" {page_score:6.1%}"
        )
    lines.append("")
    lines.append("per field:")
    for f in FIELDS:
        lines.append(f"  {f:10s} {tot_right[f]:4d}/{tot_n:<4d} {tot_right[f] / tot_n:6.1%}")
    total = sum(tot_right.values()) / (6 * tot_n)
    lines.append(f"TOTAL {sum(tot_right.values())}/{6 * tot_n} = {total:.1%}")
    if verbose:
        lines.append("")
        lines.append("misses:")
        for name, r in results.items():
            for f, title, want, got in r["misses"]:
                lines.append(f"  {name} | {f} | {title[:50]!r} | want={want!r} | got={got!r}")
    print("\n".join(lines))
    return total, results


def test_listing_blind2_score():
    from myofeed.parse.html import parse_listing

    assert pages(), f"no pages in {DATA}"
    total, _ = run(parse_listing)
    assert total >= THRESHOLD, f"blind2 listing score {total:.1%} < {THRESHOLD:.0%}"


if __name__ == "__main__":
    from myofeed.parse.html import parse_listing

    run(parse_listing)
