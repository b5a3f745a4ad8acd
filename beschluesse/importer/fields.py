"""Fields of IntMK minutes: what the cover, the agenda and a resolution page say about one thing.

The conference on the cover (number, year, dates, place, chair, motto), a TOP number, the Länder
named as applicants and the underlined lead applicant, a title split from its applicants, and
the vote.  References to other resolutions are in ``references``; line cleanup is in ``text``.
"""

import datetime
import re

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.exchange import ConferenceRecord
from beschluesse.importer.text import MONTHS, PLACE, repair_land_names, strip_markup
from beschluesse.models import Vote
from intmk.laender import CODE_BY_NAME, LAENDER

# The word before a TOP number: "TOP 3.3", "Top 3.3", "Tagesordnungspunkt 3.3"
TOP_WORD = r"(?:TOP|Top|Tagesordnungspunkt)"
TOP_NUMBER = r"(?:[A-Z]\d{0,2}(?:\.\d{1,2})*|\d{1,2}(?:\.\d{1,2})*[a-z]?)"
# "19. IntMK", "19. Integrationsministerkonferenz", and the name in words of earlier years:
# "7. Konferenz der für Integration zuständigen Ministerinnen und Minister / Senatorinnen …"
_CONFERENCE = re.compile(
    r"\b(?P<nummer>\d{1,2})\.\s*(?:IntMK|Integrationsministerkonferenz"
    r"|Konferenz\s+der\s+(?:für\s+Integration\s+zuständigen|Integrationsminister))"
)
_CONFERENCE_YEAR = re.compile(
    r"\b(?P<nummer>\d{1,2})\.\s*(?:IntMK|Integrationsministerkonferenz)\s+(?P<jahr>(?:19|20)\d\d)\b"
)
_MONTHS = {name: number for number, name in enumerate(MONTHS, start=1)}
# The place runs to the end of its line ("in Frankfurt am Main", "in Halle (Saale)"); the date
# may wrap ("am 20. – 21. März\n2024 in Rostock-Warnemünde").
# "am 21./22. März 2012", "am 20. und 21. März 2024"; a written procedure runs "vom 20. April
# bis 8. Mai 2020".
_MONTH = rf"(?:{'|'.join(MONTHS)})"
_DATES = re.compile(
    r"\b(?:am|vom)\s+(?P<von>\d{1,2})\.\s*(?:(?P<monat_von>" + _MONTH + r")\s+)?"
    r"(?:(?:[-–/]|und|bis)\s*(?P<bis>\d{1,2})\.\s*)?"
    rf"(?P<monat>{_MONTH})\s+(?P<jahr>\d{{4}})(?:\s+in[ \t]+(?P<ort>{PLACE}))?"
)
# Without "am": only a range of days counts ("Überherrn, 21./22. März 2012"), not a single
# date such as "Stand: 15. April 2024".
_DATE_RANGE = re.compile(
    r"\b(?P<von>\d{1,2})\.\s*(?:(?P<monat_von>" + _MONTH + r")\s+)?"
    r"(?:[-–/]|und|bis)\s*(?P<bis>\d{1,2})\.\s*"
    rf"(?P<monat>{_MONTH})\s+(?P<jahr>\d{{4}})(?:\s+in[ \t]+(?P<ort>{PLACE}))?"
)
# "am 20.03.2024", "am 20.-21.03.2024", "vom 20.04. bis 08.05.2020"
_NUMERIC_DATES = re.compile(
    r"\b(?:am|vom)\s+(?P<von>\d{1,2})\.(?:(?P<monat_von>\d{1,2})\.(?:(?:19|20)\d\d)?)?"
    r"\s*(?:(?:[-–/]|und|bis)\s*(?P<bis>\d{1,2})\.)?(?P<monat>\d{1,2})\.(?P<jahr>(?:19|20)\d\d)"
    rf"(?:\s+in[ \t]+(?P<ort>{PLACE}))?"
)
_PLACE_BEFORE_DATE = re.compile(rf"\bin[ \t]+(?P<ort>{PLACE})[ \t]+(?:am|vom)\b")
# "Alle Länder", "aller Länder", "Alle Länder außer Bayern"
_ALL_LAENDER = re.compile(r"\b(?i:alle|aller)\s+Länder\b(?:\s+(?:außer|ohne)\s+(?P<except>.*))?")
_ALL_START = re.compile(r"\bAlle\s+Länder\b")  # capitalised: "für alle Länder" is a title
_LAND_NAMES = re.compile(
    r"\b(?:"
    + "|".join(re.escape(name) for name in sorted(CODE_BY_NAME, key=len, reverse=True))
    + r")\b"
)
# The Länder abbreviated as in tables and lists of applicants: the ISO codes' letters ("BE",
# "NW") and the common "NRW", "RLP", "LSA"; capitals only, as whole words.
CODE_BY_ABBREVIATION = {code[3:]: code for code in CODE_BY_NAME.values()} | {
    "NRW": "DE-NW",
    "RLP": "DE-RP",
    "LSA": "DE-ST",
}
_ABBREVIATION = (
    r"(?<![\w-])(?:" + "|".join(sorted(CODE_BY_ABBREVIATION, key=len, reverse=True)) + r")(?![\w-])"
)
# The chairing Land named by its role ("Antragsteller: Vorsitzland"); ``with_chair`` reads it.
CHAIR_LAND = r"\bVorsitzland\b"
_LAND_OR_ABBREVIATION = re.compile(rf"{_LAND_NAMES.pattern}|{_ABBREVIATION}")


