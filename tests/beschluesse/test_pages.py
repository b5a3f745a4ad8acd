"""The public pages of the Beschlussregister, through the Django test client."""

import re

import pytest
from django.test import Client

from beschluesse.models import Kind, Level, Vote
from beschluesse.views import DEMANDS_PER_PAGE
from tests.conftest import client_for
from tests.factories import (
    make_agenda_item,
    make_clause,
    make_conference,
    make_demand,
    make_dissent_note,
    make_reference,
    make_resolution,
)

pytestmark = pytest.mark.django_db


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def make_conference_with_demands(*, number: int, resolutions: int = 3, demands: int = 2):  # type: ignore[no-untyped-def]
    conference = make_conference(number=number, year=2005 + number)
    for r in range(resolutions):
        item = make_agenda_item(
            conference=conference,
            top=f"3.{r + 1}",
            title=f"Thema {r + 1}",
            applicants=("DE-BE", "DE-HB", "DE-TH"),
            position=r,
        )
        resolution = make_resolution(
            conference=conference,
            top=f"3.{r + 1}",
            title=f"Thema {r + 1}",
            agenda_item=item,
            applicants=("DE-BE", "DE-HB", "DE-TH"),
        )
        make_dissent_note(resolution=resolution)
        make_reference(resolution=resolution)
        clause = make_clause(resolution=resolution, number="1")
        for d in range(demands):
            make_demand(clause=clause, addressee=f"Adressat {d}", wording=f"Forderung {d}")
    return conference


# Start page


def test_start_page_lists_conferences_with_place_chair_motto_and_counts(anonymous: Client):
    make_conference_with_demands(number=19, resolutions=2, demands=3)
    make_conference(number=18, year=2023, place="Wiesbaden", chair="DE-HE", motto="")

    html = html_of(anonymous.get("/"))

    assert "19. IntMK 2024" in html
    assert "Rostock-Warnemünde" in html
    assert "20.–21. März 2024" in html
    assert "Mecklenburg-Vorpommern" in html
    assert "„Miteinander wachsen“" in html
    assert re.search(r'numeric"[^>]*>2</td>\s*<td[^>]*numeric"[^>]*>6</td>', html)
    assert "18. IntMK 2023" in html and "Wiesbaden" in html
    assert html.index("19. IntMK") < html.index("18. IntMK")


def test_start_page_search_box_goes_to_the_demand_list(anonymous: Client):
    html = html_of(anonymous.get("/"))

    assert 'action="/forderungen/"' in html
    assert '<label class="kern-label" for="start-suche">' in html
    assert 'name="q"' in html


def test_base_template_is_german_accessible_and_sends_csrf_token_to_htmx(
    anonymous: Client, official_berlin
):
    html = html_of(anonymous.get("/"))

    assert '<html lang="de">' in html
    assert 'href="#inhalt"' in html and 'id="inhalt"' in html
    # Visitors send no forms through htmx: their pages carry no token and can be cached.
    assert "X-CSRFToken" not in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html_of(client_for(official_berlin).get("/"))
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "/static/vendor/kern/kern.min.css" in html
    assert "cdn" not in html.lower()


def test_start_page_query_count_does_not_grow_with_conferences(
    anonymous: Client, django_assert_max_num_queries
):
    for number in range(10, 20):
        make_conference_with_demands(number=number)

    with django_assert_max_num_queries(2):
        response = anonymous.get("/")

    assert html_of(response).count("IntMK 20") == 10


# Conference page


def agenda_item(conference, position: int, top: str, title: str, group: str, **kwargs):  # type: ignore[no-untyped-def]
    return make_agenda_item(
        conference=conference, position=position, top=top, title=title, group=group, **kwargs
    )


