"""Every page passes axe-core (the npm package, run inside Debian's chromium) with no serious or
critical violation, in light and dark mode and at phone width.

axe-core comes from the npm registry, pinned by scripts/axe/package-lock.json and installed by
scripts/install-axe.sh (`make test` runs it) into .vendor/axe/; the test injects it into each page
through the driver, so the pages' own CSP (no scripts at all) stays as it is. Without chromium or
axe-core the test skips, except under CI, where it must run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ._pages import MODES, add_many_posts, emulate, visit_every_page

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / ".vendor" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
HAVE = os.path.exists("/usr/bin/chromium") and os.path.exists("/usr/bin/chromedriver") and AXE.exists()
if not HAVE and not os.environ.get("CI"):
    pytest.skip("chromium, chromedriver or axe-core missing: run scripts/install-browser.sh and scripts/install-axe.sh",
                allow_module_level=True)

pytestmark = pytest.mark.browser
BLOCKING = {"serious", "critical"}
# WCAG 2.0-2.2 A and AA, plus axe's best practices (landmarks, one h1, skip link target...)
RUN_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                     "best-practice"]},
               "resultTypes": ["violations"]}


def run_axe(browser: Any) -> list[dict[str, Any]]:
    source = AXE.read_text(encoding="utf-8")
    browser.execute_script(source)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(JSON.stringify(r.violations)), e => done('ERR ' + e));",
        RUN_OPTIONS,
    )
    assert not result.startswith("ERR"), result
    return json.loads(result)  # type: ignore[no-any-return]


def _describe(v: dict[str, Any]) -> str:
    nodes = "; ".join(" ".join(n["target"]) + (" -> " + n["failureSummary"].replace("\n", " ") if n.get("failureSummary")
                      else "") for n in v["nodes"][:3])
    return f"{v['id']} ({v['impact']}): {v['help']} [{nodes}]"


def test_every_page_passes_axe_in_every_mode(demo_server: Any, browser: Any) -> None:
    browser.set_script_timeout(60)
    add_many_posts(demo_server.app, "demo-myositis-news", 30)
    problems: list[str] = []
    minor: list[str] = []
    checked = 0
    for mode in MODES:
        emulate(browser, mode)
        for name, _ in visit_every_page(demo_server, browser, f"{mode}@example.org"):
            for v in run_axe(browser):
                line = f"{name} [{mode}] {_describe(v)}"
                (problems if v["impact"] in BLOCKING else minor).append(line)
            checked += 1
    # 14 pages a mode: with the default confirm_on_get the mailed link lands on the confirmed page
    # (the Confirm-button page, for confirm_on_get = false, is driven in test_browser.py)
    assert checked == len(MODES) * 14
    assert problems == [], "\n".join(problems)
    if minor:
        print("axe, moderate and minor:\n" + "\n".join(minor))
