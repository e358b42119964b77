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

from ._pages import MODES, add_many_posts, emulate, visit_every_page

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
HAVE_BROWSER = os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)
if not HAVE_BROWSER and not os.environ.get("CI"):
    pytest.skip(
        f"{CHROMIUM} or {CHROMEDRIVER} missing: run scripts/install-browser.sh (as root)", allow_module_level=True
    )

pytestmark = pytest.mark.browser


def WebDriverWait(browser: Any, timeout: float) -> Any:  # noqa: N802 (selenium's name, imported lazily)
    from selenium.webdriver.support.ui import WebDriverWait as Wait

    return Wait(browser, timeout)
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


@pytest.mark.parametrize("confirm_on_get", [True, False], ids=["link-confirms", "confirm-button"])
def test_subscribe_confirm_unsubscribe_in_a_browser(server_factory: Any, smtp: Any, browser: Any,
                                                    confirm_on_get: bool) -> None:
    server = server_factory(smtp_port=smtp.port, web=f"confirm_on_get = {str(confirm_on_get).lower()}")
    from selenium.webdriver.common.by import By

    browser.get(server.url)
    browser.find_element(By.ID, "email").send_keys("browser@example.org")
    browser.find_element(By.CSS_SELECTOR, 'input[name="topics"][value="dermatomyositis"]').click()
    browser.find_element(By.CSS_SELECTOR, 'input[name="topics"][value="treatment"]').click()
    browser.find_element(By.CSS_SELECTOR, 'input[name="cadence"][value="weekly"]').click()
    browser.find_element(By.CSS_SELECTOR, '#subscribe button[type="submit"]').click()
    wait_heading(browser, "Check your inbox")

    sub = server.app.store.get_subscriber("browser@example.org")
    assert sub.state == "pending" and set(sub.topics) == {"dermatomyositis", "treatment"} and sub.cadence == "weekly"

    [mail] = smtp.wait_for(1)
    assert mail["To"] == "browser@example.org"
    [confirm_link] = smtp.links(mail, "confirm")
    browser.get(confirm_link)
    if server.app.config.settings.web.confirm_on_get:  # SPEC: opening the link confirms
        wait_heading(browser, "Subscription confirmed")
    else:  # the operator chose the Confirm button: opening the link confirms nothing
        wait_heading(browser, "Confirm your subscription")
        assert server.app.store.get_subscriber("browser@example.org").state == "pending"
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


# --- readers' pages ----------------------------------------------------------------------


def _active(browser: Any) -> Any:
    return browser.switch_to.active_element


def test_topic_pages_page_back_and_forth_in_a_browser(server: Any, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    add_many_posts(server.app, "clinic-news", 45)
    browser.get(server.url)
    browser.find_element(By.CSS_SELECTOR, 'a[href="./topics/dermatomyositis"]').click()
    wait_heading(browser, "Dermatomyositis")
    first = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.post h3 a")]
    assert len(first) == 20 and "Page 1 of 3" in browser.find_element(By.CSS_SELECTOR, "nav.pager").text
    browser.find_element(By.CSS_SELECTOR, 'nav.pager a[rel="next"]').click()
    WebDriverWait(browser, 10).until(lambda b: "page=2" in b.current_url)
    second = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.post h3 a")]
    assert len(second) == 20 and not set(first) & set(second)
    browser.find_element(By.CSS_SELECTOR, 'nav.pager a[rel="next"]').click()
    WebDriverWait(browser, 10).until(lambda b: "page=3" in b.current_url)
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.post")) == 6
    assert not browser.find_elements(By.CSS_SELECTOR, 'nav.pager a[rel="next"]')
    browser.find_element(By.CSS_SELECTOR, 'nav.pager a[rel="prev"]').click()
    WebDriverWait(browser, 10).until(lambda b: "page=2" in b.current_url)
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.post h3 a")] == second
    # the card's title leads to the original post
    link = browser.find_element(By.CSS_SELECTOR, "li.post h3 a")
    assert link.get_attribute("href").startswith("https://notes.myositis-demo.example/")


def test_search_from_the_header_box_in_a_browser(server: Any, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    add_many_posts(server.app, "clinic-news", 45)
    browser.get(server.url + "topics/all")
    box = browser.find_element(By.ID, "site-q")
    assert box.get_attribute("type") == "search"
    box.send_keys("heliotrope rash", Keys.ENTER)
    wait_heading(browser, "Search")
    results = browser.find_element(By.ID, "results-heading").text
    assert results == "4 posts found"
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.post h3 a")]
    assert len(titles) == 4 and all("heliotrope rash" in t for t in titles)
    # narrow it to a topic with the form on the results page
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "topic")).select_by_value("research")
    browser.find_element(By.CSS_SELECTOR, "form.search-form button").click()
    WebDriverWait(browser, 10).until(lambda b: "topic=research" in b.current_url)
    assert browser.find_element(By.ID, "results-heading").text == "No posts found"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "heliotrope rash"


