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


PHONE = {"width": 360, "height": 740}


def reach_only_the_site(context, site_url):
    """Refuse every request of a browser context that leaves the site, as on a network where
    only the site is reachable (map tiles, a CDN): the list the refused URLs are recorded in."""
    site_host = urlsplit(site_url).netloc
    blocked = []

    def only_the_site(route):
        if urlsplit(route.request.url).netloc == site_host:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    return blocked


@pytest.fixture
def offline_page(browser, live_server):
    """A phone-sized page that can reach only the site under test; other requests are recorded
    in `page.blocked_urls` and refused, as on a network where only the site is reachable."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, locale="vi-VN")
    blocked = reach_only_the_site(context, live_server.url)
    page = context.new_page()
    page.blocked_urls = blocked
    yield page
    context.close()


@pytest.fixture
def open_phone(browser, live_server):
    """Opens 360 × 740 touch phones that reach only the site (refused requests, e.g. map
    tiles, are recorded in `page.blocked_urls`; every request in `page.seen_urls`); a
    JavaScript error in any of them fails the test. Other apps import it with `browser`."""
    contexts = []
    errors = []

    def open_(geolocation=None, grant_geolocation=False, init_script=None):
        context = browser.new_context(
            viewport=PHONE,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="vi-VN",
            geolocation=geolocation,
        )
        contexts.append(context)
        if grant_geolocation:
            context.grant_permissions(["geolocation"], origin=live_server.url)
        if init_script:
            context.add_init_script(init_script)
        blocked = reach_only_the_site(context, live_server.url)
        page = context.new_page()
        page.blocked_urls = blocked
        page.seen_urls = []
        page.on("request", lambda request: page.seen_urls.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_
    for context in contexts:
        context.close()
    assert errors == [], "JavaScript errors in the page"
