"""The 19th IntMK with three followed-up demands and entries, for the report tests."""

import datetime
from dataclasses import dataclass

from beschluesse.models import Conference, Demand, Kind, Level
from intmk.models import User
from tests.factories import (
    make_agenda_item,
    make_clause,
    make_conference,
    make_demand,
    make_dissent_note,
    make_entry,
    make_resolution,
)


@dataclass
class ReportWorld:
    conference: Conference
    to_bund: Demand  # TOP 3.3 Ziffer 3, Berlin leads: "in Umsetzung" (Berlin), Bayern contributes
    to_laender: Demand  # TOP 3.3 Ziffer 4: no entry at all
    to_bmas: Demand  # TOP 2 Ziffer 1, Bayern leads: "umgesetzt"


def make_report_world(*, berlin: User, bayern: User) -> ReportWorld:
    conference = make_conference(number=19, year=2024, chair="DE-MV")
    item = make_agenda_item(conference=conference, top="3.3", group="Teilhabe")
    top33 = make_resolution(conference=conference, top="3.3", lead="DE-BE", agenda_item=item)
    make_dissent_note(resolution=top33, land_code="DE-BY", text="Bayern enthält sich.")
    make_clause(resolution=top33, number="1")  # a Feststellung: not followed up
    to_bund = make_demand(
        clause=make_clause(
            resolution=top33, number="3", kind=Kind.FORDERUNG, line_from=12, line_to=15
        ),
        wording="fordert den Bund auf, ein Bundesteilhabegesetz vorzulegen",
    )
    to_laender = make_demand(
        clause=make_clause(resolution=top33, number="4", kind=Kind.PRUEFBITTE),
        addressee="Länder",
        level=Level.LAND,
        kind=Kind.PRUEFBITTE,
        wording="bittet die Länder zu prüfen, ob Beratungsstellen fehlen",
    )
    top2 = make_resolution(
        conference=conference,
        top="2",
        title="Leitantrag: Miteinander wachsen",
        lead="DE-BY",
        applicants=("DE-BY", "DE-HE"),
    )
    to_bmas = make_demand(
        clause=make_clause(resolution=top2, number="1", kind=Kind.FORDERUNG),
        addressee="BMAS",
        wording="fordert das BMAS auf, die Berufssprachkurse zu sichern",
    )
    make_entry(
        demand=to_bund,
        author=berlin,
        land_code="DE-BE",
        stance="zugestimmt",
        implementation="in Umsetzung",
        text="Referentenentwurf liegt vor.",
        fact_date=datetime.date(2024, 10, 1),
        links=[("https://www.bundestag.de/drucksache", "BT-Drs. 20/1234")],
    )
    make_entry(
        demand=to_bund,
        author=bayern,
        land_code="DE-BY",
        stance="in Prüfung",
        implementation="offen",
        text="Bayern sieht Klärungsbedarf.",
    )
    make_entry(
        demand=to_bmas,
        author=bayern,
        land_code="DE-BY",
        stance="zugestimmt",
        implementation="umgesetzt",
        text="Die Mittel sind im Haushalt 2025 gesichert.",
    )
    return ReportWorld(conference, to_bund, to_laender, to_bmas)
