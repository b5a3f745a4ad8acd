"""The demand page and recording a progress entry, through HTTP.

TOP 3.3 of the 19th IntMK is led by Berlin, with Bremen as co-applicant; the secretariat is
Mecklenburg-Vorpommern's for 2024. Bayern is neither lead nor applicant.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beschluesse.models import Demand
from erfolgskontrolle.models import Implementation, ProgressEntry, Source, Stance
from erfolgskontrolle.views.entries import TIMELINE_SHOWN
from intmk.models import RoleKind, User
from tests.conftest import client_for
from tests.factories import (
    make_clause,
    make_conference,
    make_demand,
    make_entry,
    make_resolution,
    make_user,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def demand() -> Demand:
    conference = make_conference(number=19, year=2024, chair="DE-MV")
    resolution = make_resolution(conference=conference, applicants=("DE-BE", "DE-HB"), lead="DE-BE")
    clause = make_clause(resolution=resolution, number="2", kind="forderung")
    return make_demand(
        clause=clause, addressee="Bund", wording="fordert den Bund auf, Sprachmittlung zu regeln"
    )


def entry_url(demand: Demand) -> str:
    return f"/forderungen/{demand.pk}/sachstand/"


def section_url(demand: Demand) -> str:
    """Where the demand page's form posts (htmx swaps the region #sachstand)."""
    return f"/forderungen/{demand.pk}/sachstand/abschnitt/"


def page_url(demand: Demand) -> str:
    return f"/forderungen/{demand.pk}/"


def entry_data(
    *,
    land: str = "DE-BE",
    stance: str = "zugestimmt",
    implementation: str = "in Umsetzung",
    text: str = "Der Bund hat einen Referentenentwurf vorgelegt.",
    fact_date: str = "2024-10-01",
    seen: ProgressEntry | None = None,
    **extra: str,
) -> dict[str, str]:
    return {
        "land": land,
        "fact_date": fact_date,
        "stance": str(Stance.objects.get(name=stance).pk),
        "implementation": str(Implementation.objects.get(name=implementation).pk),
        "text": text,
        "gesehen": str(seen.pk) if seen else "",
        **extra,
    }


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def current_state_of(html: str) -> str:
    """The "Aktueller Stand" section of the demand page."""
    match = re.search(r'<section class="current-state".*?</section>', html, flags=re.DOTALL)
    assert match, "no current state section"
    return match.group(0)


def timeline_entry(html: str, entry: ProgressEntry) -> str:
    match = re.search(rf'<li [^>]*id="eintrag-{entry.pk}">.*?</li>\s*(?=<li |</ol>)', html, re.S)
    assert match, f"entry {entry.pk} not in the timeline"
    return match.group(0)


# Recording: who may speak for which Land -------------------------------------------------


def test_official_records_entry_for_own_land(demand: Demand, official_berlin: User) -> None:
    response = client_for(official_berlin).post(entry_url(demand), entry_data())

    entry = ProgressEntry.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"/forderungen/{demand.pk}/#eintrag-{entry.pk}"
    assert entry.author == official_berlin
    assert entry.land.code == "DE-BE"
    assert entry.on_behalf is False
    assert entry.source == Source.FORM
    assert entry.fact_date == datetime.date(2024, 10, 1)
    assert entry.implementation.name == "in Umsetzung"
    assert entry.stance.name == "zugestimmt"


def test_it_shows_a_success_message_after_the_redirect(
    demand: Demand, official_berlin: User
) -> None:
    client = client_for(official_berlin)

    response = client.post(entry_url(demand), entry_data(), follow=True)

    assert "Sachstand für Berlin gespeichert." in html_of(response)