def test_conference_page_groups_agenda_items_under_top_headings(anonymous: Client):
    conference = make_conference(number=19)
    reports = "Grüne Liste, Berichte der AGs"
    agenda_item(conference, 0, "A", "Genehmigung der Tagesordnung", "", applicants=())
    agenda_item(conference, 1, "1", reports, reports, applicants=(), lead=None)
    agenda_item(conference, 2, "1.1", "Grüne Liste", reports)
    agenda_item(
        conference,
        3,
        "3",
        "Integration, Teilhabe",
        "Integration, Teilhabe",
        applicants=(),
        lead=None,
    )
    agenda_item(conference, 4, "3.3", "Teilhabe verbessern", "Integration, Teilhabe")

    html = html_of(anonymous.get("/konferenzen/19/"))

    heading = '<th scope="rowgroup" colspan="4" class="kern-table__header">'
    assert f"{heading}TOP 1 Grüne Liste, Berichte der AGs</th>" in html
    assert f"{heading}TOP 3 Integration, Teilhabe</th>" in html
    assert html.index("Genehmigung der Tagesordnung") < html.index("TOP 1 Grüne Liste")
    assert html.index("TOP 1 Grüne Liste") < html.index(">1.1<") < html.index("TOP 3 Integ")
    assert html.index("TOP 3 Integration") < html.index("Teilhabe verbessern")
    assert 'agenda__top">1</th>' not in html


def test_group_heading_labels_the_rows_of_its_tbody_not_columns(anonymous: Client):
    conference = make_conference(number=19)
    agenda_item(conference, 0, "3", "Integration", "Integration", applicants=(), lead=None)
    agenda_item(conference, 1, "3.3", "Teilhabe verbessern", "Integration")

    html = html_of(anonymous.get("/konferenzen/19/"))

    assert re.search(
        r'<tbody[^>]*>\s*<tr[^>]*>\s*<th scope="rowgroup"[^>]*>TOP 3 Integration<', html
    )
    assert 'scope="colgroup"' not in html


def test_group_item_with_a_resolution_keeps_its_row_under_the_heading(anonymous: Client):
    conference = make_conference(number=19)
    title = "Leitantrag: Miteinander wachsen"
    item = agenda_item(conference, 0, "2", title, title, applicants=("DE-MV",), lead="DE-MV")
    make_resolution(conference=conference, top="2", title=title, agenda_item=item)

    html = html_of(anonymous.get("/konferenzen/19/"))

    assert "TOP 2 Leitantrag: Miteinander wachsen</th>" in html
    assert 'agenda__top">2</th>' in html
    assert 'href="/konferenzen/19/top/2/"' in html


def test_group_without_items_is_a_plain_row_without_resolution(anonymous: Client):
    conference = make_conference(number=19)
    agenda_item(conference, 0, "9", "Sonstiges", "Sonstiges", applicants=(), lead=None)

    html = html_of(anonymous.get("/konferenzen/19/"))

    assert 'agenda__top">9</th>' in html
    assert "TOP 9 Sonstiges</th>" not in html
    assert "ohne Beschluss" in html


def test_conference_page_marks_the_lead_applicant(anonymous: Client):
    conference = make_conference(number=19)
    make_agenda_item(conference=conference, applicants=("DE-BE", "DE-HB"), lead="DE-BE")

    html = html_of(anonymous.get("/konferenzen/19/"))

    assert "<strong>Berlin</strong> (federführend), Bremen" in html


def test_conference_page_shows_consent_list_vote_and_dissent_as_words(anonymous: Client):
    conference = make_conference(number=19)
    item = make_agenda_item(conference=conference, top="3.7", consent_list=True)
    resolution = make_resolution(
        conference=conference, top="3.7", agenda_item=item, vote=Vote.MAJORITY
    )
    make_dissent_note(resolution=resolution, land_code="DE-BY")

    html = html_of(anonymous.get("/konferenzen/19/"))

    assert '<span class="kern-label">Grüne Liste</span>' in html
    assert '<span class="kern-label">mehrheitlich</span>' in html
    assert '<span class="kern-label">Protokollnotiz</span>' in html
    assert 'href="/konferenzen/19/top/3.7/"' in html


