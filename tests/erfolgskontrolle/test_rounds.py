"""Reporting rounds through HTTP: list, opening, the Land × resolution matrix, closing."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from beschluesse.models import Conference, Demand, Kind
from erfolgskontrolle import services
from erfolgskontrolle.duties import duties
from erfolgskontrolle.models import ReportingRound
from intmk.models import Land, RoleKind, User
from tests.conftest import client_for
from tests.factories import (
    land,
    make_clause,
    make_conference,
    make_demand,
    make_entry,
    make_resolution,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_MONTH = TODAY + datetime.timedelta(days=30)
LAST_WEEK = TODAY - datetime.timedelta(days=7)


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    """The page as text: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_of(response)))


def row_of(response, land_name: str) -> str:  # type: ignore[no-untyped-def]
    """The text of the matrix row of one Land."""
    match = re.search(
        rf'<tr class="kern-table__row">\s*<th scope="row"[^>]*>{land_name}</th>(.*?)</tr>',
        html_of(response),
        flags=re.S,
    )
    assert match, f"no matrix row for {land_name}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def cells_of(response, land_name: str) -> list[str]:  # type: ignore[no-untyped-def]
    match = re.search(
        rf'<th scope="row"[^>]*>{land_name}</th>(.*?)</tr>', html_of(response), flags=re.S
    )
    assert match
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in cells]


class Setup:
    """The 19th IntMK with four resolutions that show every responsibility rule:
    TOP 1.1 (no lead, applicants Bremen and Thüringen), TOP 3.1 (lead Bayern), TOP 3.3 (lead
    Berlin, co-applicant Bayern; three demands in Ziffer 3) and TOP 4 (neither lead nor
    applicants). A Feststellung of TOP 3.3 is not followed up."""

    def __init__(self, conference: Conference) -> None:
        self.conference = conference
        r11 = make_resolution(
            conference=conference,
            top="1.1",
            title="Bericht",
            applicants=("DE-HB", "DE-TH"),
            lead=None,
        )
        r31 = make_resolution(
            conference=conference,
            top="3.1",
            title="Sprachkurse",
            applicants=("DE-BY",),
            lead="DE-BY",
        )
        r33 = make_resolution(
            conference=conference, top="3.3", applicants=("DE-BE", "DE-BY"), lead="DE-BE"
        )
        r4 = make_resolution(conference=conference, top="4", title="Alle", applicants=(), lead=None)
        self.resolutions = [r11, r31, r33, r4]
        self.d11 = make_demand(clause=make_clause(resolution=r11, number="1", kind=Kind.BITTE))
        self.d31 = make_demand(clause=make_clause(resolution=r31, number="1", kind=Kind.FORDERUNG))
        make_clause(resolution=r33, number="1")  # Feststellung, no demand
        clause3 = make_clause(resolution=r33, number="3", kind=Kind.FORDERUNG)
        self.d33 = [
            make_demand(clause=clause3, wording=f"fordert den Bund auf, Punkt {i} umzusetzen")
            for i in range(1, 4)
        ]
        self.d4 = make_demand(clause=make_clause(resolution=r4, number="1", kind=Kind.AUFTRAG))
        # a Begrüßung written as a demand row still is no follow-up demand
        self.greeting = make_demand(
            clause=make_clause(resolution=r4, number="2", kind=Kind.BEGRUESSUNG),
            kind=Kind.BEGRUESSUNG,
            wording="begrüßt die Initiative",
        )

    @property
    def demands(self) -> list[Demand]:
        return [self.d11, self.d31, *self.d33, self.d4]

    def round(
        self,
        opened_by: User,
        *,
        lands: tuple[str, ...] = ("DE-BE", "DE-BY", "DE-HB", "DE-TH"),
        deadline: datetime.date = NEXT_MONTH,
    ) -> ReportingRound:
        return make_round(
            conference=self.conference,
            opened_by=opened_by,
            demands=self.demands,
            land_codes=lands,
            deadline=deadline,
        )


