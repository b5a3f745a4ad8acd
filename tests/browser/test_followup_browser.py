"""Officials record progress in Debian's chromium; the secretariat watches the round matrix.

The data is the real seed (19th IntMK). Every page visited gets an axe-core scan.
"""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from beschluesse.models import Conference, Demand
from erfolgskontrolle.models import Implementation, ProgressEntry, Stance
from intmk.models import RoleKind
from tests.browser.support import SEED, check_accessibility, reference_data_create
from tests.factories import make_round, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-langes-demo-passwort-2024"


@pytest.fixture
def top_3_3_ziffer_3() -> Demand:
    """The seed's TOP 3.3 (Berlin leads), Ziffer 3: the Bund is asked to examine interpreting."""
    reference_data_create()
    call_command("import_niederschrift", str(SEED), stdout=io.StringIO())
    for username, kind, code, year in [
        ("berlin", RoleKind.OFFICIAL, "DE-BE", None),
        ("bayern", RoleKind.OFFICIAL, "DE-BY", None),
        ("sekretariat", RoleKind.SECRETARIAT, "DE-MV", 2024),
    ]:
        make_user(username=username, password=PASSWORD, roles=[(kind, code, year)])
    return Demand.objects.get(
        clause__resolution__conference__number=19,
        clause__resolution__top="3.3",
        clause__number="3",
    )


def log_in(browser: Browser, live_server, username: str, lands_on: str = "/aufgaben/") -> Page:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(re.escape(live_server.url + lands_on)))
    return page


