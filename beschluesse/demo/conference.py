"""One demo conference as an exchange document: ``demo_conference(number=…, seed=…)`` and the
builders of its agenda, resolutions, clauses and demands. The same arguments give the same
document."""

import datetime
import random
import textwrap
from typing import Any

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
from intmk.laender import LAENDER

LINE_WIDTH = 90  # characters per printed line, for plausible line numbers

# The chair rotates alphabetically; the 18th was Hessen, the 19th Mecklenburg-Vorpommern.
CHAIR_OFFSET = 12


def chair_code(number: int) -> str:
    return LAENDER[(number - CHAIR_OFFSET) % len(LAENDER)][0]


def demo_conference(*, number: int, seed: int) -> dict[str, Any]:
    """One conference as an exchange document; the same arguments give the same document."""
    rng = random.Random(f"{seed}-{number}")
    chair = chair_code(number)
    year = 2005 + number
    first_day = datetime.date(year, rng.choice([3, 4, 5, 6]), rng.randint(1, 27))
    resolutions = _resolutions(rng, number=number, chair=chair)
    agenda = [_agenda_item(r) for r in resolutions] + _agenda_without_resolution(number, chair)
    return {
        "konferenz": {
            "nummer": number,
            "jahr": year,
            "ort": rng.choice(PLACES[chair]),
            "beginn": first_day.isoformat(),
            "ende": (first_day + datetime.timedelta(days=1)).isoformat(),
            "vorsitz": chair,
            "motto": rng.choice(MOTTOS),
        },
        "tagesordnung": agenda,
        "beschluesse": resolutions,
        "warnungen": [],
    }


def _agenda_item(resolution: dict[str, Any]) -> dict[str, Any]:
    return {
        "top": resolution["top"],
        "titel": resolution["titel"],
        "gruppe": resolution.pop("_gruppe"),
        "antragsteller": resolution["antragsteller"],
        "federfuehrend": resolution["federfuehrend"] or resolution["berichterstatter"],
        "gruene_liste": resolution["gruene_liste"],
    }


def _agenda_without_resolution(number: int, chair: str) -> list[dict[str, Any]]:
    titles = [
        ("7", "Austausch mit den Kommunalen Spitzenverbänden"),
        ("8", "Kamingespräch"),
        ("9", "Sonstiges"),
    ]
    return [
        {
            "top": top,
            "titel": title,
            "gruppe": "",
            "antragsteller": [],
            "federfuehrend": chair if top == "8" else None,
            "gruene_liste": False,
        }
        for top, title in titles
    ]


def _resolutions(rng: random.Random, *, number: int, chair: str) -> list[dict[str, Any]]:
    """TOP A, reports under TOP 1, the lead motion TOP 2 and ~20 themed motions 3.x-6.x."""
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
    *, top: str, title: str, group: str, applicants: list[str], lead: str | None
) -> dict[str, Any]:
    return {
        "top": top,
        "titel": title,
        "_gruppe": group,  # moved to the agenda item
        "abstimmung": "einstimmig",
        "gruene_liste": False,
        "antragsteller": applicants,
        "federfuehrend": lead,
        "berichterstatter": None,
        "zeilen": 0,
        "ziffern": [],
        "protokollnotizen": [],
        "verweise": [],
    }


def _simple(
    top: str,
    title: str,
    chair: str,
    *,
    kind: str,
    text: str,
    group: str,
    consent: bool = False,
) -> dict[str, Any]:
    resolution = _resolution(top=top, title=title, group=group, applicants=[chair], lead=chair)
    resolution["gruene_liste"] = consent
    resolution["ziffern"] = [_clause(None, kind, text, [], first_line=1)]
    resolution["zeilen"] = resolution["ziffern"][0]["zeile_bis"]
    return resolution


def _oral_report(rng: random.Random, *, group: str) -> dict[str, Any]:
    rapporteur = rng.choice(LAENDER)[0]
    topic = rng.choice(TOPICS["5"])
    resolution = _resolution(
        top="1.3", title=f"Bericht über Erfahrungen im Bereich {topic}", group=group,
        applicants=[], lead=None,
    )  # fmt: skip
    resolution["abstimmung"] = None
    resolution["berichterstatter"] = rapporteur
    text = "Die IntMK nimmt den mündlichen Bericht zur Kenntnis."
    resolution["ziffern"] = [_clause(None, "kenntnisnahme", text, [], first_line=1)]
    resolution["zeilen"] = 1
    return resolution


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
) -> dict[str, Any]:
    """A motion with numbered clauses, demands, sometimes dissent and references."""
    resolution = _resolution(top=top, title=title, group=group, applicants=applicants, lead=lead)
    resolution["gruene_liste"] = rng.random() < 0.15
    line = 1
    repeated = False
    for position in range(clauses):
        kind = _pick_kind(rng) if position else rng.choice(["feststellung", "begruessung"])
        again = kind in {"forderung", "bitte"} and number > 1 and rng.random() < 0.3
        text, demands = _clause_text(rng, kind, topic, again=again)
        clause = _clause(str(position + 1), kind, text, demands, first_line=line)
        resolution["ziffern"].append(clause)
        line = clause["zeile_bis"] + 1
        repeated = repeated or again
    if repeated or rng.random() < 0.1:
        earlier = max(1, number - rng.randint(1, 3))
        resolution["verweise"] = [
            {"konferenz": earlier, "top": top, "ziffer": rng.choice([None, "1", "2"])}
        ]
    if rng.random() < 0.2:
        resolution["abstimmung"] = "mehrheitlich"
        land = rng.choice([code for code, _ in LAENDER if code not in applicants] or ["DE-BY"])
        name = dict(LAENDER)[land]
        note = f"{name} trägt den Beschluss nicht mit, da {rng.choice(REASONS)}."
        lines = _line_count(note)
        resolution["protokollnotizen"] = [
            {"land": land, "zeile_von": line, "zeile_bis": line + lines - 1, "text": note}
        ]
        line += lines
    resolution["zeilen"] = line - 1
    return resolution


def _pick_kind(rng: random.Random) -> str:
    kinds = list(KINDS)
    return rng.choices(kinds, weights=[KINDS[k][0] for k in kinds])[0]


def _clause_text(
    rng: random.Random, kind: str, topic: str, *, again: bool
) -> tuple[str, list[dict[str, str]]]:
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
        demands.append({"adressat": addressee, "ebene": level, "art": kind, "wortlaut": sentence})
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
    demands: list[dict[str, str]],
    *,
    first_line: int,
) -> dict[str, Any]:
    return {
        "nummer": number,
        "zeile_von": first_line,
        "zeile_bis": first_line + _line_count(text) - 1,
        "text": text,
        "art": kind,
        "forderungen": demands,
    }


def _line_count(text: str) -> int:
    return len(textwrap.wrap(text, LINE_WIDTH)) or 1