@pytest.fixture
def setup(conference_19: Conference) -> Setup:
    return Setup(conference_19)


@pytest.fixture
def other_secretariat(db) -> User:  # type: ignore[no-untyped-def]
    """The secretariat of Hessen for 2023: runs the 18th IntMK, not the 19th."""
    return make_user(username="hessen2023", roles=[(RoleKind.SECRETARIAT, "DE-HE", 2023)])


def post_round(client: Client, setup: Setup, **overrides: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "title": "Erfolgskontrolle 2025",
        "deadline": NEXT_MONTH.isoformat(),
        "demands": [d.pk for d in setup.demands],
        "lands": [land("DE-BE").pk, land("DE-BY").pk],
    }
    data.update(overrides)
    return client.post("/runden/neu/19/", data)


# Responsibility (the rule itself) -------------------------------------------------------------


def owed(reporting_round: ReportingRound) -> set[tuple[int, str]]:
    """(demand id, Land code) for each answer the round asks, by the one rule (duties.py)."""
    codes = dict(Land.objects.values_list("pk", "code"))
    rows = duties().filter(reportinground_id=reporting_round.pk)
    return {
        (demand_id, codes[land_id])
        for demand_id, land_id in rows.values_list("demand_id", "land_pk")
    }


def test_it_asks_the_lead_else_the_applicants_else_every_land_of_the_round(
    setup: Setup, secretariat: User
):
    reporting_round = setup.round(secretariat, lands=("DE-BE", "DE-HB", "DE-TH"))

    assert owed(reporting_round) == {
        (setup.d11.pk, "DE-HB"),  # no lead: the applicants
        (setup.d11.pk, "DE-TH"),
        # TOP 3.1: Bayern leads but is not asked by this round, so nobody answers
        *((d.pk, "DE-BE") for d in setup.d33),  # the lead, not the co-applicant Bayern
        (setup.d4.pk, "DE-BE"),  # neither lead nor applicants: every Land of the round
        (setup.d4.pk, "DE-HB"),
        (setup.d4.pk, "DE-TH"),
    }


# List ----------------------------------------------------------------------------------------


def test_it_lists_rounds_open_first_with_conference_deadline_status_and_progress(
    setup: Setup, secretariat: User, official_berlin: User
):
    closed = make_round(
        conference=make_conference(number=18, year=2023, chair="DE-HE"),
        opened_by=secretariat,
        demands=[],
        title="Erfolgskontrolle 2024",
        deadline=LAST_WEEK,
    )
    services.reporting_round_close(reporting_round=closed, closed_by=secretariat)
    running = setup.round(secretariat)
    make_entry(demand=setup.d33[0], author=official_berlin, land_code="DE-BE")

    response = client_for(official_berlin).get("/runden/")

    assert response.status_code == 200
    text = text_of(response)
    assert text.index("Erfolgskontrolle 2025") < text.index("Erfolgskontrolle 2024")
    assert "19. IntMK 2024" in text and "18. IntMK 2023" in text
    assert f"{NEXT_MONTH:%d.%m.%Y}" in text
    assert "läuft" in text and f"geschlossen am {TODAY:%d.%m.%Y}" in text
    # Berlin 3 (TOP 3.3), Bayern 1 (3.1), Bremen and Thüringen 1 each (1.1), all four TOP 4
    assert "1 von 10 erledigt" in text
    assert "0 von 0 erledigt" in text
    assert f'href="{running.get_absolute_url()}"' in html_of(response)


def test_it_offers_the_secretariat_to_open_a_round_for_its_conference_only(
    setup: Setup, secretariat: User
):
    make_conference(number=18, year=2023, chair="DE-HE")

    html = html_of(client_for(secretariat).get("/runden/"))

    assert 'href="/runden/neu/19/"' in html
    assert "Berichtsrunde eröffnen" in html
    assert 'href="/runden/neu/18/"' not in html