def test_berlin_assesses_bayern_contributes_and_the_secretariat_sees_berlin_done(
    live_server, browser: Browser, top_3_3_ziffer_3: Demand
) -> None:
    demand = top_3_3_ziffer_3
    reporting_round = make_round(
        conference=Conference.objects.get(number=19),
        opened_by=make_user(username="eroeffnerin"),
        demands=[demand],
        land_codes=["DE-BE", "DE-BY"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )

    # The Berlin official records an entry inline in "Meine Aufgaben".
    berlin = log_in(browser, live_server, "berlin")
    check_accessibility(berlin, "10-meine-aufgaben")
    row = berlin.locator(f"#aufgabe-{demand.pk}")
    expect(row).to_contain_text("TOP 3.3")
    expect(row).to_contain_text("noch kein Sachstand")
    row.get_by_role("link", name="Sachstand eintragen").click()
    form = berlin.locator(f"#eintrag-formular-{demand.pk}")
    expect(form).to_be_visible()
    expect(form).to_contain_text("Land: Berlin")
    form.get_by_label("Haltung des Adressaten").select_option(label="in Prüfung")
    form.get_by_label("Umsetzung").select_option(label="in Umsetzung")
    form.get_by_label("Sachstand").fill("Das BMAS prüft die Sprachmittlung im Gesundheitswesen.")
    form.get_by_label("Beleg 1: Bezeichnung").fill("BT-Drucksache 20/1234")
    form.get_by_label("Beleg 1: Adresse").fill(
        "https://dserver.bundestag.de/btd/20/012/2001234.pdf"
    )
    check_accessibility(berlin, "11-meine-aufgaben-formular")
    form.get_by_role("button", name="Sachstand speichern").click()
    expect(row.locator(".task__saved")).to_have_text("Gespeichert.")
    expect(row.locator(".task__implementation")).to_contain_text("in Umsetzung")

    # Berlin's entry is the assessment in the demand's timeline.
    berlin.goto(live_server.url + f"/forderungen/{demand.pk}/")
    entry = ProgressEntry.objects.get(demand=demand)
    timeline_entry = berlin.locator(f"#eintrag-{entry.pk}")
    expect(timeline_entry.get_by_role("heading")).to_have_text("Bewertung (federführend): Berlin")
    expect(timeline_entry).to_contain_text("BT-Drucksache 20/1234")
    check_accessibility(berlin, "12-forderung-verlauf")

    # The Bayern official cannot record in Berlin's name: a forged POST is refused.
    bayern = log_in(browser, live_server, "bayern")
    bayern.goto(live_server.url + f"/forderungen/{demand.pk}/")
    token = bayern.locator("#eintrag-formular input[name=csrfmiddlewaretoken]").input_value()
    forged = bayern.request.post(
        live_server.url + f"/forderungen/{demand.pk}/sachstand/",
        form={
            "csrfmiddlewaretoken": token,
            "land": "DE-BE",
            "fact_date": timezone.localdate().isoformat(),
            "stance": str(Stance.objects.get(name="zugestimmt").pk),
            "implementation": str(Implementation.objects.get(name="umgesetzt").pk),
            "text": "Bayern gibt sich als Berlin aus.",
            "gesehen": str(entry.pk),
        },
        headers={"Referer": live_server.url + f"/forderungen/{demand.pk}/"},
        max_redirects=0,
    )
    assert forged.status == 403
    assert ProgressEntry.objects.filter(demand=demand).count() == 1

    # Bayern's own entry is a contribution; the current state stays Berlin's assessment.
    form = bayern.locator("#eintrag-formular")
    expect(form).to_contain_text("Land: Bayern")
    form.get_by_label("Haltung des Adressaten").select_option(label="zugestimmt")
    form.get_by_label("Umsetzung").select_option(label="umgesetzt")
    form.get_by_label("Sachstand").fill("Aus bayerischer Sicht ist die Forderung erfüllt.")
    form.get_by_role("button", name="Sachstand speichern").click()
    bayern_entry = bayern.locator(".timeline__list > li").first
    expect(bayern_entry.get_by_role("heading")).to_have_text("Beitrag Bayern")
    current = bayern.locator("section.current-state")
    expect(current).to_contain_text("in Umsetzung")
    expect(current).not_to_contain_text("umgesetzt ")
    expect(current).to_contain_text("Berlin")
    check_accessibility(bayern, "13-forderung-beitrag")

    # The secretariat sees Berlin as done in the round matrix.
    # It lands on its open round (the matrix); its list of rounds is one click away.
    secretariat = log_in(browser, live_server, "sekretariat", lands_on="/runden/")
    secretariat.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Berichtsrunden"
    ).click()
    check_accessibility(secretariat, "14-berichtsrunden")
    secretariat.get_by_role("link", name=reporting_round.title).first.click()
    matrix = secretariat.locator("table.round-matrix")
    berlin_row = matrix.get_by_role("row", name=re.compile("^Berlin"))
    expect(berlin_row.locator("td").first).to_contain_text("erledigt")
    bayern_row = matrix.get_by_role("row", name=re.compile("^Bayern"))
    expect(bayern_row.locator("td").first).not_to_contain_text("erledigt")
    check_accessibility(secretariat, "15-berichtsrunde-matrix")

    # Each cell leads to the demands behind it; closing asks first, then says what is missing.
    berlin_row.locator("td").first.get_by_role("link").click()
    expect(secretariat.get_by_role("heading", level=1)).to_contain_text("Berlin")
    check_accessibility(secretariat, "16-berichtsrunde-land")
    secretariat.go_back()
    secretariat.get_by_role("link", name="Runde schließen").click()
    expect(secretariat.get_by_role("heading", level=1)).to_contain_text("schließen?")
    check_accessibility(secretariat, "17-runde-schliessen")
    secretariat.get_by_role("button", name="Ja, Runde schließen").click()
    expect(secretariat.get_by_text(re.compile("geschlossen am")).first).to_be_visible()
    expect(secretariat.locator("table.round-matrix")).not_to_contain_text("offen")


