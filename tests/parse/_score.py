"""Listing sets scored the way they are judged: the real set's own score.py run over a folder of pages
and truth files through the installed `myofeed extract`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import SHARED

SCORE = SHARED / "datasets" / "listing-pages-real" / "score.py"
MYOFEED = shutil.which("myofeed", path=str(Path(sys.executable).parent))
needs_score = pytest.mark.skipif(not SCORE.is_file() or MYOFEED is None,
                                 reason="score.py or the myofeed command is missing")


@dataclass(frozen=True)
class SetScore:
    pages: int
    micro: float  # field-F1 over all posts
    macro: float  # field-F1, the mean over pages
    report: str  # score.py's output, for assertion messages


def score_set(directory: Path) -> SetScore:
    out = subprocess.run([sys.executable, str(SCORE), "--myofeed", str(MYOFEED), "--dir", str(directory), "-v"],
                         capture_output=True, text=True, timeout=600, check=False)
    lines = out.stdout.strip().splitlines()
    micro = re.search(r"^realworld: pages=(\d+) .*fieldF1=([\d.]+)$", lines[-1]) if lines else None
    macro = re.search(r"^macro \(mean over pages\): .*fieldF1=([\d.]+)$", lines[-2]) if len(lines) > 1 else None
    assert micro and macro, out.stdout + out.stderr
    return SetScore(int(micro.group(1)), float(micro.group(2)), float(macro.group(1)), "\n".join(lines))