def test_agenda_item_without_resolution_says_ohne_beschluss(anonymous: Client):
    conference = make_conference(number=19)
    make_agenda_item(conference=conference, top="8", title="Kamingespräch", group="")

    html = html_of(anonymous.get("/konferenzen/19/"))

    assert "Kamingespräch" in html
    assert "ohne Beschluss" in html
    assert "/top/8/" not in html


def test_unknown_conference_is_not_found(anonymous: Client):
    make_conference(number=19)

    assert anonymous.get("/konferenzen/99/").status_code == 404


def test_conference_page_query_count_does_not_grow_with_agenda(
    anonymous: Client, django_assert_max_num_queries
):
    make_conference_with_demands(number=19, resolutions=12)

    with django_assert_max_num_queries(5):
        response = anonymous.get("/konferenzen/19/")

    assert html_of(response).count("Beschluss<span") == 12


# Resolution page


@pytest.fixture
def resolution_33(conference_19):  # type: ignore[no-untyped-def]
    item = make_agenda_item(conference=conference_19, top="3.3")
    return make_resolution(
        conference=conference_19,
        top="3.3",
        title="Teilhabe von Neuzugewanderten mit Behinderung verbessern",
        agenda_item=item,
        vote=Vote.UNANIMOUS,
        applicants=("DE-BE", "DE-HB"),
        lead="DE-BE",
    )


def test_resolution_page_reads_like_the_minutes(anonymous: Client, resolution_33):
    make_clause(resolution=resolution_33, number="1", line_from=1, line_to=10)

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert "TOP 3.3</span> Teilhabe von Neuzugewanderten mit Behinderung verbessern" in html
    assert "19. Integrationsministerkonferenz 2024" in html
    assert "<strong>Berlin</strong> (federführend), Bremen" in html
    assert "Die IntMK hat einstimmig beschlossen:" in html


def test_resolution_page_shows_rapporteur_of_an_oral_report(anonymous: Client, conference_19):
    make_resolution(
        conference=conference_19,
        top="B",
        title="Berichte des Bundes",
        vote="",
        applicants=(),
        lead=None,
        rapporteur="DE-MV",
    )

    html = html_of(anonymous.get("/konferenzen/19/top/B/"))

    assert "Berichterstatter" in html and "Mecklenburg-Vorpommern" in html
    assert "beschlossen:" not in html


def test_clause_has_anchor_line_numbers_number_and_kind(anonymous: Client, resolution_33):
    make_clause(
        resolution=resolution_33, number="3", line_from=12, line_to=20, kind=Kind.PRUEFBITTE
    )

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert 'id="ziffer-3"' in html
    assert '<span class="kern-sr-only">Zeilen </span>12–20' in html
    assert '<span class="kern-sr-only">Ziffer </span>3.' in html
    assert "Prüfbitte" in html


def test_unnumbered_paragraph_without_lines_gets_a_paragraph_anchor(
    anonymous: Client, resolution_33
):
    make_clause(resolution=resolution_33, number="", position=3)

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert 'id="absatz-4"' in html
    assert "Zeilen </span>" not in html


def test_clause_text_keeps_line_breaks_and_escapes_html(anonymous: Client, resolution_33):
    make_clause(resolution=resolution_33, text="Erste Zeile\n<script>alert(1)</script>")

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert "Erste Zeile<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_demands_of_a_clause_are_highlighted_with_addressee_level_and_kind(
    anonymous: Client, resolution_33
):
    clause = make_clause(
        resolution=resolution_33,
        text="Die IntMK bittet den Bund, die Sprachmittlung zu prüfen. Sie begrüßt das.",
        kind=Kind.PRUEFBITTE,
    )
    make_demand(
        clause=clause,
        addressee="BMG",
        level=Level.BUND,
        kind=Kind.PRUEFBITTE,
        wording="bittet den Bund, die Sprachmittlung zu prüfen",
    )

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert (
        '<mark class="forderung-text">bittet den Bund, die Sprachmittlung zu prüfen</mark>' in html
    )
    assert "Prüfbitte</span> an <strong>BMG</strong>" in html
    assert "(Ebene: Bund)" in html


