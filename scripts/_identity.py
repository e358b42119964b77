"""The harness the identity checks share (classify_identity.py, worker_identity.py): run a script's
`--dump FILE` once with the code of a git revision (its src/ exported to a temporary directory) and once
with the working tree's, and return both dumps' lines for the caller to compare."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def dumps_old_and_new(script: str, rev: str) -> tuple[list[str], list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(f"git -C {REPO} archive {rev} src | tar -x -C {tmp}", shell=True, check=True)
        outputs = []
        for name, src in (("old", Path(tmp) / "src"), ("new", REPO / "src")):
            target = str(Path(tmp) / f"{name}.dump")
            env = {**os.environ, "PYTHONPATH": str(src)}
            subprocess.run([sys.executable, script, "--dump", target], env=env, check=True)
            outputs.append(Path(target).read_text(encoding="utf-8").splitlines())
    return outputs[0], outputs[1]
