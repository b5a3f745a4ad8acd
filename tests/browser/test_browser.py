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


def laender_create() -> None:
    for code, name in LAENDER:
        Land.objects.get_or_create(code=code, defaults={"name": name})


# Transactional tests empty every table when they end, the Länder of the data migration included.
# serialized_rollback cannot bring them back here: Django keeps the serialized rows on the
# connection object of the context that set up the test database, and Playwright's sync API runs
# the tests in a greenlet whose context has a connection object of its own, so nothing would be
# restored, silently. Hence by hand: before each test (register_19) and after the last one.


@pytest.fixture(scope="module", autouse=True)
def laender_after_the_last_flush(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    # Module scope: this teardown runs after the flush that ends the module's last test, so the
    # tests after this module, and a database kept with --reuse-db, find the Länder again.
    yield
    with django_db_blocker.unblock():
        laender_create()


@pytest.fixture
def register_19() -> None:
    laender_create()
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
    rows = page.locator(".demand-table tbody tr")
    expect(rows).not_to_have_count(0)
    for row in rows.all():
        expect(row).to_contain_text("an Bund")

    by_addressee = count.inner_text()
    page.get_by_label("Art", exact=True).select_option("forderung")
    expect(count).not_to_have_text(by_addressee)
    expect(page).to_have_url(re.compile(r"/forderungen/\?art=forderung&adressat=Bund$"))
    expect(rows).not_to_have_count(0)
    for row in rows.all():
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
    rows = page.locator(".demand-table tbody tr")
    expect(rows).not_to_have_count(0)
    for row in rows.all():
        expect(row).to_contain_text("Bitte / Appell an")
    context.close()


def test_a_search_is_sent_once_also_when_the_reader_leaves_the_box(
    live_server, page: Page, register_19
) -> None:
    page.goto(live_server.url + "/forderungen/")
    sent = []
    page.on(
        "request",
        lambda request: sent.append(request.url) if "/forderungen/" in request.url else None,
    )

    with page.expect_response(re.compile(r"/forderungen/\?q=Sprachmittlung$")):
        page.get_by_label("Volltextsuche").fill("Sprachmittlung")
    page.keyboard.press("Tab")  # blur fires "change" on the search box
    page.wait_for_timeout(1000)

    assert sent == [live_server.url + "/forderungen/?q=Sprachmittlung"]
    status = page.locator("#ergebnis-status")  # the live region, updated out of band
    expect(status).to_have_text(re.compile(r"^\d+ Forderung(en)? gefunden, nach Relevanz geordnet"))
    expect(status).to_have_count(1)


def test_back_after_a_history_cache_miss_shows_the_whole_page(
    live_server, page: Page, register_19
) -> None:
    page.goto(live_server.url + "/forderungen/")
    page.get_by_label("Adressat").select_option("Bund")
    expect(page).to_have_url(re.compile(r"/forderungen/\?adressat=Bund$"))
    # Lose the snapshot of the page before, as a full sessionStorage or a too small cache does.
    page.evaluate("sessionStorage.removeItem('htmx-history-cache')")

    with page.expect_response(
        lambda response: response.request.headers.get("hx-history-restore-request") == "true"
    ):
        page.go_back()

    expect(page).to_have_url(live_server.url + "/forderungen/")
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()
    expect(page.get_by_role("heading", name="Filter und Suche")).to_be_visible()
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator(".demand-table tbody tr")).not_to_have_count(0)