def test_it_refuses_entry_for_other_land(demand: Demand, official_berlin: User) -> None:
    response = client_for(official_berlin).post(entry_url(demand), entry_data(land="DE-BY"))

    assert response.status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_it_refuses_land_outside_the_offered_choices_even_for_the_lead_demand(
    demand: Demand, official_bayern: User
) -> None:
    response = client_for(official_bayern).post(entry_url(demand), entry_data(land="DE-BE"))

    assert response.status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_bayern_entry_on_berlin_led_demand_is_a_contribution(
    demand: Demand, official_berlin: User, official_bayern: User
) -> None:
    berlin = make_entry(demand=demand, author=official_berlin, implementation="in Umsetzung")
    response = client_for(official_bayern).post(
        entry_url(demand), entry_data(land="DE-BY", implementation="umgesetzt", seen=berlin)
    )
    assert response.status_code == 303
    bayern = ProgressEntry.objects.get(land__code="DE-BY")

    html = html_of(client_for(official_berlin).get(page_url(demand)))

    assert "Beitrag Bayern" in timeline_entry(html, bayern)
    assert "Bewertung (federführend): Berlin" in timeline_entry(html, berlin)
    state = current_state_of(html)
    assert "in Umsetzung" in state
    assert "umgesetzt" not in state.replace("in Umsetzung", "")


def test_secretariat_records_on_behalf_of_berlin(
    demand: Demand, secretariat: User, official_berlin: User
) -> None:
    response = client_for(secretariat).post(entry_url(demand), entry_data(land="DE-BE"))

    entry = ProgressEntry.objects.get()
    assert response.status_code == 303
    assert entry.on_behalf is True
    assert entry.author == secretariat
    html = html_of(client_for(official_berlin).get(page_url(demand)))
    item = timeline_entry(html, entry)
    assert "im Auftrag erfasst" in item
    assert "Sina Sekretariat" in item
    assert "Bewertung (federführend): Berlin" in item


def test_secretariat_of_another_year_may_not_record(demand: Demand) -> None:
    other = make_user(username="sekretariat2023", roles=[(RoleKind.SECRETARIAT, "DE-HE", 2023)])

    assert client_for(other).get(entry_url(demand)).status_code == 403
    assert client_for(other).post(entry_url(demand), entry_data()).status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_admin_records_on_behalf(demand: Demand, admin_user: User) -> None:
    response = client_for(admin_user).post(entry_url(demand), entry_data(land="DE-HB"))

    assert response.status_code == 303
    assert ProgressEntry.objects.get().on_behalf is True


