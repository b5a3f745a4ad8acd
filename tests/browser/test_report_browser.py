"""The Erfolgskontrolle of the 19th IntMK in Debian's chromium (issue 7).

The secretariat that compiles the report (Niedersachsen 2025, the demo account `sekretariat`)
writes a preface, freezes an edition and publishes it; a reader downloads every format of the
draft and of the edition; an anonymous visitor reads the published edition only. The data is the
real seed with the demo follow-up. Every report page gets an axe-core scan, and at 390 px width
none may scroll sideways. Screenshots land in /tmp/report-*.png.
"""

import io
import re
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Browser, Page, ViewportSize, expect

from erfolgskontrolle.models import Edition, Publication
from tests.browser.support import SEED, check_accessibility, reference_data_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORMATS = ["html", "pdf", "docx", "xlsx", "csv"]
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
PREFACE = "Die Länder haben zu den Forderungen der 19. IntMK berichtet."
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def seed_with_follow_up() -> None:
    """The seed, the demo accounts (password `<name>-demo-2024`) and the demo follow-up."""
    reference_data_create()
    call_command("import_niederschrift", str(SEED), stdout=io.StringIO())
    with override_settings(DEBUG=True):  # the demo commands refuse to run in production
        call_command("demo_accounts", stdout=io.StringIO())
        call_command("demo_followup", stdout=io.StringIO())


def new_page(
    browser: Browser, *, javascript: bool = True, viewport: ViewportSize = DESKTOP
) -> Page:
    context = browser.new_context(locale="de-DE", viewport=viewport, java_script_enabled=javascript)
    return context.new_page()


def log_in(page: Page, live_server, username: str) -> Page:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(f"{username}-demo-2024")
    page.get_by_role("button", name="Anmelden").click()
    expect(page).not_to_have_url(re.compile(r"/konto/anmelden/"))  # landed on the role's home
    return page


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name=name).click()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=f"/tmp/report-{name}.png", full_page=True)


