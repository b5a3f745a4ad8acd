"""Fixtures of the browser tests: one chromium per module, a fresh context per test."""

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.support import CHROMIUM_ARGS, reference_data_create

# Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module", autouse=True)
def reference_data_after_the_last_flush(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    # Module scope: this teardown runs after the flush that ends the module's last test, so the
    # tests after this module, and a database kept with --reuse-db, find the rows again.
    yield
    with django_db_blocker.unblock():
        reference_data_create()
