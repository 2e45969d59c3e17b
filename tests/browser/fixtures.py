"""Playwright driving Debian's Chromium. No browser download: /usr/bin/chromium or skip.

On a laptop without Chromium these tests skip with a loud notice; in CI (CI=true) a missing
browser is a failure, never a skip.
"""

import os
import warnings
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"\n{'!' * 70}\nBROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}.\n"
            "Install it (Debian: apt-get install chromium) to run them.\n"
            f"{'!' * 70}"
        )
        if _in_ci():
            pytest.fail(f"CI needs Chromium at {CHROMIUM}{message}")
        warnings.warn(message, stacklevel=1)
        print(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the test itself still talks
    # to the database synchronously, which Django allows only when told so.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-US", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
