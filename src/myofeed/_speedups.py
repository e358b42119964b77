"""Which of a package's modules run compiled, and the pure-Python fallback when a build is stale or absent.

`make install` compiles the classifier's hot modules with Cython (setup.py, `COMPILED`) from the same .py
files, unchanged: the .py file stays the definition and the fallback. The build writes, beside the
extension modules, `_compiled.json` with the size and CRC-32 of each source it compiled (zlib, not hashlib: a parse
worker stays lean, tests/parse/test_worker_lean.py). An extension module is used
only while its .py file still has that size and CRC: an edited or merged source (a developer's tree after `git
merge`) loads from the .py until the next `make install`, never a stale build. With MYOFEED_PURE_PYTHON set
to anything but empty or 0, every module loads from its .py (the tests compare both ways)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import sys
import zlib
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

MANIFEST = "_compiled.json"


def pure_python_forced() -> bool:
    return os.environ.get("MYOFEED_PURE_PYTHON", "") not in ("", "0")


def fingerprint(data: bytes) -> str:
    """What the manifest keeps of a source: its size and CRC-32 (setup.py loads this file to write it with
    this very function; a change of the source that keeps both is not a risk worth hashlib's import in every worker)."""
    return f"{len(data)}:{zlib.crc32(data):08x}"


def _fingerprint_of(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return fingerprint(fh.read())
    except OSError:
        return None


class _StaleFallback:
    """A meta-path finder for one package: its modules with an extension module beside them load from
    the .py unless the build's manifest has the .py's current fingerprint (the default machinery, which
    prefers an extension module, takes the fresh ones)."""

    def __init__(self, package: str, directory: str, stale: frozenset[str]) -> None:
        self.package = package
        self.directory = directory
        self.stale = stale

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != self.package or name not in self.stale:
            return None
        return importlib.util.spec_from_file_location(fullname, os.path.join(self.directory, name + ".py"))


def _built(directory: str) -> set[str]:
    """Names of the modules with an extension module file in `directory`."""
    try:
        files = os.listdir(directory)
    except OSError:
        return set()
    return {f[: -len(s)] for f in files for s in importlib.machinery.EXTENSION_SUFFIXES if f.endswith(s)}


def install(package: str, paths: Sequence[str]) -> dict[str, bool]:
    """Called by `package`'s __init__ before it imports its modules; returns {module: runs compiled}."""
    directory = paths[0]
    built = _built(directory)
    if not built:
        return {}
    try:
        with open(os.path.join(directory, MANIFEST), encoding="utf-8") as fh:
            manifest = json.load(fh)
    except (OSError, ValueError):
        manifest = {}
    forced = pure_python_forced()
    fresh = {
        name: not forced and manifest.get(name) is not None
        and manifest.get(name) == _fingerprint_of(os.path.join(directory, name + ".py"))
        for name in sorted(built)
        if os.path.exists(os.path.join(directory, name + ".py"))
    }
    stale = frozenset(name for name, ok in fresh.items() if not ok)
    if stale and not any(isinstance(f, _StaleFallback) and f.package == package for f in sys.meta_path):
        sys.meta_path.insert(0, _StaleFallback(package, directory, stale))
    return fresh