def test_one_sentence_to_two_addressees_is_one_box_naming_both(anonymous: Client, resolution_33):
    wording = "Bund und Länder werden aufgefordert zu prüfen"
    clause = make_clause(resolution=resolution_33, text=f"{wording}, wie es besser geht.")
    make_demand(clause=clause, addressee="Bund", level=Level.BUND, wording=wording)
    make_demand(clause=clause, addressee="Länder", level=Level.LAND, wording=wording)

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert html.count('class="demand"') == 1
    assert "an <strong>Bund</strong>" in html and "an <strong>Länder</strong>" in html
    assert html.count(wording) == 1  # marked in the text, not repeated in the box


def test_demand_wording_not_found_in_the_text_is_shown_in_the_box(anonymous: Client, resolution_33):
    clause = make_clause(
        resolution=resolution_33, text="Die IntMK fordert den Bund auf, zu han-\ndeln."
    )
    make_demand(clause=clause, wording="fordert den Bund auf, zu handeln")

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert "Wortlaut: „fordert den Bund auf, zu handeln“" in html
    assert "forderung-text" not in html


def test_dissent_notes_follow_the_text_with_their_lines(anonymous: Client, resolution_33):
    make_dissent_note(
        resolution=resolution_33,
        land_code="DE-BY",
        line_from=317,
        line_to=346,
        text="Bayern lehnt Ziffer 2 ab.",
    )

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert "Protokollnotiz Bayern" in html
    assert "317–346" in html
    assert "Bayern lehnt Ziffer 2 ab." in html


def test_reference_links_to_an_imported_resolution(anonymous: Client, resolution_33):
    earlier = make_resolution(conference=make_conference(number=18, year=2023), top="2.3")
    make_reference(
        resolution=resolution_33, conference_number=18, top="2.3", target=earlier, clause_number="4"
    )

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert 'href="/konferenzen/18/top/2.3/#ziffer-4"' in html
    assert "Beschluss der 18. IntMK (TOP 2.3 Ziffer 4)" in html


def test_reference_to_a_missing_resolution_is_plain_text(anonymous: Client, resolution_33):
    make_reference(resolution=resolution_33, conference_number=16, top="4.1", target=None)

    html = html_of(anonymous.get("/konferenzen/19/top/3.3/"))

    assert 'Beschluss der 16. IntMK (TOP 4.1) <span class="muted">– noch nicht importiert' in html
    assert "/konferenzen/16/" not in html


@pytest.mark.parametrize("top", ["2.9b", "A", "A3", "1.10"])
def test_tops_with_letters_and_dots_have_their_own_page(anonymous: Client, conference_19, top):
    make_resolution(conference=conference_19, top=top, title=f"Titel {top}")

    response = anonymous.get(f"/konferenzen/19/top/{top}/")

    assert response.status_code == 200
    assert f"Titel {top}" in html_of(response)


def test_unknown_top_is_not_found(anonymous: Client, resolution_33):
    assert anonymous.get("/konferenzen/19/top/3.4/").status_code == 404
    assert anonymous.get("/konferenzen/18/top/3.3/").status_code == 404


def test_resolution_page_query_count_does_not_grow_with_clauses(
    anonymous: Client, resolution_33, django_assert_max_num_queries
):
    for n in range(1, 16):
        clause = make_clause(resolution=resolution_33, number=str(n))
        make_demand(clause=clause, wording=f"Forderung {n}")
        make_demand(clause=clause, wording=f"Bitte {n}", kind=Kind.BITTE)
        make_dissent_note(resolution=resolution_33, position=n)
        earlier = make_resolution(conference=make_conference(number=n, year=2000 + n), top="1")
        make_reference(
            resolution=resolution_33, conference_number=n, top="1", target=earlier, position=n
        )

    # 6 for the register, 1 for the published state, 1 for the data version (page cache)
    with django_assert_max_num_queries(8):
        response = anonymous.get("/konferenzen/19/top/3.3/")

    assert html_of(response).count('class="demand"') == 30


