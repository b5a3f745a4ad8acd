"""One demo conference in the exchange format: ``demo_conference(number=…, seed=…)`` and the
builders of its agenda, resolutions, clauses and demands. The same arguments give the same
document."""

import datetime
import random
import textwrap

from beschluesse.demo.words import (
    ACTIONS,
    ADDRESSEES,
    GROUPS,
    KINDS,
    MOTTOS,
    PLACES,
    REASONS,
    STATEMENTS,
    TITLE_PATTERNS,
    TOPICS,
)
from beschluesse.importer.exchange import (
    AgendaRecord,
    ClauseRecord,
    ConferenceRecord,
    DemandRecord,
    Minutes,
    NoteRecord,
    ReferenceRecord,
    ResolutionRecord,
)
from intmk.laender import LAENDER

LINE_WIDTH = 90  # characters per printed line, for plausible line numbers

# The chair rotates alphabetically; the 18th was Hessen, the 19th Mecklenburg-Vorpommern.
CHAIR_OFFSET = 12


def chair_code(number: int) -> str:
    return LAENDER[(number - CHAIR_OFFSET) % len(LAENDER)][0]


def demo_conference(*, number: int, seed: int) -> Minutes:
    """One conference in the exchange format; the same arguments give the same minutes."""
    rng = random.Random(f"{seed}-{number}")
    chair = chair_code(number)
    year = 2005 + number
    first_day = datetime.date(year, rng.choice([3, 4, 5, 6]), rng.randint(1, 27))
    grouped = _resolutions(rng, number=number, chair=chair)
    agenda = [_agenda_item(r, group) for r, group in grouped]
    return Minutes(
        conference=ConferenceRecord(
            number=number,
            year=year,
            place=rng.choice(PLACES[chair]),
            first_day=first_day,
            last_day=first_day + datetime.timedelta(days=1),
            chair=chair,
            motto=rng.choice(MOTTOS),
        ),
        agenda=agenda + _agenda_without_resolution(number, chair),
        resolutions=[r for r, _ in grouped],
    )


def _agenda_item(resolution: ResolutionRecord, group: str) -> AgendaRecord:
    return AgendaRecord(
        top=resolution.top,
        title=resolution.title,
        group=group,
        applicants=resolution.applicants,
        lead=resolution.lead or resolution.rapporteur,
        consent_list=resolution.consent_list,
    )


def _agenda_without_resolution(number: int, chair: str) -> list[AgendaRecord]:
    titles = [
        ("7", "Austausch mit den Kommunalen Spitzenverbänden"),
        ("8", "Kamingespräch"),
        ("9", "Sonstiges"),
    ]
    return [AgendaRecord(top, title, lead=chair if top == "8" else None) for top, title in titles]


def _resolutions(
    rng: random.Random, *, number: int, chair: str
) -> list[tuple[ResolutionRecord, str]]:
    """TOP A, reports under TOP 1, the lead motion TOP 2 and ~20 themed motions 3.x-6.x, each
    with the group heading of its agenda item."""
    group_1 = "Grüne Liste, Berichte der AGs, Erfolgskontrolle"
    resolutions = [
        _simple("A", "Genehmigung der Tagesordnung", chair, kind="feststellung",
                text="Die Tagesordnung wird in vorliegender Fassung beschlossen.", group=""),
        _simple("1.1", "Grüne Liste", chair, kind="feststellung", group=group_1,
                text="Die IntMK beschließt die Beschlussvorschläge der Grünen Liste gemäß "
                "den Ergebnissen der Vorkonferenz."),
        _simple("1.2", f"Erfolgskontrolle der {number - 1}. IntMK", chair,
                kind="kenntnisnahme", group=group_1, consent=True,
                text=f"Die IntMK nimmt die Erfolgskontrolle der {number - 1}. IntMK zur "
                "Kenntnis."),
        _oral_report(rng, group=group_1),
        _motion(rng, top="2", number=number, topic="gesellschaftlicher Zusammenhalt",
                title="Leitantrag: Miteinander wachsen", group="Leitantrag", clauses=8,
                applicants=[code for code, _ in LAENDER if code != "DE-BY"], lead=chair),
    ]  # fmt: skip
    for group_top, count in (("3", 7), ("4", 5), ("5", 5), ("6", 5)):
        topics = rng.sample(TOPICS[group_top], k=min(count, len(TOPICS[group_top])))
        for index, topic in enumerate(topics, start=1):
            applicants = sorted(rng.sample([c for c, _ in LAENDER], k=rng.randint(1, 8)))
            resolutions.append(
                _motion(
                    rng,
                    top=f"{group_top}.{index}",
                    number=number,
                    topic=topic,
                    title=rng.choice(TITLE_PATTERNS).format(
                        Topic=topic[0].upper() + topic[1:], topic=topic
                    ),
                    group=GROUPS[group_top],
                    clauses=rng.randint(2, 6),
                    applicants=applicants,
                    lead=rng.choice(applicants),
                )
            )
    return resolutions


def _resolution(
    *, top: str, title: str, applicants: list[str], lead: str | None
) -> ResolutionRecord:
    return ResolutionRecord(
        top=top, title=title, vote="einstimmig", applicants=applicants, lead=lead
    )


