"""The classifier's compiled modules (setup.py, Cython) and their pure-Python fallback give the same output,
and a build older than its source is never used (myofeed/_speedups.py)."""

from __future__ import annotations

import importlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import myofeed.classify
from myofeed._speedups import MANIFEST, fingerprint, install

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "datasets" / "topics-dev.jsonl"

# classifies every post of topics-dev and of the .jsonl files under tests/classify with the shipped topics, with the learned layer and
# with the rules alone, and prints labels and evidence per post, then which modules ran compiled
DUMP = """
import json, sys, tomllib
import myofeed.classify
from myofeed.classify import Classifier
from myofeed.config import TopicsFile
with open(sys.argv[1], "rb") as fh:
    topics = TopicsFile.model_validate(tomllib.load(fh))
cs = [Classifier.from_topics(topics), Classifier.from_topics(topics.model_copy(update={"model": None}))]
for path in sys.argv[2:]:
    for line in open(path, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            for c in cs:
                got = c.classify(r.get("title", ""), r.get("summary", ""), r.get("categories", ()))
                print(json.dumps([got.labels, got.why]))
mods = {n: sys.modules["myofeed.classify." + n].__file__ for n in myofeed.classify.COMPILED}
print(json.dumps(mods))
"""


def _run(pure: bool) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "MYOFEED_PURE_PYTHON": "1" if pure else ""}
    files = [str(p) for p in (DEV, *sorted((REPO / "tests" / "classify").rglob("*.jsonl"))) if p.exists()]
    out = subprocess.run(
        [sys.executable, "-c", DUMP, str(REPO / "config" / "topics.toml"), *files],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    return out[:-1], json.loads(out[-1])


def test_the_compiled_modules_and_the_pure_python_fallback_classify_alike() -> None:
    if not any(myofeed.classify.COMPILED.values()):
        pytest.skip("no compiled classifier module in this install (no Cython or C compiler at `make install`)")
    compiled, compiled_files = _run(pure=False)
    pure, pure_files = _run(pure=True)
    assert all(not f.endswith(".py") for f in compiled_files.values()), compiled_files
    assert all(f.endswith(".py") for f in pure_files.values()), pure_files
    assert len(compiled) > 2_000
    assert [k for k, (a, b) in enumerate(zip(compiled, pure, strict=True)) if a != b] == []


def _package(tmp_path: Path, manifest: dict[str, str]) -> Path:
    """A package `fakepkg` with `mod.py` and a file named as mod's extension module that is no extension
    module: importing it as one fails, so an import that succeeds ran the .py."""
    pkg = tmp_path / "fakepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "mod.py").write_text("WHERE = 'source'\n")
    (pkg / ("mod" + importlib.machinery.EXTENSION_SUFFIXES[0])).write_bytes(b"not a shared object")
    (pkg / MANIFEST).write_text(json.dumps(manifest))
    return pkg


@pytest.fixture
def fake_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    yield
    for name in ("fakepkg", "fakepkg.mod"):
        sys.modules.pop(name, None)
    importlib.invalidate_caches()


def test_an_extension_module_older_than_its_source_is_not_used(tmp_path: Path, fake_import: None) -> None:
    pkg = _package(tmp_path, {"mod": fingerprint(b"WHERE = 'an older source'\n")})
    assert install("fakepkg", [str(pkg)]) == {"mod": False}
    importlib.invalidate_caches()
    assert importlib.import_module("fakepkg.mod").WHERE == "source"


def test_an_extension_module_of_the_current_source_is_used_unless_pure_python_is_asked(
    tmp_path: Path, fake_import: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = _package(tmp_path, {"mod": fingerprint(b"WHERE = 'source'\n")})
    monkeypatch.delenv("MYOFEED_PURE_PYTHON", raising=False)
    assert install("fakepkg", [str(pkg)]) == {"mod": True}
    monkeypatch.setenv("MYOFEED_PURE_PYTHON", "1")
    assert install("fakepkg", [str(pkg)]) == {"mod": False}
    importlib.invalidate_caches()
    assert importlib.import_module("fakepkg.mod").WHERE == "source"


def test_a_package_without_extension_modules_is_left_alone(tmp_path: Path, fake_import: None) -> None:
    before = list(sys.meta_path)
    assert install("nothing", [str(tmp_path)]) == {}
    assert sys.meta_path == before