# Demand list


def make_demand_in(
    *,
    conference,
    top: str,
    addressee: str = "Bund",
    level: str = Level.BUND,
    kind: str = Kind.FORDERUNG,
    text: str = "Die IntMK fordert den Bund auf, zu handeln.",
    wording: str = "fordert den Bund auf, zu handeln",
    group: str = "Integration, Teilhabe und gesellschaftlicher Zusammenhalt",
    applicants=("DE-BE",),
    lead: str = "DE-BE",
    vote: str = Vote.UNANIMOUS,
    consent_list: bool = False,
):  # type: ignore[no-untyped-def]
    item = make_agenda_item(
        conference=conference,
        top=top,
        group=group,
        applicants=applicants,
        lead=lead,
        consent_list=consent_list,
    )
    resolution = make_resolution(
        conference=conference,
        top=top,
        agenda_item=item,
        vote=vote,
        consent_list=consent_list,
        applicants=applicants,
        lead=lead,
    )
    clause = make_clause(resolution=resolution, text=text, kind=kind)
    return make_demand(clause=clause, addressee=addressee, level=level, kind=kind, wording=wording)


def test_demand_list_shows_every_demand_with_its_source_and_count(anonymous: Client):
    conference = make_conference(number=19)
    make_demand_in(conference=conference, top="3.3", addressee="BMAS", wording="soll handeln")
    make_demand_in(conference=conference, top="4.1", addressee="BAMF", wording="soll prüfen")

    html = html_of(anonymous.get("/forderungen/"))

    assert "2 Forderungen gefunden" in html
    assert 'href="/konferenzen/19/top/3.3/#ziffer-1"' in html
    assert "19. IntMK, TOP 3.3, Ziffer 1" in html
    assert "BMAS" in html and "BAMF" in html


@pytest.mark.parametrize(
    ("param", "wanted", "unwanted"),
    [
        ("konferenz=18", {"conference": 18}, {"conference": 19}),
        ("gruppe=Sprachförderung", {"group": "Sprachförderung"}, {}),
        ("antragsteller=DE-HB", {"applicants": ("DE-HB", "DE-BE")}, {}),
        ("federfuehrend=DE-NW", {"lead": "DE-NW", "applicants": ("DE-NW",)}, {}),
        ("art=pruefbitte", {"kind": Kind.PRUEFBITTE}, {"kind": Kind.FORDERUNG}),
        ("adressat=BAMF", {"addressee": "BAMF"}, {"addressee": "Bund"}),
        ("ebene=kommune", {"level": Level.KOMMUNE}, {}),
        ("abstimmung=mehrheitlich", {"vote": Vote.MAJORITY}, {}),
        ("gruene_liste=true", {"consent_list": True}, {}),
    ],
)
def test_each_filter_narrows_the_demand_list(anonymous: Client, param, wanted, unwanted):
    conferences = {n: make_conference(number=n, year=2005 + n) for n in (18, 19)}
    wanted = {"conference": 19, **wanted}
    unwanted = {"conference": 19, **unwanted}
    make_demand_in(
        conference=conferences[wanted.pop("conference")],
        top="1",
        wording="die gesuchte Forderung",
        **wanted,
    )
    make_demand_in(
        conference=conferences[unwanted.pop("conference")],
        top="2",
        wording="eine andere Forderung",
        **unwanted,
    )

    html = html_of(anonymous.get(f"/forderungen/?{param}"))

    assert "1 Forderung gefunden" in html
    assert "die gesuchte Forderung" in html
    assert "eine andere Forderung" not in html


def test_filter_choices_offer_the_addressees_that_exist(anonymous: Client):
    conference = make_conference(number=19)
    make_demand_in(conference=conference, top="1", addressee="BAMF")
    make_demand_in(conference=conference, top="2", addressee="Bundesregierung")

    html = html_of(anonymous.get("/forderungen/"))

    assert '<option value="BAMF">BAMF</option>' in html
    assert '<option value="Bundesregierung">Bundesregierung</option>' in html


