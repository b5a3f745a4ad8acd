"""A reader clicks through the register in Debian's chromium; every page gets an axe-core scan.

The data is the real seed: the minutes of the 19th IntMK, read by ``import_niederschrift``.
Run with ``pytest -m browser``. Screenshots land in /tmp/shots/ for a look at the design.
"""

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect, sync_playwright

from intmk.laender import LAENDER
from intmk.models import Land

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test are safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"
SHOTS = Path("/tmp/shots")
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


@pytest.fixture
def register_19() -> None:
    # Transactional tests flush every table, the Länder of the data migration included.
    for code, name in LAENDER:
        Land.objects.get_or_create(code=code, defaults={"name": name})
    call_command("import_niederschrift", str(SEED), stdout=io.StringIO())


def check_accessibility(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_a_reader_finds_a_resolution_and_narrows_the_demands(
    live_server, page: Page, register_19
) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beschlussregister der IntMK")
    check_accessibility(page, "1-konferenzen")

    page.get_by_role("link", name="19. IntMK 2024").click()
    expect(page).to_have_url(live_server.url + "/konferenzen/19/")
    expect(page.get_by_role("rowheader", name="3.3", exact=True)).to_be_visible()
    check_accessibility(page, "2-konferenz-19")

    page.get_by_role("link", name="Beschluss zu TOP 3.3 lesen").click()
    expect(page).to_have_url(live_server.url + "/konferenzen/19/top/3.3/")
    expect(page.get_by_text("Die IntMK hat mehrheitlich beschlossen:")).to_be_visible()
    expect(page.locator("#ziffer-4")).to_contain_text("Sprachmittlung")
    check_accessibility(page, "3-beschluss-19-3.3")

    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name="Forderungen").click()
    count = page.locator(".results__count")
    expect(count).to_contain_text("Forderungen gefunden")
    check_accessibility(page, "4-forderungen")

    total = count.inner_text()
    page.get_by_label("Adressat").select_option("Bund")
    expect(count).not_to_have_text(total)
    expect(page).to_have_url(re.compile(r"/forderungen/\?adressat=Bund$"))  # no empty fields
    for row in page.locator(".demand-table tbody tr").all():
        expect(row).to_contain_text("an Bund")

    by_addressee = count.inner_text()
    page.get_by_label("Art", exact=True).select_option("forderung")
    expect(count).not_to_have_text(by_addressee)
    expect(page).to_have_url(re.compile(r"/forderungen/\?art=forderung&adressat=Bund$"))
    for row in page.locator(".demand-table tbody tr").all():
        expect(row).to_contain_text("Forderung an Bund")

    page.get_by_label("Adressat").select_option("")
    page.get_by_label("Art", exact=True).select_option("")
    page.get_by_label("Volltextsuche").fill("Sprachmittlung")
    expect(count).to_contain_text("nach Relevanz geordnet")
    expect(page.locator(".demand-table mark").first).to_have_text(re.compile("Sprachmittlung"))
    assert "q=Sprachmittlung" in page.url
    check_accessibility(page, "5-forderungen-suche")


def test_the_filters_work_without_javascript(live_server, browser: Browser, register_19) -> None:
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + "/forderungen/")

    page.get_by_label("Art", exact=True).select_option("bitte")
    page.get_by_role("button", name="Filter anwenden").click()

    expect(page).to_have_url(re.compile(r"/forderungen/\?.*art=bitte"))
    for row in page.locator(".demand-table tbody tr").all():
        expect(row).to_contain_text("Bitte / Appell an")
    context.close()