def test_it_offers_admins_every_conference_and_shows_the_running_round_instead_of_the_button(
    setup: Setup, admin_user: User, secretariat: User
):
    make_conference(number=18, year=2023, chair="DE-HE")
    running = setup.round(secretariat)

    html = html_of(client_for(admin_user).get("/runden/"))

    assert 'href="/runden/neu/18/"' in html
    assert 'href="/runden/neu/19/"' not in html
    assert "Es läuft bereits die Runde" in html and running.get_absolute_url() in html


@pytest.mark.parametrize("persona", ["official_berlin", "reader"])
def test_it_offers_no_opening_to_officials_and_readers(setup: Setup, persona: str, request):  # type: ignore[no-untyped-def]
    html = html_of(client_for(request.getfixturevalue(persona)).get("/runden/"))

    assert "/runden/neu/" not in html
    assert "Berichtsrunde eröffnen" not in html


def test_it_refuses_the_list_to_users_without_a_role(no_role: User):
    assert client_for(no_role).get("/runden/").status_code == 403


def test_it_sends_anonymous_users_to_the_login(anonymous: Client):
    response = anonymous.get("/runden/")

    assert response.status_code == 302
    assert "next=/runden/" in response["Location"]


def test_list_queries_stay_constant_with_many_rounds(
    secretariat: User, admin_user: User, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    def make_rounds(numbers: range) -> None:
        for number in numbers:
            conference = make_conference(number=number, year=2000 + number, chair="DE-MV")
            setup = Setup(conference)
            r = setup.round(secretariat)
            make_entry(demand=setup.d31, author=secretariat, land_code="DE-BY", on_behalf=True)
            if number % 2:
                services.reporting_round_close(reporting_round=r, closed_by=secretariat)

    client = client_for(admin_user)
    make_rounds(range(1, 3))
    with django_assert_max_num_queries(10) as small:
        assert client.get("/runden/").status_code == 200
    make_rounds(range(3, 15))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/runden/")
    assert text_of(response).count("1 von 10 erledigt") == 14


# Opening -------------------------------------------------------------------------------------


def test_it_proposes_title_all_followed_up_demands_and_the_responsible_lands(
    setup: Setup, secretariat: User
):
    response = client_for(secretariat).get("/runden/neu/19/")

    assert response.status_code == 200
    html = html_of(response)
    assert 'value="Erfolgskontrolle 2025"' in html
    for demand in setup.demands:
        assert re.search(rf'name="demands" value="{demand.pk}" id="[^"]+" checked', html)
    assert f'value="{setup.greeting.pk}"' not in html
    assert "<legend" in html and "TOP 3.3: Teilhabe von Neuzugewanderten" in html
    assert (
        html.index("TOP 1.1: Bericht") < html.index("TOP 3.1: Sprachkurse") < html.index("TOP 3.3:")
    )
    checked = set(re.findall(r'name="lands" value="(\d+)" id="[^"]+" checked', html))
    # leads Berlin and Bayern; applicants of the lead-less TOP 1.1; TOP 4 adds nobody
    expected = Land.objects.filter(code__in=["DE-BE", "DE-BY", "DE-HB", "DE-TH"])
    assert checked == {str(pk) for pk in expected.values_list("pk", flat=True)}
    assert '<label class="kern-label" for="land-' in html


def test_it_opens_a_round_and_redirects_to_its_matrix(setup: Setup, secretariat: User):
    response = post_round(client_for(secretariat), setup)

    reporting_round = ReportingRound.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"/runden/{reporting_round.pk}/"
    assert reporting_round.title == "Erfolgskontrolle 2025"
    assert reporting_round.deadline == NEXT_MONTH
    assert reporting_round.opened_by == secretariat and reporting_round.is_open
    assert set(reporting_round.demands.all()) == set(setup.demands)
    assert set(reporting_round.lands.values_list("code", flat=True)) == {"DE-BE", "DE-BY"}


def test_an_admin_opens_a_round_too(setup: Setup, admin_user: User):
    assert post_round(client_for(admin_user), setup).status_code == 303
    assert ReportingRound.objects.get().opened_by == admin_user


@pytest.mark.parametrize("deadline", [TODAY, LAST_WEEK])
def test_it_refuses_a_deadline_that_is_not_in_the_future(
    setup: Setup, secretariat: User, deadline: datetime.date
):
    response = post_round(client_for(secretariat), setup, deadline=deadline.isoformat())

    assert response.status_code == 200
    assert "Die Frist muss in der Zukunft liegen, z. B. " in html_of(response)
    assert 'aria-describedby="id_deadline_hinweis id_deadline_fehler"' in html_of(response)
    assert not ReportingRound.objects.exists()


def test_it_accepts_a_german_date_typed_without_a_date_picker(setup: Setup, secretariat: User):
    response = post_round(client_for(secretariat), setup, deadline=f"{NEXT_MONTH:%d.%m.%Y}")

    assert response.status_code == 303
    assert ReportingRound.objects.get().deadline == NEXT_MONTH


@pytest.mark.parametrize("title", ["Erfolgskontrolle\n2025", "Erfolgskontrolle\r2025"])
def test_it_refuses_a_title_with_a_line_break(setup: Setup, secretariat: User, title: str):
    response = post_round(client_for(secretariat), setup, title=title)

    assert response.status_code == 200
    assert "Die Bezeichnung darf keinen Zeilenumbruch enthalten." in html_of(response)
    assert not ReportingRound.objects.exists()


def test_it_strips_whitespace_around_the_title(setup: Setup, secretariat: User):
    response = post_round(client_for(secretariat), setup, title="  Erfolgskontrolle 2025 \t")

    assert response.status_code == 303
    assert ReportingRound.objects.get().title == "Erfolgskontrolle 2025"


def test_it_refuses_a_round_without_demands_or_lands(setup: Setup, secretariat: User):
    response = post_round(client_for(secretariat), setup, demands=[], lands=[])

    html = html_of(response)
    assert "Bitte wählen Sie mindestens eine Forderung." in html
    assert "Bitte wählen Sie mindestens ein Land." in html
    assert not ReportingRound.objects.exists()


def test_it_refuses_demands_of_another_conference(setup: Setup, secretariat: User):
    other = make_resolution(conference=make_conference(number=18, year=2023), top="2")
    foreign = make_demand(clause=make_clause(resolution=other, kind=Kind.FORDERUNG))

    response = post_round(client_for(secretariat), setup, demands=[foreign.pk])

    assert response.status_code == 200
    assert "kern-error" in html_of(response)
    assert not ReportingRound.objects.exists()


def test_it_refuses_a_second_open_round_with_a_german_message(setup: Setup, secretariat: User):
    setup.round(secretariat)

    response = post_round(client_for(secretariat), setup)

    assert response.status_code == 200
    assert "Für diese Konferenz läuft bereits eine Berichtsrunde." in html_of(response)
    assert ReportingRound.objects.count() == 1


def test_the_database_decides_when_two_openings_race(setup: Setup, secretariat: User):
    setup.round(secretariat)  # the other request won after this one's form was checked

    with pytest.raises(ValidationError, match="läuft bereits eine Berichtsrunde"):
        services.reporting_round_open(
            conference=setup.conference,
            title="Zweite",
            deadline=NEXT_MONTH,
            demands=setup.demands,
            lands=[land("DE-BE")],
            opened_by=secretariat,
        )
    assert ReportingRound.objects.count() == 1


def test_it_opens_a_new_round_once_the_last_one_is_closed(setup: Setup, secretariat: User):
    old = setup.round(secretariat)
    services.reporting_round_close(reporting_round=old, closed_by=secretariat)

    response = post_round(client_for(secretariat), setup, title="Erfolgskontrolle 2025 – Nachfrage")
    assert response.status_code == 303
    assert ReportingRound.objects.open().count() == 1


@pytest.mark.parametrize(
    "persona", ["official_berlin", "official_bayern", "reader", "no_role", "other_secretariat"]
)
def test_it_refuses_opening_to_everyone_but_the_secretariat_and_admins(
    setup: Setup, persona: str, request
):  # type: ignore[no-untyped-def]
    client = client_for(request.getfixturevalue(persona))

    assert client.get("/runden/neu/19/").status_code == 403
    assert post_round(client, setup).status_code == 403
    assert not ReportingRound.objects.exists()


def test_it_sends_anonymous_openers_to_the_login(setup: Setup, anonymous: Client):
    response = post_round(anonymous, setup)

    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert not ReportingRound.objects.exists()


def test_it_answers_404_for_an_unknown_conference(secretariat: User):
    assert client_for(secretariat).get("/runden/neu/99/").status_code == 404


# Matrix --------------------------------------------------------------------------------------


def test_the_secretariat_sees_berlin_done_after_berlin_answered_top_3_3_ziffer_3(
    setup: Setup, secretariat: User, official_berlin: User
):
    reporting_round = make_round(
        conference=setup.conference,
        opened_by=secretariat,
        demands=setup.d33,
        land_codes=("DE-BE", "DE-BY"),
        deadline=NEXT_MONTH,
    )
    client = client_for(secretariat)
    assert cells_of(client.get(reporting_round.get_absolute_url()), "Berlin") == [
        "offen 0/3",
        "offen: 0 von 3 erledigt",
    ]

    for demand in setup.d33:
        make_entry(demand=demand, author=official_berlin, land_code="DE-BE")

    response = client.get(reporting_round.get_absolute_url())
    assert cells_of(response, "Berlin") == ["erledigt", "erledigt (3 von 3)"]
    assert cells_of(response, "Bayern") == ["— nicht zuständig", "— nicht zuständig"]
    assert "3 von 3 erledigt" in text_of(response)


def test_it_shows_berlin_done_once_berlin_answered_every_demand_of_its_resolution(
    setup: Setup, secretariat: User, official_berlin: User
):
    reporting_round = setup.round(secretariat)
    for demand in setup.d33:
        make_entry(demand=demand, author=official_berlin, land_code="DE-BE")

    response = client_for(secretariat).get(reporting_round.get_absolute_url())

    assert response.status_code == 200
    # columns: TOP 1.1, 3.1, 3.3, 4, total
    assert cells_of(response, "Berlin") == [
        "— nicht zuständig",
        "— nicht zuständig",
        "erledigt",
        "offen 0/1",
        "offen: 3 von 4 erledigt",
    ]


def test_it_counts_open_cells_as_k_of_n_and_only_the_lands_responsibilities(
    setup: Setup, secretariat: User, official_berlin: User, official_bayern: User
):
    reporting_round = setup.round(secretariat)
    make_entry(demand=setup.d33[0], author=official_berlin, land_code="DE-BE")
    # Bayern co-applies for TOP 3.3: its contribution does not make it responsible
    make_entry(demand=setup.d33[1], author=official_bayern, land_code="DE-BY")
    make_entry(demand=setup.d11, author=secretariat, land_code="DE-HB", on_behalf=True)

    response = client_for(official_bayern).get(reporting_round.get_absolute_url())

    assert cells_of(response, "Berlin")[2] == "offen 1/3"
    assert cells_of(response, "Bayern") == [
        "— nicht zuständig",
        "offen 0/1",
        "— nicht zuständig",
        "offen 0/1",
        "offen: 0 von 2 erledigt",
    ]
    # entered on behalf of Bremen by the secretariat counts for Bremen
    assert cells_of(response, "Bremen")[0] == "erledigt"
    assert cells_of(response, "Thüringen")[0] == "offen 0/1"
    assert "2 von 10 erledigt" in text_of(response)


def test_it_marks_open_cells_overdue_after_the_deadline(
    setup: Setup, secretariat: User, official_berlin: User
):
    reporting_round = setup.round(secretariat, deadline=TODAY - datetime.timedelta(days=1))
    make_entry(demand=setup.d33[0], author=official_berlin, land_code="DE-BE")

    response = client_for(official_berlin).get(reporting_round.get_absolute_url())

    assert cells_of(response, "Berlin")[2] == "überfällig 1/3"
    assert cells_of(response, "Bayern")[1] == "überfällig 0/1"
    assert "kern-icon--warning" in html_of(response)


def test_the_deadline_day_itself_is_still_on_time(setup: Setup, secretariat: User):
    reporting_round = setup.round(secretariat, deadline=TODAY)

    response = client_for(secretariat).get(reporting_round.get_absolute_url())

    assert cells_of(response, "Berlin")[2] == "offen 0/3"


def test_entries_from_before_the_round_opened_do_not_count(
    setup: Setup, secretariat: User, official_berlin: User
):
    make_entry(demand=setup.d31, author=secretariat, land_code="DE-BY", on_behalf=True)
    reporting_round = setup.round(secretariat)

    response = client_for(secretariat).get(reporting_round.get_absolute_url())

    assert cells_of(response, "Bayern")[1] == "offen 0/1"


def test_the_matrix_is_an_accessible_table_with_legend(setup: Setup, secretariat: User):
    reporting_round = setup.round(secretariat)

    html = html_of(client_for(secretariat).get(reporting_round.get_absolute_url()))

    assert "<caption" in html
    assert html.count('<th scope="col"') == 6  # Land, four TOPs, Gesamt
    assert html.count('<th scope="row"') == 4
    assert re.search(r'<th scope="col"[^>]*><a [^>]*>TOP 1\.1</a>', html)
    assert html.index("TOP 1.1</a>") < html.index("TOP 3.1</a>") < html.index("TOP 3.3</a>")
    assert html.index("TOP 3.3</a>") < html.index("TOP 4</a>")
    assert "Legende" in html
    for word in ("erledigt", "offen k/n", "überfällig k/n", "nicht zuständig"):
        assert word in html
    # icons are decoration; the words carry the state
    assert re.search(r'<span class="round-icon kern-icon [^"]+" aria-hidden="true">', html)


def test_a_closed_round_keeps_the_state_of_its_closing(
    setup: Setup, secretariat: User, official_berlin: User
):
    reporting_round = setup.round(secretariat)
    make_entry(demand=setup.d33[0], author=official_berlin, land_code="DE-BE")
    client_for(secretariat).post(f"/runden/{reporting_round.pk}/schliessen/")
    for demand in setup.d33:  # too late: after closing
        make_entry(demand=demand, author=official_berlin, land_code="DE-BE")

    response = client_for(official_berlin).get(reporting_round.get_absolute_url())

    assert cells_of(response, "Berlin")[2] == "nicht beantwortet 1/3"
    assert "geschlossen am" in text_of(response)
    assert "Runde schließen" not in html_of(response)


@pytest.mark.parametrize("deadline", [LAST_WEEK, NEXT_MONTH])
def test_a_closed_round_says_not_answered_never_open_or_overdue(
    setup: Setup, secretariat: User, official_berlin: User, deadline: datetime.date
):
    reporting_round = setup.round(secretariat, deadline=deadline)
    make_entry(demand=setup.d33[0], author=official_berlin, land_code="DE-BE")
    services.reporting_round_close(reporting_round=reporting_round, closed_by=secretariat)

    response = client_for(secretariat).get(reporting_round.get_absolute_url())

    assert cells_of(response, "Berlin") == [
        "— nicht zuständig",
        "— nicht zuständig",
        "nicht beantwortet 1/3",
        "nicht beantwortet 0/1",
        "nicht beantwortet: 1 von 4 erledigt",
    ]
    matrix = html_of(response).split("<table")[1].split("</table>")[0]
    assert "offen" not in matrix and "überfällig" not in matrix
    assert "nicht beantwortet k/n" in text_of(response)  # the legend explains it


def test_it_shows_the_close_button_only_to_those_who_manage_the_conference(
    setup: Setup, secretariat: User, admin_user: User, official_berlin: User, reader: User
):
    url = setup.round(secretariat).get_absolute_url()

    for user in (secretariat, admin_user):
        html = html_of(client_for(user).get(url))
        assert "Runde schließen" in html and 'method="post"' in html
    for user in (official_berlin, reader):
        assert "Runde schließen" not in html_of(client_for(user).get(url))


def test_htmx_refresh_gets_only_the_matrix(setup: Setup, secretariat: User):
    url = setup.round(secretariat).get_absolute_url()

    html = html_of(client_for(secretariat).get(url, headers={"HX-Request": "true"}))

    assert "<table" in html
    assert "<!DOCTYPE" not in html and "Legende</h2>" not in html


def test_it_refuses_the_matrix_to_users_without_a_role_and_hides_unknown_rounds(
    setup: Setup, secretariat: User, no_role: User, anonymous: Client
):
    url = setup.round(secretariat).get_absolute_url()

    assert client_for(no_role).get(url).status_code == 403
    assert anonymous.get(url).status_code == 302
    assert client_for(secretariat).get("/runden/999999/").status_code == 404


def test_matrix_queries_stay_constant_with_a_large_round(
    secretariat: User, official_berlin: User, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    conference = make_conference(number=19, year=2024)
    small = Setup(conference)
    reporting_round = small.round(secretariat)
    client = client_for(secretariat)
    client.get("/")  # a browser has its CSRF cookie after the first page (intmk/page_cache.py)
    with django_assert_max_num_queries(12) as captured:
        assert client.get(reporting_round.get_absolute_url()).status_code == 200

    for r in range(20):
        resolution = make_resolution(
            conference=conference, top=f"5.{r + 1}", applicants=("DE-BE", "DE-NW"), lead=None
        )
        clause = make_clause(resolution=resolution, number="1", kind=Kind.FORDERUNG)
        for d in range(3):
            demand = make_demand(clause=clause, wording=f"Forderung {d}")
            reporting_round.demands.add(demand)
            make_entry(demand=demand, author=official_berlin, land_code="DE-BE")
    reporting_round.lands.set(Land.objects.all())

    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = client.get(reporting_round.get_absolute_url())
    assert html_of(response).count('<th scope="row"') == 16
    berlin = cells_of(response, "Berlin")
    assert berlin[2] == "offen 0/3"  # TOP 3.3
    assert berlin[3] == "offen 0/1"  # TOP 4: every Land of the round
    assert berlin.count("erledigt") == 20  # TOP 5.1 to 5.20


# Closing -------------------------------------------------------------------------------------


def test_the_secretariat_closes_its_round(setup: Setup, secretariat: User):
    reporting_round = setup.round(secretariat)

    response = client_for(secretariat).post(f"/runden/{reporting_round.pk}/schliessen/")

    assert response.status_code == 303
    assert response["Location"] == reporting_round.get_absolute_url()
    reporting_round.refresh_from_db()
    assert reporting_round.closed_at is not None and reporting_round.closed_by == secretariat


def test_an_admin_closes_a_round_too(setup: Setup, secretariat: User, admin_user: User):
    reporting_round = setup.round(secretariat)

    assert (
        client_for(admin_user).post(f"/runden/{reporting_round.pk}/schliessen/").status_code == 303
    )
    reporting_round.refresh_from_db()
    assert reporting_round.closed_by == admin_user


def test_closing_twice_says_so_and_changes_nothing(
    setup: Setup, secretariat: User, admin_user: User
):
    reporting_round = setup.round(secretariat)
    client_for(secretariat).post(f"/runden/{reporting_round.pk}/schliessen/")
    reporting_round.refresh_from_db()
    closed_at = reporting_round.closed_at

    response = client_for(admin_user).post(f"/runden/{reporting_round.pk}/schliessen/")

    assert response.status_code == 409
    assert "Diese Berichtsrunde wurde bereits am" in html_of(response)
    reporting_round.refresh_from_db()
    assert reporting_round.closed_at == closed_at and reporting_round.closed_by == secretariat


@pytest.mark.parametrize(
    "persona", ["official_berlin", "official_bayern", "reader", "no_role", "other_secretariat"]
)
def test_it_refuses_closing_to_everyone_but_the_secretariat_and_admins(
    setup: Setup, secretariat: User, persona: str, request
):  # type: ignore[no-untyped-def]
    reporting_round = setup.round(secretariat)

    response = client_for(request.getfixturevalue(persona)).post(
        f"/runden/{reporting_round.pk}/schliessen/"
    )

    assert response.status_code == 403
    reporting_round.refresh_from_db()
    assert reporting_round.is_open


def test_it_sends_anonymous_closers_to_the_login(
    setup: Setup, secretariat: User, anonymous: Client
):
    reporting_round = setup.round(secretariat)

    response = anonymous.post(f"/runden/{reporting_round.pk}/schliessen/")

    assert response.status_code == 302
    reporting_round.refresh_from_db()
    assert reporting_round.is_open


def test_closing_asks_for_confirmation_on_a_page_of_its_own(
    setup: Setup, secretariat: User, official_berlin: User
):
    reporting_round = setup.round(secretariat)
    make_entry(demand=setup.d33[0], author=official_berlin, land_code="DE-BE")
    client = client_for(secretariat)

    page = client.get(reporting_round.get_absolute_url())
    assert f'href="/runden/{reporting_round.pk}/schliessen/"' in html_of(page)
    assert f'action="/runden/{reporting_round.pk}/schliessen/"' not in html_of(page)

    response = client.get(f"/runden/{reporting_round.pk}/schliessen/")

    assert response.status_code == 200
    text = text_of(response)
    assert "„Erfolgskontrolle 2025“ schließen?" in text
    assert "1 von 10 erledigt" in text and "9 Rückmeldungen fehlen noch" in text
    assert re.search(r"Bayern\s*:\s*0 von 2 erledigt", text)
    html = html_of(response)
    assert f'<form method="post" action="/runden/{reporting_round.pk}/schliessen/"' in html
    assert "Ja, Runde schließen" in html
    assert f'href="{reporting_round.get_absolute_url()}"' in html  # "Nein, zurück"
    reporting_round.refresh_from_db()
    assert reporting_round.is_open  # asking changes nothing


def test_the_confirmation_of_a_closed_round_leads_back_to_the_round(
    setup: Setup, secretariat: User
):
    reporting_round = setup.round(secretariat)
    services.reporting_round_close(reporting_round=reporting_round, closed_by=secretariat)

    response = client_for(secretariat).get(f"/runden/{reporting_round.pk}/schliessen/")

    assert response.status_code == 303
    assert response["Location"] == reporting_round.get_absolute_url()


@pytest.mark.parametrize("persona", ["official_berlin", "reader", "other_secretariat"])
def test_it_refuses_the_confirmation_page_to_those_who_may_not_close(
    setup: Setup, secretariat: User, persona: str, request
):  # type: ignore[no-untyped-def]
    reporting_round = setup.round(secretariat)

    response = client_for(request.getfixturevalue(persona)).get(
        f"/runden/{reporting_round.pk}/schliessen/"
    )

    assert response.status_code == 403


def test_closing_needs_a_known_round(setup: Setup, secretariat: User):
    reporting_round = setup.round(secretariat)
    client = client_for(secretariat)

    assert client.put(f"/runden/{reporting_round.pk}/schliessen/").status_code == 405
    assert client.post("/runden/999999/schliessen/").status_code == 404
    assert client.get("/runden/999999/schliessen/").status_code == 404
    reporting_round.refresh_from_db()
    assert reporting_round.is_open