def assert_no_sideways_scroll(page: Page) -> None:
    """The content (main) is no wider than its box; the header's navigation is base.html's."""
    widths = page.evaluate("[document.querySelector('main').scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def assert_file(page: Page, url: str, fmt: str) -> bytes:
    """Fetch with the page's cookies; the body must be what the format promises."""
    response = page.request.get(url)
    assert response.status == 200, (url, response.status)
    assert response.headers["content-type"] == CONTENT_TYPES[fmt], url
    body = response.body()
    if fmt == "pdf":
        assert body.startswith(b"%PDF-")
    elif fmt in ("docx", "xlsx"):
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        assert ("word/document.xml" if fmt == "docx" else "xl/workbook.xml") in names
    elif fmt == "html":
        assert b"Erfolgskontrolle der 19. IntMK" in body
    else:
        assert "TOP 3.3" in body.decode("utf-8-sig")
    return body


def download_links(page: Page) -> dict[str, str]:
    """The report's download links on the page, by the format at the end of their address."""
    links: dict[str, str] = {}
    for href in page.locator(".report-downloads a").evaluate_all("a => a.map(x => x.href)"):
        links[href.rsplit(".", 1)[1]] = href
    return links


def test_the_secretariat_freezes_and_publishes_a_reader_downloads_anonymous_reads(
    live_server, browser: Browser, seed_with_follow_up: None
) -> None:
    # The compiling secretariat finds the draft from the navigation.
    secretariat = log_in(new_page(browser), live_server, "sekretariat")
    nav(secretariat, "Erfolgskontrolle")
    expect(secretariat).to_have_url(live_server.url + "/erfolgskontrolle/")
    check_accessibility(secretariat, "report-index-rolle")
    shot(secretariat, "index-1280")
    secretariat.get_by_role("link", name="Entwurf der Erfolgskontrolle der 19. IntMK").click()
    expect(secretariat).to_have_url(live_server.url + "/erfolgskontrolle/19/")
    expect(secretariat.get_by_role("heading", level=1)).to_have_text(
        "Erfolgskontrolle der 19. IntMK"
    )
    expect(
        secretariat.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name="Erfolgskontrolle"
        )
    ).to_have_attribute("aria-current", "page")
    check_accessibility(secretariat, "report-entwurf")
    shot(secretariat, "draft-1280")

    # The preface.
    secretariat.get_by_role(
        "link", name="Vorbemerkung und Anmerkungen zu den Beschlüssen bearbeiten"
    ).click()
    expect(secretariat).to_have_url(live_server.url + "/erfolgskontrolle/19/bearbeiten/")
    check_accessibility(secretariat, "report-bearbeiten")
    shot(secretariat, "edit-1280")
    secretariat.get_by_label("Vorbemerkung").fill(PREFACE)
    secretariat.get_by_label("Anmerkung zu TOP 3.3").fill("Berlin berichtet für die Antragsteller.")
    secretariat.get_by_role("button", name="Speichern").click()
    expect(secretariat).to_have_url(live_server.url + "/erfolgskontrolle/19/")
    expect(secretariat.get_by_role("status")).to_contain_text("gespeichert")
    expect(secretariat.locator("#vorbemerkung + .report-text")).to_have_text(PREFACE)
    expect(secretariat.locator("#top-3-3 ~ .report-comment").first).to_contain_text(
        "Berlin berichtet für die Antragsteller."
    )

    # Freeze, then publish.
    secretariat.get_by_role("button", name="Ausgabe festschreiben").click()
    expect(secretariat).to_have_url(live_server.url + "/erfolgskontrolle/19/ausgaben/1/")
    expect(secretariat.get_by_role("status")).to_contain_text("Ausgabe 1 ist festgeschrieben")
    expect(secretariat.locator(".kern-preline")).to_contain_text("nicht veröffentlicht")
    expect(secretariat.locator("#vorbemerkung + .report-text")).to_have_text(PREFACE)
    check_accessibility(secretariat, "report-ausgabe-unveroeffentlicht")
    secretariat.get_by_role("button", name="Veröffentlichen").click()
    expect(secretariat.get_by_role("status")).to_contain_text("Ausgabe 1 ist veröffentlicht")
    expect(secretariat.locator(".kern-preline")).to_contain_text("veröffentlicht am")
    expect(secretariat.get_by_role("button", name="Veröffentlichen")).to_have_count(0)
    check_accessibility(secretariat, "report-ausgabe")
    shot(secretariat, "edition-1280")
    edition = Edition.objects.get(conference__number=19, number=1)
    assert edition.data["preface"] == PREFACE
    assert Publication.objects.get().edition == edition

    # A reader downloads every format of the draft and of the edition.
    reader = log_in(new_page(browser), live_server, "leser")
    reader.goto(live_server.url + "/erfolgskontrolle/19/")
    expect(reader.get_by_role("button", name="Ausgabe festschreiben")).to_have_count(0)
    draft_links = download_links(reader)
    assert sorted(draft_links) == sorted(FORMATS)
    with reader.expect_download() as download:
        reader.get_by_role("link", name="Entwurf als PDF").click()
    assert download.value.suggested_filename == "erfolgskontrolle-19-entwurf.pdf"
    for fmt, url in draft_links.items():
        assert_file(reader, url, fmt)
    reader.get_by_role("link", name="Ausgabe 1", exact=True).click()
    expect(reader).to_have_url(live_server.url + "/erfolgskontrolle/19/ausgaben/1/")
    edition_links = download_links(reader)
    assert sorted(edition_links) == sorted(FORMATS)
    for fmt, url in edition_links.items():
        body = assert_file(reader, url, fmt)
        stored = edition.files.get(format=fmt)
        assert body == bytes(stored.content)
        expect(reader.locator(".report-downloads")).to_contain_text(stored.sha256)

    # An anonymous visitor reads the published edition from the index, and nothing else.
    anonymous = new_page(browser)
    anonymous.goto(live_server.url + "/")
    nav(anonymous, "Erfolgskontrolle")
    expect(anonymous.get_by_role("link", name=re.compile("^Entwurf"))).to_have_count(0)
    check_accessibility(anonymous, "report-index-anonym")
    anonymous.get_by_role("link", name="Ausgabe 1 der Erfolgskontrolle der 19. IntMK").click()
    expect(anonymous).to_have_url(live_server.url + "/erfolgskontrolle/19/ausgaben/1/")
    expect(anonymous.locator("#vorbemerkung + .report-text")).to_have_text(PREFACE)
    check_accessibility(anonymous, "report-ausgabe-anonym")
    for fmt, url in download_links(anonymous).items():
        assert_file(anonymous, url, fmt)
    for path in ["/erfolgskontrolle/19/", "/erfolgskontrolle/19/entwurf.pdf"]:
        anonymous.goto(live_server.url + path)
        expect(anonymous).to_have_url(re.compile(r"/konto/anmelden/\?next="))

    # A second edition, frozen without JavaScript, stays hidden from anonymous visitors.
    no_js = log_in(new_page(browser, javascript=False), live_server, "sekretariat")
    no_js.goto(live_server.url + "/erfolgskontrolle/19/bearbeiten/")
    no_js.get_by_label("Vorbemerkung").fill(PREFACE + "\n\nErgänzt um die zweite Ausgabe.")
    no_js.get_by_role("button", name="Speichern").click()
    expect(no_js).to_have_url(live_server.url + "/erfolgskontrolle/19/")
    expect(no_js.locator(".report-text")).to_contain_text("Ergänzt um die zweite Ausgabe.")
    no_js.get_by_role("button", name="Ausgabe festschreiben").click()
    expect(no_js).to_have_url(live_server.url + "/erfolgskontrolle/19/ausgaben/2/")
    expect(no_js.get_by_role("heading", name="Unterschiede zur Ausgabe 1")).to_be_visible()
    expect(no_js.get_by_role("button", name="Veröffentlichen")).to_be_visible()
    for path in ["/erfolgskontrolle/19/ausgaben/2/", "/erfolgskontrolle/19/ausgaben/2/bericht.pdf"]:
        assert anonymous.request.get(live_server.url + path).status == 404
    anonymous.goto(live_server.url + "/erfolgskontrolle/")
    expect(anonymous.get_by_role("link", name=re.compile("^Ausgabe 2"))).to_have_count(0)

    # Publishing works without JavaScript too; then the visitor finds the second edition.
    no_js.get_by_role("button", name="Veröffentlichen").click()
    expect(no_js.locator(".kern-preline")).to_contain_text("veröffentlicht am")
    anonymous.reload()
    anonymous.get_by_role("link", name="Ausgabe 2 der Erfolgskontrolle der 19. IntMK").click()
    expect(anonymous.locator("#vorbemerkung + .report-text")).to_contain_text("zweite Ausgabe")
    assert Edition.objects.filter(conference__number=19).count() == 2
    assert Publication.objects.count() == 2


def test_the_report_pages_fit_a_phone(
    live_server, browser: Browser, seed_with_follow_up: None
) -> None:
    """At 390 px no report page scrolls sideways: wide tables scroll in their own region."""
    phone = log_in(new_page(browser, viewport=PHONE), live_server, "sekretariat")
    phone.goto(live_server.url + "/erfolgskontrolle/19/")
    phone.get_by_role("button", name="Ausgabe festschreiben").click()
    expect(phone).to_have_url(live_server.url + "/erfolgskontrolle/19/ausgaben/1/")
    pages = {
        "index": "/erfolgskontrolle/",
        "draft": "/erfolgskontrolle/19/",
        "edit": "/erfolgskontrolle/19/bearbeiten/",
        "edition": "/erfolgskontrolle/19/ausgaben/1/",
    }
    for name, path in pages.items():
        phone.goto(live_server.url + path)
        shot(phone, f"{name}-390")
        assert_no_sideways_scroll(phone)
        check_accessibility(phone, f"report-{name}-390")
    desktop = log_in(new_page(browser), live_server, "sekretariat")
    desktop.goto(live_server.url + "/erfolgskontrolle/19/ausgaben/1/")
    assert_no_sideways_scroll(desktop)
