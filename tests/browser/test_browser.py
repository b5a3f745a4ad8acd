"""A reader clicks through the register in Debian's chromium; every page gets an axe-core scan.

The data is the real seed: the minutes of the 19th IntMK, read by ``import_niederschrift``.
Run with ``pytest -m browser``. Screenshots land in /tmp/shots/ for a look at the design.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import SEED, check_accessibility, reference_data_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register_19() -> None:
    reference_data_create()
    call_command("import_niederschrift", str(SEED), stdout=io.StringIO())


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
    expect(count).to_have_text(re.compile(r"^\d+ Forderung(en)? gefunden"))
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
    # "nach Relevanz geordnet" only when there is more than one to order
    expect(status).to_have_text(re.compile(r"^\d+ Forderung(en)? gefunden"))
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
