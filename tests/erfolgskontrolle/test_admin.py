"""The admin site: vocabularies are curated there; entries, rounds and reminders only read.

"No entry is edited or deleted, not even by admins through the admin site" (issue 3).
"""

import pytest
from django.test import Client
from django.urls import reverse

from erfolgskontrolle.models import ProgressEntry, Stance
from intmk.models import Role, RoleKind, User
from tests.factories import (
    land,
    make_clause,
    make_conference,
    make_demand,
    make_entry,
    make_resolution,
    make_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(official_berlin: User) -> ProgressEntry:
    resolution = make_resolution(conference=make_conference(), top="3.3", lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution, number="2"))
    return make_entry(
        demand=demand,
        author=official_berlin,
        text="Der Bund prüft.",
        links=[("https://dip.bundestag.de/drucksache/20/1234", "BT-Drs. 20/1234")],
    )


def test_an_admin_can_read_an_entry_with_its_links(
    admin_client: Client, entry: ProgressEntry
) -> None:
    response = admin_client.get(
        reverse("admin:erfolgskontrolle_progressentry_change", args=[entry.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Der Bund prüft." in html
    assert "BT-Drs. 20/1234" in html
    assert "19. IntMK, TOP 3.3, Ziffer 2" in html
    assert 'name="_save"' not in html
    assert 'name="text"' not in html


def test_the_admin_refuses_to_change_an_entry(admin_client: Client, entry: ProgressEntry) -> None:
    url = reverse("admin:erfolgskontrolle_progressentry_change", args=[entry.pk])

    response = admin_client.post(url, {"text": "Nachträglich geschönt.", "_save": "Sichern"})

    assert response.status_code == 403
    assert "Kein Zugriff" in response.content.decode()
    entry.refresh_from_db()
    assert entry.text == "Der Bund prüft."


def test_the_admin_refuses_to_delete_an_entry(admin_client: Client, entry: ProgressEntry) -> None:
    url = reverse("admin:erfolgskontrolle_progressentry_delete", args=[entry.pk])

    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()


def test_the_entry_list_has_no_delete_action(admin_client: Client, entry: ProgressEntry) -> None:
    url = reverse("admin:erfolgskontrolle_progressentry_changelist")

    page = admin_client.get(url)
    bulk = admin_client.post(
        url, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )

    assert page.status_code == 200
    assert "delete_selected" not in page.content.decode()
    assert bulk.status_code in {200, 302}
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_cannot_add_an_entry(admin_client: Client) -> None:
    response = admin_client.get(reverse("admin:erfolgskontrolle_progressentry_add"))

    assert response.status_code == 403


def test_rounds_and_reminders_are_read_only_in_the_admin(
    admin_client: Client, admin_user: User, entry: ProgressEntry
) -> None:
    reporting_round = make_round(
        conference=entry.demand.clause.resolution.conference,
        opened_by=admin_user,
        demands=[entry.demand],
    )

    change = admin_client.post(
        reverse("admin:erfolgskontrolle_reportinground_change", args=[reporting_round.pk]),
        {"title": "Umbenannt"},
    )
    delete = admin_client.post(
        reverse("admin:erfolgskontrolle_reportinground_delete", args=[reporting_round.pk]),
        {"post": "yes"},
    )

    assert (change.status_code, delete.status_code) == (403, 403)
    reporting_round.refresh_from_db()
    assert reporting_round.title == "Erfolgskontrolle 2025"
    assert admin_client.get(reverse("admin:erfolgskontrolle_reminder_add")).status_code == 403


def test_an_admin_extends_a_vocabulary_and_it_is_recorded_who_did(
    admin_client: Client, admin_user: User
) -> None:
    response = admin_client.post(
        reverse("admin:erfolgskontrolle_stance_add"),
        {"name": "an Fachministerkonferenz verwiesen", "position": "60", "active": "on"},
    )

    assert response.status_code == 302
    stance = Stance.objects.get(name="an Fachministerkonferenz verwiesen")
    assert stance.history.get().history_user == admin_user


def test_a_role_granted_in_the_admin_is_recorded_with_who_granted_it(
    admin_client: Client, admin_user: User, no_role: User
) -> None:
    response = admin_client.post(
        reverse("admin:intmk_role_add"),
        {"user": no_role.pk, "kind": RoleKind.OFFICIAL, "land": land("DE-HE").pk, "year": ""},
    )

    assert response.status_code == 302
    role = Role.objects.get(user=no_role)
    assert (role.kind, role.land.code) == (RoleKind.OFFICIAL, "DE-HE")
    assert role.history.get().history_user == admin_user


def test_the_user_page_lists_the_roles(admin_client: Client, secretariat: User) -> None:
    changelist = admin_client.get(reverse("admin:intmk_user_changelist"))
    change = admin_client.get(reverse("admin:intmk_user_change", args=[secretariat.pk]))

    assert "Geschäftsstelle (Vorsitzland) Mecklenburg-Vorpommern 2024" in (
        changelist.content.decode()
    )
    assert change.status_code == 200
    assert 'name="roles-0-kind"' in change.content.decode()
