"""The classifier's hot modules compiled with Cython, from their .py files unchanged (docs/performance.md).

Everything else about the package is in pyproject.toml. Without Cython or a C compiler the build still
succeeds and every module runs as pure Python (the extensions are optional); MYOFEED_PURE_PYTHON=1 at
install time skips them. `_compiled.json` records the size and CRC-32 of each source compiled, so that an edited
.py is never shadowed by an older build (myofeed/_speedups.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

PACKAGE = "myofeed.classify"
SOURCES = Path("src") / "myofeed" / "classify"
# the modules of a classification's work, by share of a warm classify's time (cProfile): the others
# (rule compiling, explanations, reference) are not worth their build time
COMPILED = ("collect", "score", "rules", "model", "evidence", "diseases", "tokens", "context", "phraseset", "matcher")


def _load_speedups() -> ModuleType:
    """myofeed/_speedups.py, loaded from its file: the build cannot import the package it builds, and the
    manifest must be written with the very fingerprint the package checks it with (no second copy)."""
    spec = importlib.util.spec_from_file_location("_myofeed_speedups", Path("src") / "myofeed" / "_speedups.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SPEEDUPS = _load_speedups()


def extensions() -> list[Extension]:
    if _SPEEDUPS.pure_python_forced():
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
            by_dir.setdefault(built.parent, {})[name] = _SPEEDUPS.fingerprint(source.read_bytes())
        for directory, hashes in by_dir.items():
            (directory / _SPEEDUPS.MANIFEST).write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")

    def get_outputs(self) -> list[str]:
        outputs = super().get_outputs()
        dirs = {str(Path(p).parent) for p in outputs}
        return outputs + [str(Path(d) / _SPEEDUPS.MANIFEST) for d in sorted(dirs)]


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildWithManifest})