# --- cover ---------------------------------------------------------------------------------


def parse_conference(cover: list[str], document: list[str]) -> ConferenceRecord:
    """Number, year, dates, place, chair and motto from the cover; the year may also come from
    a page header of the same conference ("19. Integrationsministerkonferenz 2024")."""
    texts = [strip_markup(raw) for raw in cover]
    joined = repair_land_names(" ".join(texts))
    number = _CONFERENCE.search(joined)
    if not number:
        raise NiederschriftError(
            "Der Text ist keine IntMK-Niederschrift: Die Kopfzeile mit der Konferenz "
            "(zum Beispiel „19. IntMK 2024“) fehlt."
        )
    nummer = int(number.group("nummer"))
    beginn: datetime.date | None = None
    ende: datetime.date | None = None
    ort = ""
    jahr = None
    # joined by line breaks, so that the place ends with its line
    lined = repair_land_names("\n".join(texts))
    if dates := _DATES.search(lined) or _NUMERIC_DATES.search(lined) or _DATE_RANGE.search(lined):
        jahr = int(dates.group("jahr"))
        month = _month(dates.group("monat"))
        first_month = _month(dates.group("monat_von")) if dates.group("monat_von") else month
        beginn = _day(jahr, first_month, dates.group("von"))
        ende = _day(jahr, month, dates.group("bis") or dates.group("von"))
        place_first = _PLACE_BEFORE_DATE.search(lined)
        ort = dates.group("ort") or (place_first.group("ort") if place_first else "")
    jahr = jahr or _conference_year(joined, nummer) or _header_year(document, nummer)
    if jahr is None:
        raise NiederschriftError(
            f"Das Jahr der {nummer}. IntMK ist nicht zu erkennen: Weder die Kopfzeile "
            f"(zum Beispiel „{nummer}. IntMK 2024“) noch das Datum der Konferenz (zum Beispiel "
            "„am 20. März 2024“) nennt ein Jahr."
        )
    return ConferenceRecord(
        number=nummer,
        year=jahr,
        place=ort,
        first_day=beginn,
        last_day=ende,
        chair=_chair(joined),
        motto=_motto(texts),
    )


def _day(year: int, month: int, day: str) -> datetime.date:
    try:
        return datetime.date(year, month, int(day))
    except ValueError:
        raise NiederschriftError(
            f"Das Datum der Konferenz ist ungültig: {day}.{month}.{year}."
        ) from None


def _month(value: str) -> int:
    """ "März" or "03" → 3."""
    return int(value) if value.isdigit() else _MONTHS[value]


def _conference_year(text: str, nummer: int) -> int | None:
    """The year of "19. IntMK 2024" in ``text``, for this conference only (not "18. IntMK 2023")."""
    for match in _CONFERENCE_YEAR.finditer(text):
        if int(match.group("nummer")) == nummer:
            return int(match.group("jahr"))
    return None


def _header_year(document: list[str], nummer: int) -> int | None:
    """The year from a conference header line on a resolution page."""
    for raw in document:
        if "konferenz" in raw or "IntMK" in raw:
            text = strip_markup(raw)
            if (found := _CONFERENCE_YEAR.fullmatch(text)) and int(found.group("nummer")) == nummer:
                return int(found.group("jahr"))
    return None