def _simple(
    top: str,
    title: str,
    chair: str,
    *,
    kind: str,
    text: str,
    group: str,
    consent: bool = False,
) -> tuple[ResolutionRecord, str]:
    resolution = _resolution(top=top, title=title, applicants=[chair], lead=chair)
    resolution.consent_list = consent
    resolution.clauses = [_clause(None, kind, text, [], first_line=1)]
    resolution.line_count = resolution.clauses[0].line_to or 1
    return resolution, group


def _oral_report(rng: random.Random, *, group: str) -> tuple[ResolutionRecord, str]:
    rapporteur = rng.choice(LAENDER)[0]
    topic = rng.choice(TOPICS["5"])
    resolution = _resolution(
        top="1.3", title=f"Bericht über Erfahrungen im Bereich {topic}", applicants=[], lead=None
    )
    resolution.vote = None
    resolution.rapporteur = rapporteur
    text = "Die IntMK nimmt den mündlichen Bericht zur Kenntnis."
    resolution.clauses = [_clause(None, "kenntnisnahme", text, [], first_line=1)]
    resolution.line_count = 1
    return resolution, group


def _motion(
    rng: random.Random,
    *,
    top: str,
    number: int,
    topic: str,
    title: str,
    group: str,
    clauses: int,
    applicants: list[str],
    lead: str,
) -> tuple[ResolutionRecord, str]:
    """A motion with numbered clauses, demands, sometimes dissent and references."""
    resolution = _resolution(top=top, title=title, applicants=applicants, lead=lead)
    resolution.consent_list = rng.random() < 0.15
    line = 1
    repeated = False
    for position in range(clauses):
        kind = _pick_kind(rng) if position else rng.choice(["feststellung", "begruessung"])
        again = kind in {"forderung", "bitte"} and number > 1 and rng.random() < 0.3
        text, demands = _clause_text(rng, kind, topic, again=again)
        clause = _clause(str(position + 1), kind, text, demands, first_line=line)
        resolution.clauses.append(clause)
        line = (clause.line_to or line) + 1
        repeated = repeated or again
    if repeated or rng.random() < 0.1:
        earlier = max(1, number - rng.randint(1, 3))
        resolution.references = [ReferenceRecord(earlier, top, rng.choice([None, "1", "2"]))]
    if rng.random() < 0.2:
        resolution.vote = "mehrheitlich"
        land = rng.choice([code for code, _ in LAENDER if code not in applicants] or ["DE-BY"])
        name = dict(LAENDER)[land]
        note = f"{name} trägt den Beschluss nicht mit, da {rng.choice(REASONS)}."
        lines = _line_count(note)
        resolution.notes = [NoteRecord(land, line, line + lines - 1, note)]
        line += lines
    resolution.line_count = line - 1
    return resolution, group


def _pick_kind(rng: random.Random) -> str:
    kinds = list(KINDS)
    return rng.choices(kinds, weights=[KINDS[k][0] for k in kinds])[0]


def _clause_text(
    rng: random.Random, kind: str, topic: str, *, again: bool
) -> tuple[str, list[DemandRecord]]:
    """The wording of a clause of this kind and the demands it carries."""
    levels = KINDS[kind][1]
    if not levels:
        statement = rng.choice(STATEMENTS).format(topic=topic)
        text = {
            "begruessung": f"Die IntMK begrüßt, dass {statement}.",
            "feststellung": f"Die IntMK stellt fest, dass {statement}.",
            "kenntnisnahme": f"Die IntMK nimmt den Bericht zum Thema {topic} zur Kenntnis.",
        }[kind]
        return text, []
    demands = []
    sentences = []
    for level in rng.sample(levels, k=min(len(levels), rng.choice([1, 1, 1, 2]))):
        addressee, accusative = rng.choice(ADDRESSEES[level])
        if kind == "selbstverpflichtung":
            addressee = "Länder"
        action = rng.choice(ACTIONS).format(topic=topic)
        sentence = _demand_sentence(kind, accusative, action, again=again)
        sentences.append(sentence)
        demands.append(DemandRecord(addressee, level, kind, sentence))
    if rng.random() < 0.5:
        sentences.insert(0, f"Die IntMK sieht, dass {rng.choice(STATEMENTS).format(topic=topic)}.")
    return " ".join(sentences), demands


def _demand_sentence(kind: str, accusative: str, action: str, *, again: bool) -> str:
    erneut = "erneut " if again else ""
    return {
        "forderung": f"Die IntMK fordert {accusative} {erneut}auf, {action}.",
        "pruefbitte": f"Die IntMK bittet {accusative} zu prüfen, inwieweit es möglich ist, "
        f"{action}.",
        "bitte": f"Die IntMK bittet {accusative} {erneut}, {action}.".replace(" ,", ","),
        "empfehlung": f"Die IntMK empfiehlt, {action}; sie richtet diese Empfehlung an "
        f"{accusative}.",
        "auftrag": f"Die IntMK beauftragt {accusative}, {action} und der nächsten IntMK zu "
        "berichten.",
        "selbstverpflichtung": f"Die Länder sagen zu, {action}.",
    }[kind]


def _clause(
    number: str | None,
    kind: str,
    text: str,
    demands: list[DemandRecord],
    *,
    first_line: int,
) -> ClauseRecord:
    last_line = first_line + _line_count(text) - 1
    return ClauseRecord(number, first_line, last_line, text, kind, demands)


def _line_count(text: str) -> int:
    return len(textwrap.wrap(text, LINE_WIDTH)) or 1
