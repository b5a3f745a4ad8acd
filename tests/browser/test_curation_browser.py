"""The secretariat corrects an imported resolution of the seed in Debian's chromium, at 1280 px
and on a 390 px phone: nothing scrolls sideways, axe finds nothing, the keyboard reaches it."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from beschluesse.models import Demand, Kind, Resolution
from intmk.models import RoleKind
from tests.browser.support import SEED, check_accessibility, reference_data_create
from tests.browser.test_layout import WIDEST
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-langes-demo-passwort-2024"
EDIT = "/konferenzen/19/top/3.3/bearbeiten/"
WIDTHS = {"breit": {"width": 1280, "height": 800}, "telefon": {"width": 390, "height": 844}}


@pytest.fixture
def seed() -> None:
    reference_data_create()
    call_command("import_niederschrift", str(SEED), stdout=io.StringIO())
    make_user(
        username="sekretariat",
        password=PASSWORD,
        roles=[(RoleKind.SECRETARIAT, "DE-MV", 2024)],
        first_name="Sina",
        last_name="Sekretariat",
    )


def log_in(browser: Browser, live_server, width: str) -> Page:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="de-DE", viewport=WIDTHS[width])  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill("sekretariat")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("Angemeldet als")).to_be_attached()
    return page


def assert_fits(page: Page, what: str) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.evaluate("window.innerWidth"), f"{what}: {page.evaluate(WIDEST)}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_secretariat_corrects_a_demand_and_marks_the_resolution_reviewed(
    live_server,  # type: ignore[no-untyped-def]
    browser: Browser,
    seed: None,
    width: str,
) -> None:
    page = log_in(browser, live_server, width)
    demand = Demand.objects.get(
        clause__resolution__top="3.3", clause__number="3", clause__resolution__conference__number=19
    )

    page.goto(live_server.url + "/verwaltung/pruefen/19/")
    assert_fits(page, "Prüfliste")
    check_accessibility(page, f"kuratieren-pruefliste-{width}")
    page.get_by_role("link", name="Bearbeiten TOP 3.3").click()
    expect(page).to_have_url(live_server.url + EDIT)
    assert_fits(page, "Bearbeiten")
    check_accessibility(page, f"kuratieren-bearbeiten-{width}")

    ziffer = page.locator("#ziffer-3")
    kind = ziffer.get_by_label("Art", exact=True).first
    kind.focus()
    kind.select_option(label="Forderung")
    ziffer.get_by_text("Forderung hinzufügen").click()  # the <details> opens
    ziffer.get_by_label(re.compile("^Wortlaut")).fill("bittet den Bund, die Hürden abzubauen")
    ziffer.get_by_label("Adressat").last.fill("Bund")
    # A lead that does not apply is refused in German, nothing is saved.
    page.get_by_label("Federführend").select_option(label="Bayern")
    page.get_by_role("button", name="Änderungen speichern").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Es wurde nichts gespeichert.")
    assert_fits(page, "Bearbeiten mit Fehlern")
    check_accessibility(page, f"kuratieren-fehler-{width}")
    summary.get_by_role("link", name=re.compile("Federführend")).click()
    expect(page.get_by_label("Federführend")).to_be_focused()
    page.keyboard.press("Home")  # Berlin, the applicant, is the first Land of the list
    page.get_by_label("Federführend").select_option(label="Berlin")
    page.get_by_role("button", name="Änderungen speichern").click()

    expect(page).to_have_url(live_server.url + "/konferenzen/19/top/3.3/")
    expect(page.get_by_text("2 Änderungen gespeichert.")).to_be_visible()
    assert Demand.objects.get(pk=demand.pk).kind == Kind.FORDERUNG
    page.get_by_text("Änderungsverlauf").click()
    expect(page.locator(".history")).to_contain_text("Sina Sekretariat: Korrektur im Register")
    assert_fits(page, "Beschluss mit Verlauf")
    check_accessibility(page, f"kuratieren-verlauf-{width}")

    page.get_by_role("button", name="Als geprüft markieren").click()
    expect(page.get_by_text("TOP 3.3 ist als geprüft markiert.")).to_be_visible()
    expect(page.locator(".review-state")).to_contain_text("geprüft am")
    assert Resolution.objects.get(top="3.3").reviewed_at is not None
    page.context.close()