def _chair(cover: str) -> str | None:
    """The Land after "Vorsitz:", which may first name the minister and the ministry ("Vorsitz:
    Minister für Inneres und Sport des Saarlandes"); without the label, the first Land."""
    if label := re.search(r"\bVorsitz\s*:\s*(.{0,200})", cover):
        genitive = re.sub(r"\bSaarlandes\b", "Saarland", label.group(1))
        if land := _LAND_NAMES.search(genitive):
            return CODE_BY_NAME[land.group(0)]
    land = _LAND_NAMES.search(cover)
    return CODE_BY_NAME[land.group(0)] if land else None


def _motto(texts: list[str]) -> str:
    """The line after "19. IntMK 2024" and the chair's name on the cover, or a "Motto:" label."""
    for text in texts:
        if label := re.match(r"^Motto\s*:\s*(.+)$", text):
            return label.group(1).strip('„“" ')
    non_blank = [t for t in texts if t]
    for i, text in enumerate(non_blank):
        if re.fullmatch(r"\d{1,2}\.\s*IntMK\s+\d{4}", text):
            following = [t for t in non_blank[i + 1 : i + 3] if t not in CODE_BY_NAME]
            candidate = following[0] if following else ""
            if candidate and not re.search(r"Niederschrift|Tagesordnung|\d", candidate):
                return candidate.strip('„“" ')
    return ""


# --- applicants and titles ------------------------------------------------------------------


def title_and_rest(cell: str) -> tuple[str, str]:
    """Title is the bold part of the cell; without markup, the text before the first Land."""
    bold = re.search(r"<b>(.*?)</b>", cell, re.DOTALL)
    if bold:
        return strip_markup(bold.group(1)), cell[bold.end() :]
    parts = cell.split("\t")
    if len(parts) > 1:
        return strip_markup(parts[0]), "\t".join(parts[1:])
    return split_plain_title(keep_underline(cell))


def keep_underline(text: str) -> str:
    """``strip_markup`` except for <u>…</u>, which marks the lead applicant."""
    text = text.replace("<u>", "\x01").replace("</u>", "\x02")
    return strip_markup(text).replace("\x01", "<u>").replace("\x02", "</u>")


_NAME = (
    r"(?:<u>)?(?:"
    + "|".join(re.escape(name) for name in sorted(CODE_BY_NAME, key=len, reverse=True))
    + rf"|{_ABBREVIATION}|{CHAIR_LAND}"
    + r"|Alle\s+Länder(?:\s+(?:außer|ohne)\s+[^,(]+?)?)(?:</u>)?"
    + r"(?:\s*\(\s*(?:federführend|ff\.?)\s*\))?"
)
# The Länder that end an agenda line: names joined by commas or "und", then perhaps the lead
# and the file reference: "Berlin, <u>Bremen</u> (federführend: Bremen) Vorgang: TOP 2.6 …".
_APPLICANT_LIST = re.compile(
    rf"(?<![\w-]){_NAME}(?:\s*(?:,|\bund\b)\s*{_NAME})*\s*,?"
    r"(?:\s*\(federführend:?[^)]*\))?(?:\s*Vorgang:.*)?\s*$"
)


def split_plain_title(text: str) -> tuple[str, str]:
    """Title and applicants of a cell or line without markup other than <u>: the title ends
    at "Antragsteller:", else where the list of Länder at the end of the line begins (so that a
    Land in the title stays there), else at the first Land named."""
    text = repair_land_names(text)
    if "Antragsteller:" in text:
        title, rest = text.split("Antragsteller:", 1)
        return strip_markup(title).strip(" –-,;("), rest
    if listed := _APPLICANT_LIST.search(text):  # "… in Sachsen stärken Berlin, Bremen"
        first = listed.start()
    else:
        first = min(
            (m.start() for m in (_LAND_NAMES.search(text), _ALL_START.search(text)) if m),
            default=len(text),
        )
        if text[:first].endswith("<u>"):  # "Teilhabe verbessern <u>Berlin</u>, Bremen"
            first -= len("<u>")
    return strip_markup(text[:first]).strip(" –-,;("), text[first:]


def laender(text: str) -> list[str]:
    """ISO codes of the Länder named (or abbreviated: "BE, HH"), in printed order; "Alle
    Länder" means all 16, "Alle Länder außer Bayern" all but those named after it."""
    text = repair_land_names(strip_markup(text))
    if everyone := _ALL_LAENDER.search(text):
        excepted = everyone.group("except") or ""
        left_out = {_code(m.group(0)) for m in _LAND_OR_ABBREVIATION.finditer(excepted)}
        return [code for code, _ in LAENDER if code not in left_out]
    codes = [_code(m.group(0)) for m in _LAND_OR_ABBREVIATION.finditer(text)]
    return list(dict.fromkeys(codes))


