"""Every page fits the screen: each route as each role at 1280 × 800 and on a phone (390 × 844),
no page wider than the window, and an axe-core scan at both widths.

The data is the README's demo: the seed (19th IntMK), the demo accounts, the demo follow-up
(entries and an open round over 59 demands: the widest matrix). Screenshots of every page land
in /tmp/shots/layout/ for a look at the design.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Browser, Page, expect

from beschluesse.models import Demand
from erfolgskontrolle.models import ReportingRound
from tests.browser.support import SEED, SHOTS, WCAG_AA, reference_data_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"breit": {"width": 1280, "height": 800}, "telefon": {"width": 390, "height": 844}}
REGISTER = [
    "/",
    "/konferenzen/19/",
    "/konferenzen/19/top/3.3/",
    "/forderungen/",
    "/forderungen/?q=Sprachmittlung",
]
FOLLOW_UP = [
    "/forderungen/{demand}/",
    "/runden/",
    "/runden/{round}/",
    "/tabelle/",
    "/tabelle/?land=DE-BE",
    "/konto/passwort/",
    "/erfolgskontrolle/",
    "/erfolgskontrolle/19/",
]
RECORDING = ["/aufgaben/", "/forderungen/{demand}/sachstand/"]
CURATION = ["/konferenzen/19/top/3.3/bearbeiten/", "/verwaltung/pruefen/19/", "/verwaltung/import/"]
ROUTES = {
    "anonym": [*REGISTER, "/konto/anmelden/", "/konto/passwort-vergessen/", "/erfolgskontrolle/"],
    "leser": [*REGISTER, *FOLLOW_UP, "/aufgaben/"],
    "berlin": [*REGISTER, *FOLLOW_UP, *RECORDING],
    "sekretariat": [*REGISTER, *FOLLOW_UP, *RECORDING, "/runden/neu/19/", *CURATION],
    "admin": [*REGISTER, *FOLLOW_UP, *RECORDING, "/runden/neu/19/", *CURATION],
}


@dataclass(frozen=True)
class Demo:
    demand: int  # TOP 3.3, Ziffer 7: a demand with entries
    round: int


@pytest.fixture
def demo() -> Demo:
    reference_data_create()
    with override_settings(DEBUG=True):  # the demo commands refuse to run in production
        for command, *args in [
            ("import_niederschrift", str(SEED)),
            ("demo_accounts",),
            ("demo_followup",),
        ]:
            call_command(command, *args, stdout=io.StringIO())
    demand = Demand.objects.get(
        clause__resolution__conference__number=19,
        clause__resolution__top="3.3",
        clause__number="7",
    )
    return Demo(demand=demand.pk, round=ReportingRound.objects.get().pk)


@pytest.fixture
def signed_in(browser: Browser, live_server) -> Iterator:  # type: ignore[no-untyped-def]
    contexts = []

    def sign_in(username: str) -> Page:
        context = browser.new_context(locale="de-DE", viewport=WIDTHS["breit"])  # type: ignore[arg-type]
        contexts.append(context)
        page = context.new_page()
        if username != "anonym":
            page.goto(live_server.url + "/konto/anmelden/")
            page.get_by_label("Benutzername").fill(username)
            page.get_by_label("Passwort", exact=True).fill(f"{username}-demo-2024")
            page.get_by_role("button", name="Anmelden").click()
            expect(page.get_by_text("Angemeldet als")).to_be_attached()
        return page

    yield sign_in
    for context in contexts:
        context.close()


# The innermost element reaching furthest right: what makes a page too wide.
WIDEST = """() => {
  let widest = null, right = window.innerWidth;
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right > right || (widest && box.right >= right && widest.contains(element))) {
      widest = element; right = box.right;
    }
  }
  return widest ? `${widest.tagName.toLowerCase()}.${widest.className} ends at ${right} px` : "";
}"""


def shot_name(role: str, url: str, width: str) -> str:
    slug = url.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "start"
    return f"{role}--{slug}--{width}"


@pytest.mark.parametrize("role", list(ROUTES))
def test_every_page_fits_the_screen_and_passes_axe(
    live_server,  # type: ignore[no-untyped-def]
    signed_in,
    demo: Demo,
    role: str,
) -> None:
    page = signed_in(role)
    (SHOTS / "layout").mkdir(parents=True, exist_ok=True)
    problems = []
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)  # type: ignore[arg-type]
        for route in ROUTES[role]:
            url = route.format(demand=demo.demand, round=demo.round)
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, (role, url)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > page.evaluate("window.innerWidth"):
                problems.append(f"{url} at {width}: {wide} px wide, {page.evaluate(WIDEST)}")
            name = shot_name(role, url, width)
            page.screenshot(path=str(SHOTS / "layout" / f"{name}.png"), full_page=True)
            results = Axe().run(page, options=WCAG_AA)
            if results.violations_count:
                problems.append(f"{url} at {width}: {results.generate_report()}")
    assert not problems, "\n".join(problems)


def test_the_phone_menu_opens_without_javascript_and_every_item_takes_the_keyboard(
    browser: Browser,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    reference_data_create()
    context = browser.new_context(
        locale="de-DE",
        viewport=WIDTHS["telefon"],  # type: ignore[arg-type]
        java_script_enabled=False,
    )
    page = context.new_page()
    page.goto(live_server.url + "/forderungen/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link")).to_have_count(0)  # folded

    nav.get_by_text("Menü").focus()
    page.keyboard.press("Enter")

    links = nav.get_by_role("link")
    expect(links).to_have_text(["Konferenzen", "Forderungen", "Erfolgskontrolle"])
    for name in ["Konferenzen", "Forderungen", "Erfolgskontrolle"]:
        page.keyboard.press("Tab")
        expect(nav.get_by_role("link", name=name)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/erfolgskontrolle/")
    context.close()