@pytest.mark.parametrize("persona", ["reader", "no_role"])
def test_it_refuses_the_entry_form_to(persona: str, demand: Demand, request) -> None:  # type: ignore[no-untyped-def]
    client = client_for(request.getfixturevalue(persona))

    assert client.get(entry_url(demand)).status_code == 403
    assert client.post(entry_url(demand), entry_data()).status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_it_sends_anonymous_users_to_the_login(demand: Demand, anonymous: Client) -> None:
    for response in (
        anonymous.get(entry_url(demand)),
        anonymous.post(entry_url(demand), entry_data()),
        anonymous.get(page_url(demand)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/anmelden/?next=")
    assert ProgressEntry.objects.count() == 0


def test_it_refuses_the_demand_page_to_users_without_role(demand: Demand, no_role: User) -> None:
    assert client_for(no_role).get(page_url(demand)).status_code == 403


def test_unknown_demand_is_not_found(demand: Demand, official_berlin: User) -> None:
    client = client_for(official_berlin)

    assert client.get("/forderungen/999999/").status_code == 404
    assert client.post("/forderungen/999999/sachstand/", entry_data()).status_code == 404


# The demand page ----------------------------------------------------------------------------


def test_demand_page_shows_source_addressee_applicants_and_wording(
    demand: Demand, reader: User
) -> None:
    html = html_of(client_for(reader).get(page_url(demand)))

    assert "19. IntMK 2024, TOP 3.3, Ziffer 2" in html
    assert f'href="{demand.clause.get_absolute_url()}"' in html
    assert "/konferenzen/19/top/3.3/#ziffer-2" in html
    assert "fordert den Bund auf, Sprachmittlung zu regeln" in html
    assert re.search(r"Federführend</dt>\s*<dd[^>]*>Berlin</dd>", html)
    assert re.search(r"Mitantragsteller</dt>\s*<dd[^>]*>Bremen</dd>", html)
    assert "Noch kein Sachstand des federführenden Landes (Berlin)." in html


def test_reader_sees_the_timeline_but_no_form_and_no_correction_link(
    demand: Demand, reader: User, official_berlin: User
) -> None:
    make_entry(demand=demand, author=official_berlin)

    html = html_of(client_for(reader).get(page_url(demand)))

    assert "Bewertung (federführend): Berlin" in html
    assert 'name="text"' not in html
    assert "Diesen Eintrag korrigieren" not in html


def test_timeline_lists_all_entries_newest_first_with_change_against_same_land(
    demand: Demand, official_berlin: User, official_bayern: User
) -> None:
    first = make_entry(demand=demand, author=official_berlin, implementation="offen")
    bayern = make_entry(
        demand=demand, author=official_bayern, land_code="DE-BY", implementation="umgesetzt"
    )
    second = make_entry(
        demand=demand,
        author=official_berlin,
        implementation="in Umsetzung",
        stance="zugestimmt",
        links=[("https://www.bundestag.de/drucksache/20-1234", "BT-Drs. 20/1234")],
    )

    html = html_of(client_for(official_berlin).get(page_url(demand)))

    ids = re.findall(r'<li class="timeline__entry[^"]*" id="eintrag-(\d+)"', html)
    assert ids == [str(second.pk), str(bayern.pk), str(first.pk)]
    newest = timeline_entry(html, second)
    assert "Umsetzung: offen → in Umsetzung" in newest
    assert "Haltung: in Prüfung → zugestimmt" in newest
    assert "Erster Eintrag von Bayern" in timeline_entry(html, bayern)
    assert "Bea Berlin" in newest
    assert (
        '<a class="kern-link" href="https://www.bundestag.de/drucksache/20-1234" '
        'rel="noopener noreferrer">BT-Drs. 20/1234</a>' in newest
    )
    assert "(www.bundestag.de)" in newest
    created = timezone.localtime(second.created_at)
    assert f'datetime="{created.isoformat()}"' in newest
    assert "01.09.2024" in newest  # fact date


def test_correction_link_only_for_lands_the_user_speaks_for(
    demand: Demand, official_berlin: User, official_bayern: User
) -> None:
    berlin = make_entry(demand=demand, author=official_berlin)
    bayern = make_entry(demand=demand, author=official_bayern, land_code="DE-BY")

    html = html_of(client_for(official_bayern).get(page_url(demand)))

    assert "Diesen Eintrag korrigieren" not in timeline_entry(html, berlin)
    assert f"?korrigiert={bayern.pk}" in timeline_entry(html, bayern)


def test_demand_page_queries_stay_constant(
    demand: Demand, official_berlin: User, official_bayern: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(official_berlin)
    client.get("/")  # a browser has its CSRF cookie after the first page (intmk/page_cache.py)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(demand)).status_code == 200
        return len(queries)

    for i in range(3):
        make_entry(demand=demand, author=official_berlin, links=[(f"https://a.de/{i}", "A")])
    few = count()
    for _ in range(27):
        bayern = make_entry(
            demand=demand, author=official_bayern, land_code="DE-BY", links=[("https://b.de", "B")]
        )
        make_entry(demand=demand, author=official_bayern, land_code="DE-BY", corrects=bayern)
    many = count()

    assert few == many
    with django_assert_max_num_queries(12):
        client.get(page_url(demand))


def test_a_long_timeline_shows_the_newest_entries_and_links_to_all(
    demand: Demand, official_berlin: User
) -> None:
    oldest = make_entry(demand=demand, author=official_berlin, text="Der allererste Stand.")
    for i in range(TIMELINE_SHOWN):
        make_entry(demand=demand, author=official_berlin, text=f"Stand Nummer {i}.")
    correction = make_entry(demand=demand, author=official_berlin, corrects=oldest)
    client = client_for(official_berlin)

    short = html_of(client.get(page_url(demand)))
    full = html_of(client.get(page_url(demand) + "?verlauf=alle"))

    assert short.count('class="timeline__entry') == TIMELINE_SHOWN
    assert f'id="eintrag-{correction.pk}"' in short
    assert f'id="eintrag-{oldest.pk}"' not in short
    assert f"?verlauf=alle#eintrag-{oldest.pk}" in short  # the correction still finds it
    assert f"Alle {TIMELINE_SHOWN + 2} Einträge anzeigen" in short
    assert full.count('class="timeline__entry') == TIMELINE_SHOWN + 2
    assert "Der allererste Stand." in full


# The form ----------------------------------------------------------------------------------


def test_single_land_official_sees_the_land_as_text(demand: Demand, official_berlin: User) -> None:
    html = html_of(client_for(official_berlin).get(entry_url(demand)))

    assert "<strong>Land:</strong> Berlin" in html
    assert '<input type="hidden" name="land" value="DE-BE"' in html
    assert '<select name="land"' not in html
    assert f'name="fact_date" value="{timezone.localdate():%Y-%m-%d}"' in html


def test_secretariat_chooses_the_land_lead_preselected(demand: Demand, secretariat: User) -> None:
    html = html_of(client_for(secretariat).get(entry_url(demand)))

    select = re.search(r'<select name="land".*?</select>', html, re.S)
    assert select
    assert select.group(0).count("<option") == 17  # "bitte wählen" and the 16 Länder
    assert '<option value="DE-BE" selected>Berlin</option>' in select.group(0)


def test_form_offers_only_active_vocabulary(demand: Demand, official_berlin: User) -> None:
    Stance.objects.filter(name="abgelehnt").update(active=False)

    html = html_of(client_for(official_berlin).get(entry_url(demand)))

    assert ">zugestimmt</option>" in html
    assert ">abgelehnt</option>" not in html


def test_form_remembers_the_newest_entry_as_seen(demand: Demand, official_berlin: User) -> None:
    make_entry(demand=demand, author=official_berlin)
    newest = make_entry(demand=demand, author=official_berlin)

    html = html_of(client_for(official_berlin).get(entry_url(demand)))

    assert f'<input type="hidden" name="gesehen" value="{newest.pk}">' in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "ftp://ftp.example.org/gesetz.pdf",
        "data:text/html,<script>alert(1)</script>",
        "www.bundestag.de",
    ],
)
def test_it_refuses_links_other_than_http(url: str, demand: Demand, official_berlin: User) -> None:
    data = entry_data(link_1_label="Beleg", link_1_url=url)

    response = client_for(official_berlin).post(entry_url(demand), data)

    assert response.status_code == 200
    assert "Nur Adressen, die mit http:// oder https:// beginnen" in html_of(response)
    assert ProgressEntry.objects.count() == 0


def test_it_saves_up_to_three_links_in_order(demand: Demand, official_berlin: User) -> None:
    data = entry_data(
        link_1_label="Gesetzblatt",
        link_1_url="https://www.recht.bund.de/bgbl/1/2024/300",
        link_3_label="Pressemitteilung",
        link_3_url="HTTP://www.bmi.bund.de/pm",
    )

    client_for(official_berlin).post(entry_url(demand), data)

    links = list(ProgressEntry.objects.get().links.values_list("position", "label", "url"))
    assert links == [
        (0, "Gesetzblatt", "https://www.recht.bund.de/bgbl/1/2024/300"),
        (1, "Pressemitteilung", "http://www.bmi.bund.de/pm"),
    ]


def test_link_needs_a_label_and_a_label_needs_a_link(demand: Demand, official_berlin: User) -> None:
    data = entry_data(link_1_url="https://example.org", link_2_label="Nur Bezeichnung")

    html = html_of(client_for(official_berlin).post(entry_url(demand), data))

    assert "Bitte geben Sie dem Beleg eine Bezeichnung." in html
    assert "Bitte geben Sie die Adresse des Belegs an." in html
    assert ProgressEntry.objects.count() == 0


def test_text_is_stored_as_typed_and_shown_escaped(demand: Demand, official_berlin: User) -> None:
    text = '<script>alert("x")</script> & <b>fett</b>\nZweite Zeile'
    client = client_for(official_berlin)

    client.post(entry_url(demand), entry_data(text=text))

    assert ProgressEntry.objects.get().text == text
    html = html_of(client.get(page_url(demand)))
    assert "<script>alert" not in html
    assert "<b>fett</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;fett&lt;/b&gt;" in html
    assert "<br>Zweite Zeile" in html


@pytest.mark.parametrize(
    ("fact_date", "message"),
    [
        ("2024-02-30", "Bitte geben Sie ein Datum ein, z. B. 01.10.2024."),
        ("morgen", "Bitte geben Sie ein Datum ein, z. B. 01.10.2024."),
        ("", "Bitte geben Sie das Datum des Sachstands an."),
    ],
)
def test_it_refuses_invalid_fact_dates(
    fact_date: str, message: str, demand: Demand, official_berlin: User
) -> None:
    response = client_for(official_berlin).post(entry_url(demand), entry_data(fact_date=fact_date))

    assert response.status_code == 200
    assert message in html_of(response)
    assert ProgressEntry.objects.count() == 0


def test_it_refuses_a_fact_date_in_the_future(demand: Demand, official_berlin: User) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client_for(official_berlin).post(
        entry_url(demand), entry_data(fact_date=tomorrow.isoformat())
    )

    assert "Das Datum darf nicht in der Zukunft liegen." in html_of(response)
    assert ProgressEntry.objects.count() == 0


def test_it_accepts_a_german_date(demand: Demand, official_berlin: User) -> None:
    client_for(official_berlin).post(entry_url(demand), entry_data(fact_date="15.08.2024"))

    assert ProgressEntry.objects.get().fact_date == datetime.date(2024, 8, 15)


def test_missing_fields_get_german_messages_linked_to_the_field(
    demand: Demand, official_berlin: User
) -> None:
    data = entry_data(text="   ")
    data["stance"] = ""

    html = html_of(client_for(official_berlin).post(entry_url(demand), data))

    assert "Bitte beschreiben Sie den Sachstand." in html
    assert "Bitte wählen Sie die Haltung des Adressaten." in html
    assert 'aria-describedby="id_text_helptext id_text_error id_text_zaehler"' in html
    assert 'id="id_text_error"' in html
    assert 'aria-invalid="true"' in html
    assert ProgressEntry.objects.count() == 0


def test_it_keeps_what_was_typed_when_the_form_comes_back(
    demand: Demand, official_berlin: User
) -> None:
    data = entry_data(text="Mein Sachstand", fact_date="2024-02-30")

    html = html_of(client_for(official_berlin).post(entry_url(demand), data))

    assert "Mein Sachstand</textarea>" in html


# Corrections --------------------------------------------------------------------------------


def test_correction_form_is_prefilled_and_the_correction_links_to_the_corrected_entry(
    demand: Demand, official_berlin: User
) -> None:
    wrong = make_entry(
        demand=demand,
        author=official_berlin,
        implementation="umgesetzt",
        text="Falsch: schon umgesetzt",
        links=[("https://example.org/alt", "Alter Beleg")],
    )
    client = client_for(official_berlin)

    form_html = html_of(client.get(f"{entry_url(demand)}?korrigiert={wrong.pk}"))
    response = client.post(
        entry_url(demand),
        entry_data(implementation="offen", seen=wrong, korrigiert=str(wrong.pk)),
    )

    assert "Falsch: schon umgesetzt</textarea>" in form_html
    assert f'name="korrigiert" value="{wrong.pk}"' in form_html
    assert "Sie korrigieren den" in form_html
    assert response.status_code == 303
    correction = ProgressEntry.objects.get(corrects=wrong)
    html = html_of(client.get(page_url(demand)))
    assert f'href="#eintrag-{wrong.pk}"' in timeline_entry(html, correction)
    assert "korrigiert" in timeline_entry(html, correction)
    assert "Korrigiert durch" in timeline_entry(html, wrong)
    assert ProgressEntry.objects.get(pk=wrong.pk).text == "Falsch: schon umgesetzt"


def test_it_refuses_to_correct_an_entry_of_another_demand(
    demand: Demand, official_berlin: User
) -> None:
    other_demand = make_demand(clause=demand.clause, addressee="Länder", wording="Die Länder …")
    foreign = make_entry(demand=other_demand, author=official_berlin)
    client = client_for(official_berlin)

    response = client.post(entry_url(demand), entry_data(korrigiert=str(foreign.pk)))

    assert "Der korrigierte Eintrag gehört nicht zu dieser Forderung." in html_of(response)
    assert ProgressEntry.objects.count() == 1
    assert client.get(f"{entry_url(demand)}?korrigiert={foreign.pk}").status_code == 404


def test_correction_keeps_the_land_of_the_corrected_entry(
    demand: Demand, official_berlin: User, secretariat: User
) -> None:
    berlin = make_entry(demand=demand, author=official_berlin)

    response = client_for(secretariat).post(
        entry_url(demand), entry_data(land="DE-BY", seen=berlin, korrigiert=str(berlin.pk))
    )

    assert "Eine Korrektur wird im Namen des Landes erfasst" in html_of(response)
    assert ProgressEntry.objects.count() == 1


def test_the_correction_form_of_another_lands_entry_is_not_found(
    demand: Demand, official_berlin: User, official_bayern: User
) -> None:
    berlin = make_entry(demand=demand, author=official_berlin)

    response = client_for(official_bayern).get(f"{entry_url(demand)}?korrigiert={berlin.pk}")

    assert response.status_code == 404


# Saving at the same time ----------------------------------------------------------------------


def test_stale_form_warns_then_saves_on_second_submit(
    demand: Demand, official_berlin: User, official_bayern: User
) -> None:
    client = client_for(official_berlin)
    opened = html_of(client.get(entry_url(demand)))
    assert '<input type="hidden" name="gesehen" value="">' in opened
    meanwhile = make_entry(
        demand=demand, author=official_bayern, land_code="DE-BY", implementation="umgesetzt"
    )

    warned = client.post(entry_url(demand), entry_data(text="Mein Stand"))

    html = html_of(warned)
    assert warned.status_code == 200
    when = timezone.localtime(meanwhile.created_at)
    assert (
        f"Inzwischen hat Bayern (Benno Bayer) am {when:%d.%m.%Y, %H:%M} Uhr eingetragen: "
        "umgesetzt – in Prüfung" in html
    )
    assert "Prüfen Sie Ihren Eintrag und speichern Sie erneut." in html
    assert "Mein Stand</textarea>" in html
    assert f'<input type="hidden" name="gesehen" value="{meanwhile.pk}">' in html
    assert ProgressEntry.objects.count() == 1

    saved = client.post(entry_url(demand), entry_data(text="Mein Stand", seen=meanwhile))

    assert saved.status_code == 303
    assert ProgressEntry.objects.count() == 2


def test_two_officials_saving_the_same_state_both_keep_their_entries(
    demand: Demand, official_berlin: User
) -> None:
    colleague = make_user(
        username="berlin2", roles=[(RoleKind.OFFICIAL, "DE-BE", None)], first_name="Bernd"
    )
    start = make_entry(demand=demand, author=official_berlin)
    first, second = client_for(official_berlin), client_for(colleague)

    one = first.post(entry_url(demand), entry_data(text="Erster", seen=start))
    two = second.post(entry_url(demand), entry_data(text="Zweiter", seen=start))
    confirmed = second.post(
        entry_url(demand), entry_data(text="Zweiter", seen=start, bestaetigt="on")
    )

    assert one.status_code == 303
    assert two.status_code == 200 and "Inzwischen hat Berlin (Bea Berlin)" in html_of(two)
    assert confirmed.status_code == 303
    texts = list(ProgressEntry.objects.order_by("pk").values_list("text", flat=True))
    assert texts == ["Der Bund prüft.", "Erster", "Zweiter"]


def test_entries_are_append_only_in_the_database(demand: Demand, official_berlin: User) -> None:
    from django.db import IntegrityError, transaction

    entry = make_entry(demand=demand, author=official_berlin)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.filter(pk=entry.pk).update(text="geändert")


# htmx ----------------------------------------------------------------------------------------


def test_htmx_post_on_the_demand_page_returns_the_refreshed_region(
    demand: Demand, official_berlin: User
) -> None:
    response = client_for(official_berlin).post(section_url(demand), entry_data(), **HTMX)

    html = html_of(response)
    entry = ProgressEntry.objects.get()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="sachstand"')
    assert "<html" not in html
    assert f'id="eintrag-{entry.pk}"' in html
    assert "Sachstand für Berlin gespeichert." in html
    assert f'<input type="hidden" name="gesehen" value="{entry.pk}">' in html
    assert (
        'name="text"' in html
        and "Der Bund hat einen Referentenentwurf"
        not in html.split('name="text"')[1].split("</textarea>")[0]
    )


def test_htmx_invalid_post_on_the_demand_page_returns_region_with_errors(
    demand: Demand, official_berlin: User
) -> None:
    response = client_for(official_berlin).post(section_url(demand), entry_data(text=""), **HTMX)

    html = html_of(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="sachstand"')
    assert "Bitte beschreiben Sie den Sachstand." in html
    assert ProgressEntry.objects.count() == 0


def test_invalid_post_without_javascript_from_the_demand_page_shows_the_whole_page(
    demand: Demand, official_berlin: User
) -> None:
    response = client_for(official_berlin).post(section_url(demand), entry_data(text=""))

    html = html_of(response)
    assert "<html" in html
    assert "Aktueller Stand" in html
    assert "Bitte beschreiben Sie den Sachstand." in html


def test_demand_page_form_posts_with_htmx_and_without(
    demand: Demand, official_berlin: User
) -> None:
    html = html_of(client_for(official_berlin).get(page_url(demand)))

    form = re.search(r'<form method="post" action="([^"]+)" class="entry-form"[^>]*>', html, re.S)
    assert form and form.group(1) == section_url(demand)
    assert f'hx-post="{section_url(demand)}" hx-target="#sachstand"' in form.group(0)
    assert 'name="ansicht"' not in html


def test_htmx_get_of_the_form_returns_a_fragment(demand: Demand, official_berlin: User) -> None:
    response = client_for(official_berlin).get(entry_url(demand), **HTMX)

    html = html_of(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="eintrag-formular"' in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_entry_form_page_works_without_javascript(demand: Demand, official_berlin: User) -> None:
    html = html_of(client_for(official_berlin).get(entry_url(demand)))

    assert "<html" in html
    assert "<h1" in html and "Sachstand eintragen" in html
    form = re.search(r'<form method="post" action="[^"]+" class="entry-form"[^>]*>', html, re.S)
    assert form and "hx-post" not in form.group(0)
    assert '<label class="kern-label" for="id_text">Sachstand</label>' in html


def test_without_a_lead_land_the_newest_entry_of_any_land_is_the_assessment(
    official_bayern: User,
) -> None:
    conference = make_conference(number=19, year=2024, chair="DE-MV")
    resolution = make_resolution(conference=conference, top="1.1", lead=None, applicants=())
    clause = make_clause(resolution=resolution, number="1", kind="auftrag")
    report = make_demand(clause=clause, addressee="Länder", wording="Die Länder berichten.")
    entry = make_entry(demand=report, author=official_bayern, land_code="DE-BY")

    html = html_of(client_for(official_bayern).get(page_url(report)))

    assert "Bewertung: Bayern" in timeline_entry(html, entry)
    assert "Beitrag Bayern" not in html
    assert "kein federführendes Land" in html
    assert "Bewertung von Bayern" in current_state_of(html)
