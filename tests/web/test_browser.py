"""A real browser (Debian's chromium through the system chromedriver) walks the double opt-in.

Never Selenium Manager, never a download: the driver path and browser binary
are explicit and SE_OFFLINE is set. Without chromium the tests skip, except
under CI, where they must run (scripts/install-browser.sh installs them).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from myofeed.core import utcnow

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
HAVE_BROWSER = os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)
if not HAVE_BROWSER and not os.environ.get("CI"):
    pytest.skip(
        f"{CHROMIUM} or {CHROMEDRIVER} missing: run scripts/install-browser.sh (as root)", allow_module_level=True
    )

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parents[2] / "docs"


def wait_heading(browser: Any, text: str) -> None:
    """Wait for the page a click leads to (a click returns before navigation ends)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def ready(driver: Any) -> bool:
        try:
            return text in driver.find_element(By.TAG_NAME, "h1").text
        except Exception:  # stale or missing while the next page loads
            return False

    WebDriverWait(browser, 10).until(ready)


def test_subscribe_confirm_unsubscribe_in_a_browser(server: Any, smtp: Any, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server.url)
    browser.find_element(By.ID, "email").send_keys("browser@example.org")
    browser.find_element(By.CSS_SELECTOR, 'input[name="topics"][value="dermatomyositis"]').click()
    browser.find_element(By.CSS_SELECTOR, 'input[name="topics"][value="treatment"]').click()
    browser.find_element(By.CSS_SELECTOR, 'input[name="cadence"][value="weekly"]').click()
    browser.find_element(By.CSS_SELECTOR, 'form button[type="submit"]').click()
    wait_heading(browser, "Check your inbox")

    sub = server.app.store.get_subscriber("browser@example.org")
    assert sub.state == "pending" and set(sub.topics) == {"dermatomyositis", "treatment"} and sub.cadence == "weekly"

    [mail] = smtp.wait_for(1)
    assert mail["To"] == "browser@example.org"
    [confirm_link] = smtp.links(mail, "confirm")
    browser.get(confirm_link)
    wait_heading(browser, "Confirm your subscription")
    assert server.app.store.get_subscriber("browser@example.org").state == "pending"  # opening the link: nothing
    browser.find_element(By.ID, "confirm").click()
    wait_heading(browser, "Subscription confirmed")
    assert server.app.store.get_subscriber("browser@example.org").state == "confirmed"

    browser.find_element(By.LINK_TEXT, "Unsubscribe").click()
    wait_heading(browser, "Unsubscribe")
    assert server.app.store.get_subscriber("browser@example.org").state == "confirmed"  # the GET alone: nothing
    browser.find_element(By.ID, "unsubscribe").click()
    wait_heading(browser, "You are unsubscribed")
    assert server.app.store.get_subscriber("browser@example.org").state == "unsubscribed"
    assert len(smtp.messages) == 1  # nothing but the confirmation ever went out


def _csp_violations(browser: Any) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e.get("message", "")]


def test_pages_render_with_the_strict_csp(server: Any, browser: Any) -> None:
    """The CSP must not block our stylesheet or the index's inline style (allowed by hash)."""
    from selenium.webdriver.common.by import By

    sub, _ = server.app.store.add_subscriber("csp@example.org", ["research"], "daily", confirmed=True,
                                             now=utcnow())
    from myofeed.web.manage import preferences_link

    pending, _ = server.app.store.add_subscriber("csp2@example.org", ["research"], "daily", confirmed=False,
                                                 now=utcnow())
    for path in ("", "status", f"unsubscribe/{sub.unsubscribe_token}", preferences_link(sub),
                 f"confirm/{pending.confirm_token}"):
        browser.get(server.url + path)
        body = browser.find_element(By.TAG_NAME, "body")
        # an unstyled page keeps the browser's default 8px body margin
        assert body.value_of_css_property("margin") == "0px", path
        assert _csp_violations(browser) == [], path
    # the probe works: a style attribute (no hash can allow it) is reported
    server.publish_file("probe.html", b'<!doctype html><p style="color:red">probe</p>')
    browser.get(server.url + "feeds/probe.html")
    assert _csp_violations(browser)


@pytest.mark.skipif(not os.environ.get("MYOFEED_SCREENSHOTS"), reason="set MYOFEED_SCREENSHOTS=1 to refresh docs/*.png")
def test_screenshots(demo_server: Any, browser: Any) -> None:
    """docs/index.png and docs/status.png, 1280 wide, from the demo data."""
    DOCS.mkdir(exist_ok=True)
    for path, name in (("", "index.png"), ("status", "status.png")):
        metrics = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        browser.get(demo_server.url + path)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        metrics["height"] = min(max(int(height), 600), 4000)  # the whole page, 1280 wide
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        browser.save_screenshot(str(DOCS / name))
