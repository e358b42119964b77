"""Every page of the site, reached as a reader does, for the browser tests (accessibility, screenshots).

`visit_every_page(server, browser)` walks them in a real chromium and yields
(name, url) once each page is loaded: the index, a topic page with paging, the
"all" page, search results, an empty search, the status page, the answer to
the subscribe form, the confirmation, unsubscribe and preferences pages, and
the error pages (unknown address, a page number past the last).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from myofeed._types import FetchOutcome, PostWrite
from myofeed.core import Myofeed, utcnow

MODES = {
    # name: (viewport width, prefers-color-scheme, mobile)
    "light": (1280, "light", False),
    "dark": (1280, "dark", False),
    "phone": (375, "light", True),
}


def add_many_posts(app: Myofeed, source: str, n: int = 45) -> None:
    """n invented posts (demo-marked, .example links) in dermatomyositis, a day apart: enough for pages."""
    subjects = ["sun protection", "skin care", "muscle strength", "IVIG infusions", "school days", "heliotrope rash",
                "calcinosis", "swallowing", "fatigue", "lung checks"]
    day = datetime(2025, 9, 1, tzinfo=UTC)
    posts = [
        PostWrite(
            dedup_key=f"many-{i}", title=f"Dermatomyositis and {subjects[i % len(subjects)]}, note {i} (demo)",
            url=f"https://notes.myositis-demo.example/{i}", author=f"Demo Writer {i % 4 + 1}",
            published=(day + timedelta(days=i)).date().isoformat(), sort_key=day + timedelta(days=i),
            comments=i % 7 or None, summary=f"Demo note {i} about dermatomyositis and {subjects[i % len(subjects)]}.",
            summary_html=None, guid=None, categories=(), labels=("dermatomyositis", "autoimmune-myopathy"),
            evidence={"dermatomyositis": ("term 'dermatomyositis' in title",),
                      "autoimmune-myopathy": ("parent of dermatomyositis",)},
        )
        for i in range(n)
    ]
    now = utcnow()
    app.store.record_fetch(source, FetchOutcome(ok=True, at=now, next_due=now + timedelta(hours=1)), posts)


def emulate(browser: Any, mode: str) -> None:
    width, scheme, mobile = MODES[mode]
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def wait_loaded(browser: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if browser.execute_script("return document.readyState") == "complete":
            return
        time.sleep(0.02)


def visit_every_page(server: Any, browser: Any, email: str = "a11y@example.org") -> Iterator[tuple[str, str]]:
    from selenium.webdriver.common.by import By

    url = server.url
    pages = [
        ("index", ""),
        ("topic", "topics/dermatomyositis"),
        ("topic-page-2", "topics/dermatomyositis?page=2"),
        ("topic-all", "topics/all"),
        ("search", "search?q=dermatomyositis+rash"),
        ("search-none", "search?q=zzzz&topic=research"),
        ("search-form", "search"),
        ("status", "status"),
        ("not-found", "no/such/page"),
        ("no-such-page", "topics/all?page=999"),
    ]
    for name, path in pages:
        browser.get(url + path)
        wait_loaded(browser)
        yield name, url + path

    # the subscribe form's answer, as a browser posts it
    browser.get(url)
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.CSS_SELECTOR, 'input[name="topics"][value="dermatomyositis"]').click()
    browser.find_element(By.CSS_SELECTOR, '#subscribe button[type="submit"]').click()
    _wait_h1(browser, "Check your inbox")
    yield "subscribe", browser.current_url

    from myofeed.web.manage import preferences_link

    sub = server.app.subscriber(email)
    browser.get(url + f"confirm/{sub.confirm_token}")
    if sub.state == "pending" and not server.app.config.settings.web.confirm_on_get:
        # the operator chose the Confirm button: its page, then its answer
        _wait_h1(browser, "Confirm your subscription")
        yield "confirm", browser.current_url
        browser.find_element(By.ID, "confirm").click()
        _wait_h1(browser, "Subscription confirmed")
        yield "confirmed", browser.current_url
    elif sub.state == "pending":  # the default: the link confirms (SPEC)
        _wait_h1(browser, "Subscription confirmed")
        yield "confirmed", browser.current_url
    else:  # a link used before: its own clear page
        wait_loaded(browser)
        yield "confirm", browser.current_url
        yield "confirmed", browser.current_url
    sub = server.app.subscriber(email)
    for name, path, heading in (("preferences", preferences_link(sub), "Your digest"),
                                ("unsubscribe", f"unsubscribe/{sub.unsubscribe_token}", "Unsubscribe")):
        browser.get(url + path)
        _wait_h1(browser, heading)
        yield name, url + path


def _wait_h1(browser: Any, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def ready(driver: Any) -> bool:
        try:
            return text in driver.find_element(By.TAG_NAME, "h1").text
        except Exception:
            return False

    WebDriverWait(browser, 10).until(ready)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower())