def test_the_other_pages_pass_the_scan_and_recording_works_without_javascript(
    live_server, browser: Browser, top_3_3_ziffer_3: Demand
) -> None:
    demand = top_3_3_ziffer_3
    anonymous = browser.new_context(locale="de-DE").new_page()
    anonymous.goto(live_server.url + "/aufgaben/")
    expect(anonymous).to_have_url(re.compile(r"/konto/anmelden/\?next=/aufgaben/$"))
    anonymous.get_by_label("Benutzername").fill("berlin")
    anonymous.get_by_label("Passwort").fill("falsch")
    anonymous.get_by_role("button", name="Anmelden").click()
    expect(anonymous.get_by_text("Benutzername oder Passwort ist falsch").first).to_be_visible()
    check_accessibility(anonymous, "20-anmelden-fehler")
    anonymous.goto(live_server.url + "/konto/passwort-vergessen/")
    check_accessibility(anonymous, "21-passwort-vergessen")
    anonymous.goto(live_server.url + "/gibt-es-nicht/")
    check_accessibility(anonymous, "22-nicht-gefunden")

    # Without JavaScript the entry form is a page of its own that posts and redirects.
    # (No axe scans here: axe-core itself runs as JavaScript.)
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    no_js = context.new_page()
    no_js.goto(live_server.url + "/konto/anmelden/")
    no_js.get_by_label("Benutzername").fill("berlin")
    no_js.get_by_label("Passwort").fill(PASSWORD)
    no_js.get_by_role("button", name="Anmelden").click()
    no_js.locator(f"#aufgabe-{demand.pk}").get_by_role("link", name="Sachstand eintragen").click()
    expect(no_js).to_have_url(re.compile(rf"/forderungen/{demand.pk}/sachstand/"))
    no_js.get_by_label("Haltung des Adressaten").select_option(label="abgelehnt")
    no_js.get_by_label("Umsetzung").select_option(label="nicht umgesetzt")
    no_js.get_by_label("Sachstand", exact=True).fill("Das BMG lehnt eine Änderung ab.")
    no_js.get_by_label("Beleg 1: Bezeichnung").fill("Schreiben")
    no_js.get_by_label("Beleg 1: Adresse").fill("javascript:alert(1)")
    no_js.get_by_role("button", name="Sachstand speichern").click()
    expect(no_js.get_by_text("Nur Adressen, die mit http:// oder https://").first).to_be_visible()
    assert not ProgressEntry.objects.exists()
    no_js.get_by_label("Beleg 1: Adresse").fill("https://www.bundesgesundheitsministerium.de/")
    no_js.get_by_role("button", name="Sachstand speichern").click()
    expect(no_js).to_have_url(re.compile(rf"/forderungen/{demand.pk}/#eintrag-\d+$"))
    expect(no_js.locator("section.current-state")).to_contain_text("nicht umgesetzt")
    assert ProgressEntry.objects.get().author.username == "berlin"
    context.close()

    berlin = log_in(browser, live_server, "berlin")
    berlin.goto(live_server.url + f"/forderungen/{demand.pk}/sachstand/")
    check_accessibility(berlin, "23-sachstand-formular")
    berlin.get_by_role("button", name="Sachstand speichern").click()
    expect(berlin.locator(".kern-error").first).to_be_visible()
    check_accessibility(berlin, "24-sachstand-formular-fehler")
    berlin.goto(live_server.url + "/tabelle/")
    check_accessibility(berlin, "25-tabellen")
    berlin.goto(live_server.url + "/konto/passwort/")
    check_accessibility(berlin, "26-passwort-aendern")
    berlin.goto(live_server.url + "/runden/neu/19/")
    expect(berlin.get_by_role("heading", level=1)).to_have_text("Kein Zugriff")
    check_accessibility(berlin, "27-keine-berechtigung")

    secretariat = log_in(browser, live_server, "sekretariat", lands_on="/")
    secretariat.goto(live_server.url + "/runden/neu/19/")
    check_accessibility(secretariat, "28-runde-eroeffnen")
    secretariat.get_by_label("Frist", exact=True).fill("2020-01-31")
    secretariat.get_by_role("button", name="Runde eröffnen").click()
    expect(secretariat.get_by_text("Die Frist muss in der Zukunft liegen").first).to_be_visible()
    check_accessibility(secretariat, "29-runde-eroeffnen-fehler")
