"""Validating a config in a short-lived process of its own: `python -m myofeed.config.validate FILE`.

pydantic and the models take ~17 MB a process, for good once imported. A command that runs for long
(an ingest pass, the service) and meets bytes that the cache (cache.py) does not hold has them
validated here instead: this process validates as load.py always does (and stores the result in the
cache), prints the values or the mistakes as JSON, and exits. The caller gets the same values and
the same messages. When the process cannot be run or says nothing readable, the caller validates
the config itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..exceptions import ConfigError
from .load import Dumps, _read_bytes, validate


def validated_apart(path: Path) -> Dumps | None:
    """`load.validate` of the config at `path`, run by another process; None when that failed.
    A config that is not TOML at all raises its ConfigError here, as `validate` does."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # the modules this process imports
    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(path)], capture_output=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=120, check=False)
        answer = json.loads(done.stdout) if done.returncode == 0 else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if not isinstance(answer, dict):
        return None
    problems = [ConfigError(str(f), str(k), str(m)) for f, k, m in answer.get("problems", ())]
    if answer.get("raise"):
        raise ConfigError.of(problems)
    return answer.get("settings"), answer.get("topics_file"), problems


def _answer(path: Path) -> dict[str, Any]:
    try:
        settings, topics, problems = validate(path, _read_bytes(path))
    except ConfigError as exc:
        return {"raise": True, "problems": [[e.file, e.key, e.message] for e in exc.all]}
    return {"settings": settings, "topics_file": topics, "problems": [[e.file, e.key, e.message] for e in problems]}


def main() -> None:
    sys.stdout.write(json.dumps(_answer(Path(sys.argv[1]))))


if __name__ == "__main__":
    main()
