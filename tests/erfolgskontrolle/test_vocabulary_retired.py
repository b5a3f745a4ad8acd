"""Terms in use are retired and replaced, never renamed (issue 10, "Append-only, completely").

Renaming "abgelehnt" to "zugestimmt" would change what every earlier entry shows; so a stance or
implementation state that an entry uses keeps its wording (an implementation state also its
report category). Admins retire it; forms and tables no longer offer it, entries keep it.
"""

import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from beschluesse.models import Demand
from erfolgskontrolle.models import Implementation, ProgressEntry, Stance
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.test_exchange import (
    export_csv,
    fill,
    make_demands,
    row_for,
    upload,
    write_csv,
)
from tests.factories import make_conference, make_entry

pytestmark = pytest.mark.django_db

KEPT = (
    "„abgelehnt“ steht schon in Sachständen und bleibt, wie es ist (sonst zeigten frühere "
    "Einträge etwas anderes, als erfasst wurde). Bitte „Auswählbar“ abwählen und eine neue "
    "Bezeichnung anlegen."
)


@pytest.fixture
def demand() -> Demand:
    return make_demands(make_conference(number=19, year=2024), lead="DE-BE", count=1)[0]


@pytest.fixture
def refused(demand: Demand, official_berlin: User) -> ProgressEntry:
    return make_entry(demand=demand, author=official_berlin, stance="abgelehnt", text="Nein.")


def change_stance(client: Client, stance: Stance, **data: str) -> object:
    values = {"name": stance.name, "position": str(stance.position), "active": "on", **data}
    if values["active"] != "on":
        del values["active"]
    url = reverse("admin:erfolgskontrolle_stance_change", args=[stance.pk])
    return client.post(url, values)


def test_the_admin_refuses_to_rename_a_stance_in_use(
    admin_client: Client, refused: ProgressEntry
) -> None:
    stance = Stance.objects.get(name="abgelehnt")

    response = change_stance(admin_client, stance, name="zugestimmt (neu)")

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["adminform"].form.errors["name"] == [KEPT]  # type: ignore[attr-defined]
    assert KEPT in response.content.decode()  # type: ignore[attr-defined]
    stance.refresh_from_db()
    assert stance.name == "abgelehnt"


def test_the_admin_renames_a_stance_nobody_used(
    admin_client: Client, refused: ProgressEntry
) -> None:
    stance = Stance.objects.get(name="teilweise zugestimmt")

    response = change_stance(admin_client, stance, name="in Teilen zugestimmt")

    assert response.status_code == 302  # type: ignore[attr-defined]
    stance.refresh_from_db()
    assert stance.name == "in Teilen zugestimmt"


def test_the_admin_refuses_to_move_an_implementation_in_use_to_another_category(
    admin_client: Client, refused: ProgressEntry
) -> None:
    state = Implementation.objects.get(name="offen")
    url = reverse("admin:erfolgskontrolle_implementation_change", args=[state.pk])

    response = admin_client.post(
        url, {"name": "offen", "category": "done", "position": str(state.position), "active": "on"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["category"] == [
        KEPT.replace("abgelehnt", "offen")
    ]
    state.refresh_from_db()
    assert state.category == "not_begun"


def test_a_retired_stance_stays_on_the_entries_that_used_it_and_leaves_the_forms(
    admin_client: Client, official_berlin: User, demand: Demand, refused: ProgressEntry
) -> None:
    stance = Stance.objects.get(name="abgelehnt")

    retired = change_stance(admin_client, stance, active="off")
    added = admin_client.post(
        reverse("admin:erfolgskontrolle_stance_add"),
        {"name": "nicht zugestimmt", "position": "50", "active": "on"},
    )

    assert (retired.status_code, added.status_code) == (302, 302)  # type: ignore[attr-defined]
    client = client_for(official_berlin)
    page = client.get(f"/forderungen/{demand.pk}/").content.decode()
    assert "<dd>abgelehnt</dd>" in page  # the entry keeps its own words
    form = client.get(f"/forderungen/{demand.pk}/sachstand/").content.decode()
    assert ">abgelehnt</option>" not in form
    assert ">nicht zugestimmt</option>" in form
    tasks = client.get("/aufgaben/").content.decode()
    entry_selects = re.findall(r'<select name="stance".*?</select>', tasks, re.S)
    assert len(entry_selects) == 1  # the Sammelerfassung
    assert ">abgelehnt</option>" not in entry_selects[0]
    assert ">nicht zugestimmt</option>" in entry_selects[0]
    # The filter still offers it: demands stand in it.
    assert re.search(r'name="haltung">(?:(?!</select>).)*>abgelehnt</option>', tasks, re.S)


def test_the_entry_form_refuses_a_retired_stance_sent_anyway(
    official_berlin: User, demand: Demand, refused: ProgressEntry
) -> None:
    Stance.objects.filter(name="abgelehnt").update(active=False)

    response = client_for(official_berlin).post(
        f"/forderungen/{demand.pk}/sachstand/",
        {
            "land": "DE-BE",
            "fact_date": "2024-10-01",
            "stance": str(Stance.objects.get(name="abgelehnt").pk),
            "implementation": str(Implementation.objects.get(name="offen").pk),
            "text": "Immer noch nein.",
            "gesehen": str(refused.pk),
        },
    )

    assert response.status_code == 200
    assert "Diese Haltung steht nicht (mehr) zur Auswahl." in response.content.decode()
    assert ProgressEntry.objects.count() == 1


def test_a_table_row_with_a_retired_stance_is_refused_in_german(
    official_berlin: User, demand: Demand
) -> None:
    Stance.objects.filter(name="abgelehnt").update(active=False)
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(row_for(rows, demand), date="01.09.2024", stance="abgelehnt", implementation="offen")
    fill(row_for(rows, demand), text="Nein.")

    response = upload(client, write_csv(rows))

    assert response.status_code == 400
    allowed = "keine Stellungnahme, zugestimmt, teilweise zugestimmt, in Prüfung"
    assert list(response.context["form"].errors["file"]) == [
        f"Zeile 2: Haltung „abgelehnt“ ist ausgemustert und steht nicht mehr zur Auswahl. "
        f"Erlaubt: {allowed}."
    ]
    assert ProgressEntry.objects.count() == 0


def test_an_untouched_export_still_uploads_after_its_stance_was_retired(
    official_berlin: User, demand: Demand, refused: ProgressEntry
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    Stance.objects.filter(name="abgelehnt").update(active=False)

    response = upload(client, write_csv(rows))

    assert response.status_code == 303
    assert ProgressEntry.objects.count() == 1


def test_the_database_refuses_a_rename_of_a_term_in_use_from_any_path(
    refused: ProgressEntry,
) -> None:
    with (
        pytest.raises(IntegrityError, match="„abgelehnt“ steht schon in Sachständen"),
        transaction.atomic(),
    ):
        Stance.objects.filter(name="abgelehnt").update(name="zugestimmt (neu)")
    with (
        pytest.raises(IntegrityError, match="„offen“ steht schon in Sachständen"),
        transaction.atomic(),
    ):
        Implementation.objects.filter(name="offen").update(category="done")

    Stance.objects.filter(name="abgelehnt").update(active=False, position=99)  # retiring is fine
    Stance.objects.filter(name="in Prüfung").update(name="wird geprüft")  # unused: renamed
    assert Stance.objects.get(pk=refused.stance_id).name == "abgelehnt"
