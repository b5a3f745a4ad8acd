"""No page breaks under the Content-Security-Policy: chromium reports no violation on the
register, "Meine Aufgaben" (row form opened and cancelled), the demand list's filters and the
report with its HTML file, and what the moved scripts do still works."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from erfolgskontrolle.models import Stance
from intmk.models import RoleKind
from tests.browser.support import reference_data_create
from tests.erfolgskontrolle.report_world import ReportWorld, make_report_world
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-langes-demo-passwort-2024"
# Runs before any script of the page, whatever its policy (injected by the browser itself).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class Watched:
    """A browser context that records every CSP violation: console and DOM event."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.console: list[str] = []
        context.add_init_script(LISTEN)
        self.page = context.new_page()
        self.page.on("console", self._console)

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__violations")
        return found

    def assert_no_violation(self) -> None:
        assert self.violations() == []
        assert self.console == []


@pytest.fixture
def world(db) -> ReportWorld:  # type: ignore[no-untyped-def]
    reference_data_create()
    berlin = make_user(
        username="berlin", password=PASSWORD, roles=[(RoleKind.OFFICIAL, "DE-BE", None)]
    )
    bayern = make_user(username="bayern", roles=[(RoleKind.OFFICIAL, "DE-BY", None)])
    make_user(username="leser", password=PASSWORD, roles=[(RoleKind.READER, None, None)])
    return make_report_world(berlin=berlin, bayern=bayern)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    yield Watched(context)
    context.close()


def log_in(watched: Watched, live_server, username: str) -> Page:  # type: ignore[no-untyped-def]
    page = watched.page
    page.goto(live_server.url + "/konto/anmelden/")
    watched.assert_no_violation()
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).not_to_have_url(re.compile(r"/konto/anmelden/"))
    return page


def test_the_register_and_its_filters_run_without_violation(
    live_server, watched: Watched, world: ReportWorld
) -> None:
    page = watched.page
    for path in ["/", "/konferenzen/19/", "/konferenzen/19/top/3.3/", "/forderungen/"]:
        page.goto(live_server.url + path)
        expect(page.locator("main h1")).to_be_visible()
        watched.assert_no_violation()

    # Choosing a filter sends the form through htmx (the event app.js raises) and pushes the URL.
    page.get_by_label("Federführendes Land").select_option(label="Berlin")
    expect(page).to_have_url(re.compile(r"/forderungen/\?.*federfuehrend=DE-BE"))
    expect(page.locator("#ergebnisse")).to_contain_text("3.3")
    expect(page.locator("#ergebnisse")).not_to_contain_text("BMAS")
    watched.assert_no_violation()


def test_an_official_opens_and_cancels_a_row_form_without_violation(
    live_server, watched: Watched, world: ReportWorld
) -> None:
    page = log_in(watched, live_server, "berlin")
    expect(page).to_have_url(live_server.url + "/aufgaben/")
    watched.assert_no_violation()

    row = page.locator(f"#aufgabe-{world.to_bund.pk}")
    row.get_by_role("link", name="Sachstand eintragen").click()
    form = page.locator(f"#eintrag-formular-{world.to_bund.pk}")
    expect(form).to_be_visible()
    form.get_by_role("button", name="Abbrechen").click()
    expect(form).to_have_count(0)
    link = row.get_by_role("link", name="Sachstand eintragen")
    expect(link).to_be_focused()
    expect(link).to_have_attribute("aria-expanded", "false")
    watched.assert_no_violation()


def test_the_report_and_its_html_file_render_without_violation(
    live_server, watched: Watched, world: ReportWorld
) -> None:
    page = log_in(watched, live_server, "leser")
    page.goto(live_server.url + "/erfolgskontrolle/19/")
    expect(page.locator(".report-swatch").first).to_be_visible()
    watched.assert_no_violation()

    # The file keeps its styles inline (it works offline); its own policy lets exactly them in.
    page.goto(live_server.url + "/erfolgskontrolle/19/entwurf.html")
    expect(page.locator("h1").first).to_contain_text("Erfolgskontrolle der 19. IntMK")
    assert page.evaluate("getComputedStyle(document.body).maxWidth") == "960px"
    watched.assert_no_violation()


def test_the_admin_runs_without_violation(
    live_server, watched: Watched, world: ReportWorld
) -> None:
    admin = make_user(
        username="verwaltung", password=PASSWORD, roles=[(RoleKind.ADMIN, None, None)]
    )
    admin.is_staff = admin.is_superuser = True
    admin.save()
    stance = Stance.objects.get(name="zugestimmt")
    stance.save()  # a history row, so the history page shows its list
    page = log_in(watched, live_server, "verwaltung")
    for path in [
        "/admin/",
        "/admin/erfolgskontrolle/progressentry/",
        "/admin/erfolgskontrolle/stance/",
        f"/admin/erfolgskontrolle/stance/{stance.pk}/change/",
        f"/admin/intmk/user/{admin.pk}/change/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("#content")).to_be_visible()
        watched.assert_no_violation()

    # Known and accepted: django-simple-history's history list sets style="border-top: 0" on
    # its paginator; refused, the paginator keeps a thin line. Nothing else may be refused.
    page.goto(live_server.url + f"/admin/erfolgskontrolle/stance/{stance.pk}/history/")
    expect(page.locator("#content")).to_contain_text("zugestimmt")
    assert watched.violations() == ["style-src-attr inline"]
