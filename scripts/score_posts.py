"""Score a labeled JSONL post set (id, title, summary, labels) with the product's own `classify` CLI.

    .venv/bin/python scripts/score_posts.py REPO SET.jsonl [-v]

REPO is a checkout with its .venv (the code under test); -v lists every post labeled wrong.
Labeled sets of others' words stay outside the repository: pass their path.
"""

import json
import subprocess
import sys
from pathlib import Path

repo = Path(sys.argv[1])
data = Path(sys.argv[2])
verbose = "-v" in sys.argv
sys.path.insert(0, str(repo / "tests" / "classify"))
from scoring import errors, load_jsonl, score  # noqa: E402

recs = load_jsonl(data)
inp = "".join(json.dumps({"id": r["id"], "title": r["title"], "summary": r.get("summary", "")}) + "\n" for r in recs)
out = subprocess.run([str(repo / ".venv/bin/myofeed"), "--config", str(repo / "config/myofeed.toml"), "classify"],
                     input=inp, capture_output=True, text=True, check=True).stdout
by_id = {d["id"]: d["labels"] for d in map(json.loads, out.splitlines())}
pred = [by_id[r["id"]] for r in recs]
print(score([r["labels"] for r in recs], pred).table(data.name))
if verbose:
    print("\n".join(errors(recs, pred)))
