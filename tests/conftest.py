"""A real browser for the tests that need one: Debian's Chromium driven by Playwright."""

import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# One Playwright and one Chromium per test process, however many modules use `browser`.
_running = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once per process.

    Other apps' tests import this fixture (`from tests.conftest import browser`), and pytest
    then keeps one instance per importing module; they must share one Playwright, since a
    second sync_playwright() in the same process fails.
    """
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the main thread; Django would otherwise
    # refuse the ORM calls that the tests make around it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    if not _running["users"]:
        _running["playwright"] = sync_playwright().start()
        _running["browser"] = _running["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
    _running["users"] += 1
    try:
        yield _running["browser"]
    finally:
        _running["users"] -= 1
        if not _running["users"]:
            _running.pop("browser").close()
            _running.pop("playwright").stop()


@pytest.fixture
def offline_page(browser, live_server):
    """A phone-sized page that can reach only the site under test; other requests are recorded
    in `page.blocked_urls` and refused, as on a network where only the site is reachable."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, locale="vi-VN")
    site_host = urlsplit(live_server.url).netloc
    blocked = []

    def only_the_site(route):
        if urlsplit(route.request.url).netloc == site_host:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    page = context.new_page()
    page.blocked_urls = blocked
    yield page
    context.close()
