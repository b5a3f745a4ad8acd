"""The import preview as an official reads it: the source text open beside the TOPs at 1280 px
(with and without JavaScript) and behind a button above them on a phone, reached by the keyboard
before the TOPs; a refused correction puts the focus-able errors at their fields."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from intmk.models import RoleKind
from tests.browser.support import SEED, check_accessibility, reference_data_create
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-langes-demo-passwort-2024"


@pytest.fixture
def url(live_server) -> str:  # type: ignore[no-untyped-def]
    """The server's address, with the Länder and an admin to sign in as."""
    reference_data_create()
    make_user(username="verwaltung", password=PASSWORD, roles=[(RoleKind.ADMIN, None, None)])
    return str(live_server.url)


def preview(browser: Browser, url: str, *, javascript: bool) -> Page:
    context = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(url + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill("verwaltung")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(url + "/verwaltung/import/")
    page.get_by_label("Niederschrift").set_input_files(str(SEED))
    page.get_by_role("button", name="Hochladen und Vorschau zeigen").click()
    expect(page).to_have_url(re.compile(r"/verwaltung/import/\d+/$"))
    return page


@pytest.mark.parametrize("javascript", [True, False])
def test_the_source_text_is_open_beside_the_tops_and_first_for_the_keyboard(
    url: str,
    browser: Browser,
    javascript: bool,
) -> None:
    page = preview(browser, url, javascript=javascript)
    source = page.locator(".import-source__text")

    expect(source).to_be_visible()  # no click needed at 1280 px
    expect(source).to_contain_text("Teilhabe von Neuzugewanderten")
    source_box, main_box = page.evaluate(
        """[".import-source__text", ".import-layout__main"].map(s => {
             const r = document.querySelector(s).getBoundingClientRect();
             return {x: r.x, y: r.y, width: r.width};
           })"""
    )  # both in one frame
    assert source_box["x"] >= main_box["x"] + main_box["width"]  # beside, not below
    assert source_box["y"] < main_box["y"] + 400  # at the top of the page, not after the TOPs
    page.get_by_role("link", name="den Import bestätigen").focus()
    page.keyboard.press("Tab")
    expect(source).to_be_focused()  # the scrolling source, before the TOPs' links and forms
    assert source.evaluate("e => getComputedStyle(e).outlineWidth") == "4px"  # focus visible

    page.set_viewport_size({"width": 390, "height": 844})
    expect(source).to_be_hidden()  # on a phone behind its button, above the TOPs
    toggle = page.get_by_text("Quelltext der Datei anzeigen")
    # both measured in one frame: the page may still scroll after the resize
    toggle_top, main_top = page.evaluate(
        """[".import-source__summary", ".import-layout__main"].map(
             s => document.querySelector(s).getBoundingClientRect().top)"""
    )
    assert toggle_top < main_top
    page.get_by_role("link", name="den Import bestätigen").focus()
    page.keyboard.press("Tab")
    expect(page.locator(".import-source__summary")).to_be_focused()
    toggle.click()
    expect(source).to_be_visible()
    if javascript:
        check_accessibility(page, "import-review-preview-phone")
    page.context.close()


def test_a_refused_correction_links_from_the_summary_to_the_field(
    url: str,
    browser: Browser,
) -> None:
    page = preview(browser, url, javascript=True)
    top = page.locator("#top-3-3")
    top.get_by_text("Angaben zu TOP 3.3 korrigieren").click()
    top.get_by_label("Titel").fill("")
    top.get_by_role("button", name="Angaben zu TOP 3.3 speichern").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Titel: Bitte geben Sie den Titel des Beschlusses an.")
    alert.get_by_role("link", name="Titel").click()
    title = page.locator("#top-3-3-title")
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#top-3-3-title-fehler")).to_be_visible()
    check_accessibility(page, "import-review-refused-correction")
    page.context.close()


def test_links_in_a_demand_box_have_the_size_of_its_text(
    url: str,
    browser: Browser,
) -> None:
    page = preview(browser, url, javascript=True)
    page.get_by_role("button", name="Import bestätigen").click()
    expect(page).to_have_url(url + "/konferenzen/19/")
    page.goto(url + "/konferenzen/19/top/3.3/")

    sizes = page.evaluate(
        """[...document.querySelectorAll('.demand a.kern-link')].map(a =>
             [getComputedStyle(a).fontSize, getComputedStyle(a.parentElement).fontSize])"""
    )
    assert sizes, "no links in the demand boxes"
    assert all(link == text for link, text in sizes), sizes
    page.context.close()