def test_subscribe_with_the_keyboard_alone(server: Any, smtp: Any, browser: Any) -> None:
    """Tab and Enter only (and typing the address): from a topic page's "by email" link to the answer,
    with a visible focus ring on every stop."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(server.url + "topics/dermatomyositis")

    def tab_to(match: Any, limit: int = 60) -> Any:
        for _ in range(limit):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            el = _active(browser)
            assert el.value_of_css_property("outline-style") != "none", el.get_attribute("outerHTML")[:120]
            if match(el):
                return el
        raise AssertionError("never reached by Tab")

    tab_to(lambda el: (el.get_attribute("href") or "").endswith("?topics=dermatomyositis#subscribe"))
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("#subscribe"))
    tab_to(lambda el: el.get_attribute("id") == "email", limit=5)  # the form is the next thing after the link target
    ActionChains(browser).send_keys("keys@example.org").perform()
    box = browser.find_element("css selector", 'input[name="topics"][value="dermatomyositis"]')
    assert box.is_selected()  # the topic page asked for its topic
    ActionChains(browser).send_keys(Keys.ENTER).perform()  # Enter in the address field submits the form
    wait_heading(browser, "Check your inbox")
    sub = server.app.subscriber("keys@example.org")
    assert sub is not None and sub.state == "pending" and sub.topics == ("dermatomyositis",)


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(server: Any, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(server.url + "search?q=rash")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    skip = _active(browser)
    assert skip.text == "Skip to content" and skip.is_displayed()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert _active(browser).get_attribute("id") == "q"  # past the header, in the page's own search form


@pytest.mark.skipif(not os.environ.get("MYOFEED_SCREENSHOTS"), reason="set MYOFEED_SCREENSHOTS=1 to refresh docs/*.png")
def test_screenshots(demo_server: Any, browser: Any) -> None:
    """docs/screenshots/<page>-<mode>.png: every kind of page in light and dark mode at 1280 px and on a
    375 px phone, from the demo data plus invented posts enough for paging (the README's docs/index.png,
    status.png and digest.png come from scripts/screenshots.py)."""
    shots = DOCS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    add_many_posts(demo_server.app, "demo-myositis-news", 30)
    for mode in MODES:
        emulate(browser, mode)
        for name, _ in visit_every_page(demo_server, browser, f"{mode}@example.org"):
            if name in SCREENSHOTS:
                full_page_screenshot(browser, mode, shots / f"{name}-{mode}.png", 1800)


# one of each kind of page (the others are the same templates with other data)
SCREENSHOTS = ("index", "topic", "search", "status", "subscribe", "confirm", "confirmed", "preferences",
               "unsubscribe", "not-found")


def full_page_screenshot(browser: Any, mode: str, path: Path, max_height: int) -> None:
    width, _, mobile = MODES[mode]
    height = browser.execute_script("return document.documentElement.scrollHeight")
    metrics = {"width": width, "height": min(max(int(height), 600), max_height), "deviceScaleFactor": 1,
               "mobile": mobile}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    browser.save_screenshot(str(path))
    emulate(browser, mode)
