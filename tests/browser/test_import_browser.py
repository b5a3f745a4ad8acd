"""An admin uploads the seed in chromium, corrects the preview and confirms the import, at
1280 px and on a phone (390 px): no page wider than the window, axe-core clean."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from beschluesse.models import Demand, ImportRun, Resolution
from intmk.models import RoleKind
from tests.browser.support import SEED, check_accessibility, reference_data_create
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-langes-demo-passwort-2024"
NEW_DEMAND = "Die IntMK bittet das BAMF, Beratungsangebote barrierefrei zu gestalten."


def fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), f"{page.url} is {width} px wide"


def test_an_admin_uploads_corrects_and_confirms_at_both_widths(
    live_server,  # type: ignore[no-untyped-def]
    browser: Browser,
) -> None:
    reference_data_create()
    make_user(username="verwaltung", password=PASSWORD, roles=[(RoleKind.ADMIN, None, None)])
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill("verwaltung")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("Angemeldet als")).to_be_attached()

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Import"
    ).first.click()
    expect(page.get_by_role("heading", name="Niederschrift importieren")).to_be_visible()
    fits(page)
    check_accessibility(page, "import-10-upload")
    page.get_by_label("Niederschrift").set_input_files(str(SEED))
    page.get_by_role("button", name="Hochladen und Vorschau zeigen").click()

    expect(page).to_have_url(re.compile(r"/verwaltung/import/\d+/$"))
    expect(page.get_by_role("heading", name="Vorschau: 19. IntMK 2024")).to_be_visible()
    expect(page.locator("#warnungen + ul")).to_contain_text("TOP 3.7")
    fits(page)
    check_accessibility(page, "import-20-preview")

    top = page.locator("#top-3-3")
    top.get_by_text("Angaben zu TOP 3.3 korrigieren").click()
    top.get_by_label("Titel").fill("Teilhabe Neuzugewanderter mit Behinderungen verbessern")
    top.get_by_role("button", name="Angaben zu TOP 3.3 speichern").click()
    expect(page).to_have_url(re.compile(r"#top-3-3$"))
    expect(page.get_by_role("status")).to_contain_text("Korrigiert: TOP 3.3: Titel")

    page.set_viewport_size({"width": 390, "height": 844})
    clause = page.locator("#top-3-3-z1")
    clause.get_by_text("Forderung 1 korrigieren oder entfernen").click()
    clause.get_by_role("button", name="Entfernen").first.click()
    expect(page.get_by_role("status")).to_contain_text("Forderung entfernt")
    clause = page.locator("#top-3-3-z1")
    clause.get_by_text("Forderung zu").click()
    clause.get_by_label("Wortlaut").fill(NEW_DEMAND)
    clause.get_by_label("Art der neuen Forderung").select_option(label="Bitte / Appell")
    clause.get_by_label("Adressat der neuen Forderung").fill("BAMF")
    clause.get_by_role("button", name="Forderung hinzufügen").click()
    expect(page.get_by_role("status")).to_contain_text("Forderung hinzugefügt")
    page.get_by_text("Quelltext der Datei anzeigen").click()
    fits(page)
    check_accessibility(page, "import-30-preview-phone")

    page.get_by_role("button", name="Import bestätigen").click()
    expect(page).to_have_url(live_server.url + "/konferenzen/19/")
    expect(page.get_by_role("status")).to_contain_text("Die 19. IntMK wurde importiert")
    fits(page)
    check_accessibility(page, "import-40-conference-phone")
    context.close()

    resolution = Resolution.objects.get(conference__number=19, top="3.3")
    assert resolution.title == "Teilhabe Neuzugewanderter mit Behinderungen verbessern"
    assert Demand.objects.get(wording=NEW_DEMAND).addressee == "BAMF"
    assert ImportRun.objects.get().performed_by == "verwaltung"