def test_unknown_filter_value_is_reported_not_crashing(anonymous: Client):
    make_demand_in(conference=make_conference(number=19), top="1")

    response = anonymous.get("/forderungen/?art=erfunden")

    assert response.status_code == 200
    assert 'class="kern-error"' in html_of(response)


def test_search_finds_german_word_forms_and_ranks_the_better_match_first(anonymous: Client):
    conference = make_conference(number=19)
    make_demand_in(
        conference=conference,
        top="1",
        wording="einmal erwähnt",
        text="Die IntMK fordert Sprachmittlung bei Behörden.",
    )
    make_demand_in(
        conference=conference,
        top="2",
        wording="oft erwähnt",
        text="Sprachmittlung im Gesundheitswesen: Die IntMK fordert, die "
        "Sprachmittlung zu finanzieren; Sprachmittlungen sind Leistungen.",
    )
    make_demand_in(
        conference=conference,
        top="3",
        wording="nicht erwähnt",
        text="Die IntMK fordert mehr Integrationskurse.",
    )

    html = html_of(anonymous.get("/forderungen/?q=Sprachmittlung"))

    assert "2 Forderungen gefunden, nach Relevanz geordnet" in html
    assert "nicht erwähnt" not in html
    assert html.index("oft erwähnt") < html.index("einmal erwähnt")


def test_search_highlights_matching_words(anonymous: Client):
    make_demand_in(
        conference=make_conference(number=19),
        top="8.2",
        text="Die IntMK bittet den Bund, die Sprachmittlung zu regeln.",
        wording="bittet den Bund, die Sprachmittlung zu regeln",
    )

    html = html_of(anonymous.get("/forderungen/?q=sprachmittlung"))

    assert "bittet den Bund, die <mark>Sprachmittlung</mark> zu regeln" in html


def test_search_shows_the_match_in_the_clause_when_the_wording_lacks_it(anonymous: Client):
    make_demand_in(
        conference=make_conference(number=19),
        top="8.2",
        text="Zur Sprachmittlung: Die IntMK bittet den Bund zu handeln.",
        wording="bittet den Bund zu handeln",
    )

    html = html_of(anonymous.get("/forderungen/?q=Sprachmittlung"))

    assert "Treffer im Beschlusstext:" in html
    assert "<mark>Sprachmittlung</mark>" in html


def test_search_escapes_html_in_the_text_around_the_highlight(anonymous: Client):
    make_demand_in(
        conference=make_conference(number=19),
        top="1",
        text="<b>Sprachmittlung</b> <script>alert(1)</script> <mark>x</mark>",
        wording="<img src=x onerror=alert(1)> Sprachmittlung",
    )

    html = html_of(anonymous.get("/forderungen/?q=Sprachmittlung"))

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>Sprachmittlung</mark>" in html


def test_blank_search_lists_everything_in_the_usual_order(anonymous: Client):
    make_demand_in(conference=make_conference(number=19), top="1", wording="gesuchte Forderung")

    html = html_of(anonymous.get("/forderungen/?q=+++"))

    assert "1 Forderung gefunden</h2>" in html
    assert "Treffer im Beschlusstext" not in html


def test_htmx_request_gets_only_the_results(anonymous: Client):
    make_demand_in(conference=make_conference(number=19), top="1", wording="gesuchte Forderung")

    response = anonymous.get("/forderungen/?art=forderung", HTTP_HX_REQUEST="true")

    html = html_of(response)
    assert "gesuchte Forderung" in html
    assert "1 Forderung gefunden" in html
    assert "<html" not in html
    assert "<form" not in html


def test_htmx_history_restore_gets_the_whole_page(anonymous: Client):
    # htmx 2 (historyRestoreAsHxRequest) sends HX-Request with a history-cache miss after Back.
    make_demand_in(conference=make_conference(number=19), top="1", wording="gesuchte Forderung")

    response = anonymous.get(
        "/forderungen/?art=forderung",
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )

    html = html_of(response)
    assert "<html" in html
    assert "<form" in html
    assert "gesuchte Forderung" in html
    assert "hx-swap-oob" not in html