def with_chair(codes: list[str], text: str, chair: str | None) -> list[str]:
    """``codes`` read from ``text`` with the chair's Land where ``text`` says "Vorsitzland"
    (in printed order: the role counts where it stands)."""
    role = re.search(CHAIR_LAND, strip_markup(text))
    if role is None or chair is None or chair in codes:
        return codes
    before = laender(strip_markup(text)[: role.start()])
    position = len([code for code in codes if code in before])
    return [*codes[:position], chair, *codes[position:]]


def _code(name: str) -> str:
    return CODE_BY_NAME.get(name) or CODE_BY_ABBREVIATION[name]


def lead(rest: str, applicants: list[str]) -> str | None:
    """The underlined Land, the one named "(federführend: Berlin)" / "Federführung: Berlin" or
    marked "Berlin (federführend)" / "Berlin (ff.)", else the only applicant.

    An underline under several Länder (or under no Land) is a table border, not a mark."""
    rest = re.sub(r"</u>(\s*)<u>", r"\1", rest)  # "<u>Mecklenburg-</u> <u>Vorpommern</u>"
    for marked in re.finditer(r"<u>(.*?)</u>", rest):
        if len(codes := laender(marked.group(1))) == 1:
            return codes[0]
    named = re.search(r"[Ff]ederführ(?:end|ung)\s*:?([^)]*)", rest)
    if named and (codes := laender(named.group(1))):
        return codes[0]
    if marked_after := _LEAD_AFTER.search(rest):  # "Berlin (federführend), Hamburg"
        return laender(marked_after.group("land"))[0]
    return applicants[0] if len(applicants) == 1 else None


_LEAD_AFTER = re.compile(
    rf"(?P<land>{_LAND_OR_ABBREVIATION.pattern})\s*\(\s*(?:federführend|Federführung|ff\.?|FF)\s*\)"
)


# --- vote ------------------------------------------------------------------------------------


_COUNT = re.compile(
    r"\b(?P<yes>\d{1,2})\s*(?P<sep>[:/])\s*(?P<no>\d{1,2})(?:\s*(?P=sep)\s*\d{1,2})?\b"
)
# Votes counted in words: "Ja: 15 Nein: 0 Enthaltung: 1", "15 Ja-Stimmen, 1 Nein-Stimme",
# "Zustimmung 15 / Ablehnung 1"
_NO = r"(?:Nein|Gegen|Ablehnung(?:en)?)(?:-?[Ss]timmen?)?"
_TALLY_WORD = rf"(?:(?:Ja|Zustimmung(?:en)?|Enthaltung(?:en)?)(?:-?[Ss]timmen?)?|{_NO})"
_TALLY_ITEM = rf"(?:{_TALLY_WORD}\s*:?\s*\d{{1,2}}|\d{{1,2}}\s+{_TALLY_WORD})\b"
TALLY = re.compile(rf"^{_TALLY_ITEM}(?:\s*[,;/|]?\s*(?:und\s+)?{_TALLY_ITEM})+\s*\.?$")
_NO_COUNT = re.compile(rf"\b{_NO}\s*:?\s*(?P<no>\d{{1,2}})\b")  # "Nein: 0"
_COUNT_NO = re.compile(rf"\b(?P<no>\d{{1,2}})\s+{_NO}\b")  # "0 Nein-Stimmen"


def vote_word(text: str) -> str | None:
    """ "einstimmig", "mehrheitlich", or a count: "16:0:0" or "16/0/0" (no vote against) is
    unanimous, "15:1" a majority; counted in words ("Ja: 15 Nein: 0 Enthaltung: 1") the
    same."""
    for vote in Vote.values:
        if vote in text.lower():
            return vote
    if count := _COUNT.search(text):
        return Vote.UNANIMOUS.value if int(count.group("no")) == 0 else Vote.MAJORITY.value
    if first := re.search(_TALLY_ITEM, text):
        # the count stands after its word ("Nein: 0") or before it ("0 Nein"), as in the first
        no = (_COUNT_NO if first.group(0)[0].isdigit() else _NO_COUNT).search(text)
        against = int(no.group("no")) if no else 0
        return Vote.UNANIMOUS.value if against == 0 else Vote.MAJORITY.value
    return None
