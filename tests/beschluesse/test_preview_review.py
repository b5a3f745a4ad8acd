"""What an official sees on the pages of a year's minutes (the review at 1280 and 390 px):
a refused correction in the import preview shows its errors at the fields, keeps what was typed
and links the summary to the field; the source text comes before the TOPs; the curation page
has a heading per part; a demand of a group says which addressee its chain belongs to."""

import re

import pytest
from django.test import Client

from beschluesse.models import Demand, Kind
from beschluesse.pending.models import PendingImport
from intmk.models import User
from tests.beschluesse.test_import_upload import UPLOAD, clause_with_demands
from tests.beschluesse.test_import_upload import admin as admin  # noqa: F401 (fixture)
from tests.beschluesse.test_import_upload import uploaded as uploaded  # noqa: F401 (fixture)
from tests.conftest import client_for
from tests.erfolgskontrolle.test_chains_shown import make_chain
from tests.factories import make_clause, make_conference, make_demand, make_resolution

pytestmark = pytest.mark.django_db


def tag(page: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    found = re.search(rf'<[a-z]+ [^>]*id="{re.escape(element_id)}"[^>]*>', page)
    assert found, f"no element #{element_id}"
    return found.group(0)


def details_around(page: str, element_id: str) -> str:
    """The opening tag of the last <details> before the element: the one it sits in."""
    before = page[: page.index(f'id="{element_id}"')]
    return before[before.rindex("<details") :].split(">", 1)[0]


def test_a_refused_top_correction_stands_at_its_fields_with_what_was_typed(
    admin: Client,  # noqa: F811
    uploaded: PendingImport,  # noqa: F811
) -> None:
    response = admin.post(
        f"{UPLOAD}{uploaded.pk}/top/3.3/",
        {"version": 0, "title": "", "applicants": ["DE-BE", "DE-HB"], "lead": "DE-BY"},
    )
    page = response.content.decode()

    assert response.status_code == 400
    summary = page.split('id="fehler"')[1].split("</ul>")[0]
    assert (
        '<a class="kern-link" href="#top-3-3-title">Titel</a>: '
        "Bitte geben Sie den Titel des Beschlusses an." in summary
    )
    assert 'href="#top-3-3-lead">Federführend</a>: Federführend kann nur ein Land' in summary
    assert 'aria-invalid="true"' in tag(page, "top-3-3-title")
    assert 'aria-describedby="top-3-3-lead-hinweis top-3-3-lead-fehler"' in tag(
        page, "top-3-3-lead"
    )
    error = page.split('id="top-3-3-lead-fehler"')[1].split("</div>")[0]
    assert (
        "Federführend kann nur ein Land sein, das unter den Antragstellern angekreuzt ist." in error
    )
    assert " open" in details_around(page, "top-3-3-title")
    assert 'value=""' in tag(page, "top-3-3-title")  # what was sent, not the parsed title
    assert "checked" in tag(page, "top-3-3-DE-HB")
    assert '<option value="DE-BY" selected>' in page.split('id="top-3-3-lead"')[1]
    # the other TOPs' forms stay as they were: closed, without errors
    assert " open" not in details_around(page, "top-3-2-title")
    assert 'aria-invalid="true"' not in tag(page, "top-3-2-title")


def test_a_refused_new_demand_opens_its_form_with_the_errors_at_the_fields(
    admin: Client,  # noqa: F811
    uploaded: PendingImport,  # noqa: F811
) -> None:
    clause, _ = clause_with_demands(uploaded, "3.3")
    prefix = f"top-3-3-z{clause + 1}-neu"
    response = admin.post(
        f"{UPLOAD}{uploaded.pk}/top/3.3/ziffer/{clause}/forderung/neu/",
        {"version": 0, "wording": "Der Bund soll handeln.", "kind": "bitte", "addressee": ""},
    )
    page = response.content.decode()

    assert response.status_code == 400
    assert " open" in details_around(page, f"{prefix}-wording")
    assert 'aria-invalid="true"' in tag(page, f"{prefix}-addressee")
    assert f'id="{prefix}-addressee-fehler"' in page
    assert f'href="#{prefix}-addressee">Adressat</a>' in page
    assert "Der Bund soll handeln.</textarea>" in page
    assert '<option value="bitte" selected>' in page.split(f'id="{prefix}-kind"')[1]
    # the forms of the clause's existing demands stay closed
    assert " open" not in details_around(page, f"top-3-3-z{clause + 1}-f1-kind")


def test_a_refused_demand_correction_opens_that_demand_only(
    admin: Client,  # noqa: F811
    uploaded: PendingImport,  # noqa: F811
) -> None:
    clause, _ = clause_with_demands(uploaded, "3.3")
    prefix = f"top-3-3-z{clause + 1}-f1"
    response = admin.post(
        f"{UPLOAD}{uploaded.pk}/top/3.3/ziffer/{clause}/forderung/0/",
        {"version": 0, "kind": "forderung", "addressee": "", "level": "bund"},
    )
    page = response.content.decode()

    assert response.status_code == 400
    assert " open" in details_around(page, f"{prefix}-addressee")
    assert 'aria-invalid="true"' in tag(page, f"{prefix}-addressee")
    assert f'id="{prefix}-addressee-fehler"' in page


def test_the_source_text_comes_before_the_tops_in_the_page(
    admin: Client,  # noqa: F811
    uploaded: PendingImport,  # noqa: F811
) -> None:
    page = admin.get(f"{UPLOAD}{uploaded.pk}/").content.decode()

    layout = page.split('class="import-layout"')[1]
    assert layout.index("import-layout__source") < layout.index("import-layout__main")
    assert 'aria-labelledby="quelltext-titel"' in layout
    assert '<th scope="row" class="kern-table__header" data-label="TOP">' in page
    assert "Vorschau verwerfen" in page


def test_each_warning_of_the_parser_links_to_its_top(
    admin: Client,  # noqa: F811
    uploaded: PendingImport,  # noqa: F811
) -> None:
    page = admin.get(f"{UPLOAD}{uploaded.pk}/").content.decode()

    warnings = page.split('class="plain-list import-warnings"')[1].split("</ul>")[0]
    item = next(li for li in warnings.split("<li>") if li.startswith("TOP 3.7: Die Antragsteller"))
    assert '<a class="kern-link" href="#top-3-7">zu TOP 3.7</a>' in item
    assert 'id="top-3-7"' in page


def test_the_curation_page_has_a_heading_per_part(secretariat: User) -> None:
    conference = make_conference(number=19)
    resolution = make_resolution(conference=conference, top="3.3")
    make_clause(resolution=resolution, number="1", kind=Kind.FORDERUNG)
    make_clause(resolution=resolution, number="2", kind=Kind.FORDERUNG)
    client = client_for(secretariat)

    page = client.get("/konferenzen/19/top/3.3/bearbeiten/").content.decode()
    queue = client.get("/verwaltung/pruefen/19/").content.decode()

    headings = re.findall(r'<h2 class="curation-form__heading">([^<]+)</h2>', page)
    assert headings == ["Beschluss", "Ziffer 1", "Ziffer 2"]
    assert '<th scope="row" class="kern-table__header" data-label="TOP">3.3</th>' in queue


def test_a_grouped_demand_says_whose_chain_it_is(reader: User) -> None:
    resolution = make_resolution(conference=make_conference(number=19), top="3.3")
    clause = make_clause(resolution=resolution, number="1", kind=Kind.FORDERUNG)
    bund = make_demand(clause=clause, wording="fordert Bund und Länder auf", addressee="Bund")
    make_demand(clause=clause, wording="fordert Bund und Länder auf", addressee="Länder")
    make_chain(later=bund)
    assert Demand.objects.filter(repeats__isnull=False).count() == 2

    html = client_for(reader).get("/konferenzen/19/top/3.3/").content.decode()
    single = client_for(reader).get(f"/forderungen/{bund.pk}/").content.decode()

    assert html.count("Forderung an Bund: wiederholt die Forderung der") == 2
    assert "Forderung an Länder: wiederholt" not in html
    assert "Wiederholt die Forderung der" in single  # alone on its own page: no prefix
