"""Browser tests: Playwright driving the system Chromium against a live server."""

from __future__ import annotations

import os
import shutil
import warnings

import pytest

CHROMIUM = os.environ.get("JUMELAGE_CHROMIUM", "/usr/bin/chromium")
# Playwright's synchronous API runs an event loop in the test thread; the ORM calls the
# tests make themselves (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    notice = f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
    print(f"\nNOTICE: {notice}\n")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=notice))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        context.close()


def log_in(page, username: str, password: str = "correct horse battery", lang: str = "en") -> None:
    page.goto(f"/{lang}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#current-user")
