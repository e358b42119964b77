"""The classifier's hot modules compiled with Cython, from their .py files unchanged (docs/performance.md).

Everything else about the package is in pyproject.toml. Without Cython or a C compiler the build still
succeeds and every module runs as pure Python (the extensions are optional); MYOFEED_PURE_PYTHON=1 at
install time skips them. `_compiled.json` records the size and CRC-32 of each source compiled, so that an edited
.py is never shadowed by an older build (myofeed/_speedups.py)."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

PACKAGE = "myofeed.classify"
SOURCES = Path("src") / "myofeed" / "classify"
# the modules of a classification's work, by share of a warm classify's time (cProfile): the others
# (rule compiling, explanations, reference) are not worth their build time
COMPILED = ("collect", "score", "rules", "model", "evidence", "diseases", "tokens", "context", "phraseset", "matcher")


def fingerprint(data: bytes) -> str:
    """The twin of myofeed._speedups.fingerprint (the build cannot import the package it builds)."""
    return f"{len(data)}:{zlib.crc32(data):08x}"


def extensions() -> list[Extension]:
    if os.environ.get("MYOFEED_PURE_PYTHON", "") not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    exts = [Extension(f"{PACKAGE}.{m}", [str(SOURCES / f"{m}.py")], optional=True) for m in COMPILED]
    # annotations are not C types here: the compiled module must accept exactly what the .py accepts
    directives = {"language_level": 3, "annotation_typing": False, "binding": True}
    return cythonize(exts, compiler_directives=directives, build_dir="build/cython", quiet=True)


class BuildWithManifest(build_ext):
    """build_ext, then `_compiled.json` beside the extension modules it built (an optional one that
    failed to build is left out, so its .py runs)."""

    def run(self) -> None:
        super().run()
        by_dir: dict[Path, dict[str, str]] = {}
        for ext in self.extensions:
            built = Path(self.get_ext_fullpath(ext.name))
            if not built.exists():
                continue
            name = ext.name.rpartition(".")[2]
            source = SOURCES / f"{name}.py"
            by_dir.setdefault(built.parent, {})[name] = fingerprint(source.read_bytes())
        for directory, hashes in by_dir.items():
            (directory / "_compiled.json").write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")

    def get_outputs(self) -> list[str]:
        outputs = super().get_outputs()
        dirs = {str(Path(p).parent) for p in outputs}
        return outputs + [str(Path(d) / "_compiled.json") for d in sorted(dirs)]


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildWithManifest})
