"""Keyword-only factories: each call states the details a test relies on."""

import datetime
from collections.abc import Iterable

from beschluesse.models import (
    AgendaItem,
    Clause,
    Conference,
    Demand,
    DissentNote,
    Kind,
    Level,
    Reference,
    Resolution,
    Vote,
)
from beschluesse.services import clause_search_vectors_update
from erfolgskontrolle.models import Implementation, ProgressEntry, ReportingRound, Source, Stance
from erfolgskontrolle.services import Link, progress_entry_create
from intmk.models import Land, Role, User


def land(code: str) -> Land:
    return Land.objects.get(code=code)


def make_conference(
    *,
    number: int = 19,
    year: int = 2024,
    place: str = "Rostock-Warnemünde",
    first_day: datetime.date | None = datetime.date(2024, 3, 20),
    last_day: datetime.date | None = datetime.date(2024, 3, 21),
    chair: str | None = "DE-MV",
    motto: str = "Miteinander wachsen",
) -> Conference:
    return Conference.objects.create(
        number=number,
        year=year,
        place=place,
        first_day=first_day,
        last_day=last_day,
        chair=land(chair) if chair else None,
        motto=motto,
    )


def make_agenda_item(
    *,
    conference: Conference,
    top: str = "3.3",
    title: str = "Teilhabe von Neuzugewanderten mit Behinderung verbessern",
    group: str = "Integration, Teilhabe und gesellschaftlicher Zusammenhalt",  # as imported
    applicants: Iterable[str] = ("DE-BE",),
    lead: str | None = "DE-BE",
    consent_list: bool = False,
    position: int = 0,
) -> AgendaItem:
    item = AgendaItem.objects.create(
        conference=conference,
        top=top,
        title=title,
        group=group,
        lead=land(lead) if lead else None,
        consent_list=consent_list,
        position=position,
    )
    item.applicants.set(Land.objects.filter(code__in=list(applicants)))
    return item


def make_resolution(
    *,
    conference: Conference,
    top: str = "3.3",
    title: str = "Teilhabe von Neuzugewanderten mit Behinderung verbessern",
    agenda_item: AgendaItem | None = None,
    vote: str = Vote.UNANIMOUS,
    consent_list: bool = False,
    applicants: Iterable[str] = ("DE-BE",),
    lead: str | None = "DE-BE",
    rapporteur: str | None = None,
    line_count: int = 0,
) -> Resolution:
    resolution = Resolution.objects.create(
        conference=conference,
        agenda_item=agenda_item,
        top=top,
        title=title,
        vote=vote,
        consent_list=consent_list,
        lead=land(lead) if lead else None,
        rapporteur=land(rapporteur) if rapporteur else None,
        line_count=line_count,
    )
    resolution.applicants.set(Land.objects.filter(code__in=list(applicants)))
    return resolution


def make_clause(
    *,
    resolution: Resolution,
    number: str = "1",
    text: str = "Die IntMK stellt fest, dass die Teilhabe verbessert werden muss.",
    kind: str = Kind.FESTSTELLUNG,
    line_from: int | None = None,
    line_to: int | None = None,
    position: int | None = None,
) -> Clause:
    if position is None:
        position = resolution.clauses.count()  # 0-based, as the importer writes it
    clause = Clause.objects.create(
        resolution=resolution,
        position=position,
        number=number,
        text=text,
        kind=kind,
        line_from=line_from,
        line_to=line_to,
    )
    clause_search_vectors_update(Clause.objects.filter(pk=clause.pk))
    return clause


def make_demand(
    *,
    clause: Clause,
    addressee: str = "Bund",
    level: str = Level.BUND,
    kind: str = Kind.FORDERUNG,
    wording: str = "fordert den Bund auf, die Teilhabe zu verbessern",
    position: int | None = None,
) -> Demand:
    if position is None:
        position = clause.demands.count()
    return Demand.objects.create(
        clause=clause,
        position=position,
        addressee=addressee,
        level=level,
        kind=kind,
        wording=wording,
    )


def make_dissent_note(
    *,
    resolution: Resolution,
    land_code: str = "DE-BY",
    text: str = "Bayern trägt den Beschluss nicht mit.",
    line_from: int | None = None,
    line_to: int | None = None,
    position: int = 0,
) -> DissentNote:
    return DissentNote.objects.create(
        resolution=resolution,
        land=land(land_code),
        text=text,
        line_from=line_from,
        line_to=line_to,
        position=position,
    )


def make_reference(
    *,
    resolution: Resolution,
    conference_number: int = 18,
    top: str = "2.3",
    clause_number: str = "",
    target: Resolution | None = None,
    position: int = 0,
) -> Reference:
    return Reference.objects.create(
        resolution=resolution,
        conference_number=conference_number,
        top=top,
        clause_number=clause_number,
        target=target,
        position=position,
    )


# Follow-up ------------------------------------------------------------------------------------


def make_user(
    *,
    username: str,
    roles: Iterable[tuple[str, str | None, int | None]] = (),  # (kind, Land code, year)
    email: str | None = None,
    password: str = "richtig-langes-passwort-2024",
    first_name: str = "",
    last_name: str = "",
) -> User:
    user = User.objects.create_user(
        username=username,
        email=email if email is not None else f"{username}@example.org",
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    for kind, code, year in roles:
        Role.objects.create(user=user, kind=kind, land=land(code) if code else None, year=year)
    return user


def make_entry(
    *,
    demand: Demand,
    author: User,
    land_code: str = "DE-BE",
    stance: str = "in Prüfung",
    implementation: str = "offen",
    text: str = "Der Bund prüft.",
    fact_date: datetime.date = datetime.date(2024, 9, 1),
    on_behalf: bool = False,
    links: Iterable[tuple[str, str]] = (),  # (url, label)
    corrects: ProgressEntry | None = None,
    source: str = Source.FORM,
) -> ProgressEntry:
    return progress_entry_create(
        demand=demand,
        land=land(land_code),
        author=author,
        on_behalf=on_behalf,
        fact_date=fact_date,
        stance=Stance.objects.get(name=stance),
        implementation=Implementation.objects.get(name=implementation),
        text=text,
        links=[Link(url=url, label=label) for url, label in links],
        corrects=corrects,
        source=source,
    )


def make_round(
    *,
    conference: Conference,
    opened_by: User,
    demands: Iterable[Demand],
    land_codes: Iterable[str] = ("DE-BE",),
    deadline: datetime.date = datetime.date(2025, 2, 28),
    title: str = "Erfolgskontrolle 2025",
) -> ReportingRound:
    reporting_round = ReportingRound.objects.create(
        conference=conference, title=title, deadline=deadline, opened_by=opened_by
    )
    reporting_round.demands.set(list(demands))
    reporting_round.lands.set(Land.objects.filter(code__in=list(land_codes)))
    return reporting_round