def test_demand_list_varies_on_the_htmx_headers(anonymous: Client):
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = anonymous.get("/forderungen/", **headers)

        vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
        assert {"hx-request", "hx-history-restore-request"} <= vary


def test_full_page_has_a_live_region_with_the_count_outside_the_results(anonymous: Client):
    conference = make_conference(number=19)
    for top in ("1", "2"):
        make_demand_in(conference=conference, top=top)

    html = html_of(anonymous.get("/forderungen/"))

    status = re.search(r'<p id="ergebnis-status"[^>]*>([^<]*)</p>', html)
    assert status is not None
    assert 'role="status"' in status.group(0) and 'aria-live="polite"' in status.group(0)
    assert 'class="kern-sr-only"' in status.group(0)
    assert "hx-swap-oob" not in status.group(0)
    assert status.group(1) == "2 Forderungen gefunden"
    assert html.index('id="ergebnis-status"') < html.index('id="ergebnisse"')


def test_htmx_response_updates_the_live_region_out_of_band(anonymous: Client):
    conference = make_conference(number=19)
    for top in ("1", "2", "3"):
        make_demand_in(conference=conference, top=top, kind=Kind.FORDERUNG)
    make_demand_in(conference=conference, top="4", kind=Kind.BITTE)

    html = html_of(anonymous.get("/forderungen/?art=forderung", HTTP_HX_REQUEST="true"))

    # innerHTML keeps the live region node itself, so that screen readers announce the change.
    assert (
        '<p id="ergebnis-status" class="kern-sr-only" role="status" aria-live="polite"'
        ' hx-swap-oob="innerHTML">3 Forderungen gefunden</p>'
    ) in html


def test_filter_form_works_without_and_with_htmx(anonymous: Client):
    html = html_of(anonymous.get("/forderungen/"))

    assert '<form method="get" action="/forderungen/"' in html
    assert 'hx-get="/forderungen/"' in html
    assert 'hx-target="#ergebnisse"' in html
    assert 'hx-push-url="true"' in html
    # Only the selects trigger on change (static/js/app.js raises "auswahl-geaendert" for them,
    # since an htmx trigger filter is code the Content-Security-Policy refuses): the search box
    # has its own triggers, and its change event on blur would send the search a second time.
    assert 'hx-trigger="auswahl-geaendert, submit,' in html
    assert "input changed delay:500ms from:#id_q, search from:#id_q" in html
    assert '<label class="kern-label" for="id_adressat">Adressat</label>' in html


def test_page_links_keep_the_filters(anonymous: Client):
    conference = make_conference(number=19)
    resolution = make_resolution(conference=conference, top="1")
    clause = make_clause(resolution=resolution)
    for n in range(55):
        make_demand(clause=clause, addressee="BAMF", wording=f"Forderung Nr. {n}")

    html = html_of(anonymous.get("/forderungen/?adressat=BAMF"))

    assert "55 Forderungen gefunden" in html
    assert 'href="?adressat=BAMF&amp;seite=2"' in html
    third = html_of(anonymous.get("/forderungen/?adressat=BAMF&seite=3"))
    assert third.count("Forderung Nr.") == 55 - 2 * DEMANDS_PER_PAGE


def test_api_answers_head_like_get(anonymous: Client):
    make_conference(number=19)

    response = anonymous.head("/api/konferenzen/19.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == b""


def test_api_refuses_post(anonymous: Client):
    make_conference(number=19)

    assert anonymous.post("/api/konferenzen/19.json").status_code == 405


def test_demand_list_query_count_does_not_grow_with_demands(
    anonymous: Client, django_assert_max_num_queries
):
    for number in range(15, 20):
        make_conference_with_demands(number=number, resolutions=3, demands=2)

    with django_assert_max_num_queries(7):  # with the data version of the page cache
        response = anonymous.get("/forderungen/?q=Teilhabe")

    assert "30 Forderungen gefunden" in html_of(response)
