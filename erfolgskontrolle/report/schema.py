"""The report's data: one JSON-serialisable dict per report, the contract between the builder
(which reads the database) and every renderer (which never does).

A frozen edition stores exactly this dict, so an edition renders the same whatever happens to
the log afterwards. Dates are ISO strings ("2024-09-01"), times ISO with offset; percentages are
floats with one decimal, counted over `Summary.total` (the followed-up demands).
"""

from typing import TypedDict

SCHEMA_VERSION = 1


class ConferenceData(TypedDict):
    number: int  # 19
    year: int  # 2024
    place: str  # "Rostock-Warnemünde"
    first_day: str | None  # "2024-03-20"
    last_day: str | None
    chair: str  # "Mecklenburg-Vorpommern" ("" if unknown)
    motto: str


class CompilerData(TypedDict):
    """Who presents the report ("vorgelegt von"): the secretariat of a Land for a year."""

    land: str  # "Niedersachsen"
    year: int  # 2025
    label: str  # "Geschäftsstelle der IntMK, Vorsitz Niedersachsen 2025"


class RoundData(TypedDict):
    title: str
    opened_at: str
    deadline: str
    closed_at: str | None


class Share(TypedDict):
    key: str  # category key ("done", "begun", …, "none" for no Sachstand) or stance name
    label: str  # "umgesetzt", "ohne Sachstand", "zugestimmt"
    count: int
    percent: float  # of the total of the breakdown it belongs to, one decimal


class Breakdown(TypedDict):
    """One line of a table "by addressee / agenda group / lead Land": counts per category, in the
    order of `Summary.by_category`."""

    label: str  # "Bund", "TOP 3 Themen", "Berlin"
    total: int
    counts: list[int]


class DemandRef(TypedDict):
    id: int
    fundstelle: str  # "TOP 3.3 Ziffer 3 (Zeilen 12–15)"


class OverdueLand(TypedDict):
    land: str
    open: int  # demands still without an answer in the round
    total: int  # demands the Land must answer in the round


class Summary(TypedDict):
    total: int  # followed-up demands of the conference
    by_category: list[Share]  # every implementation category, then "ohne Sachstand"
    by_stance: list[Share]  # every stance in use or active, then "ohne Sachstand"
    by_addressee: list[Breakdown]
    by_group: list[Breakdown]
    by_lead: list[Breakdown]
    without_entry: list[DemandRef]
    overdue_lands: list[OverdueLand]  # empty without a round or before its deadline


class Link(TypedDict):
    label: str
    url: str


class EntryData(TypedDict):
    land: str
    stance: str
    implementation: str
    category: str  # key of Category
    category_label: str
    text: str
    fact_date: str  # "Stand vom"
    recorded_at: str  # when it was recorded
    on_behalf: bool  # recorded by the secretariat in the Land's name
    links: list[Link]


class OpenSince(TypedDict):
    number: int  # 16 → "offen seit der 16. IntMK"
    year: int


class DemandData(TypedDict):
    id: int
    clause_number: str  # "3" ("" for an unnumbered paragraph)
    lines: str  # "12–15" ("" when the minutes print no line numbers)
    fundstelle: str  # "TOP 3.3 Ziffer 3 (Zeilen 12–15)"
    kind: str  # "Forderung", "Prüfbitte", …
    addressee: str  # "Bund"
    level: str  # "Bund", "Land", …
    wording: str
    assessment: EntryData | None  # the lead Land's newest entry: the current state
    contributions: list[EntryData]  # newest entry of every other Land, by Land name
    open_since: OpenSince | None


class DissentData(TypedDict):
    land: str
    text: str


class ResolutionData(TypedDict):
    top: str
    title: str
    group: str
    applicants: list[str]
    lead: str | None
    vote: str  # "einstimmig" / "mehrheitlich" / ""
    consent_list: bool  # Grüne Liste
    dissent_notes: list[DissentData]
    comment: str  # the secretariat's comment for this resolution ("" if none)
    url: str  # path of the resolution's page in the register
    demands: list[DemandData]


class Movement(TypedDict):
    demand: DemandRef
    axis: str  # "Umsetzung" / "Haltung"
    before: str  # "" when there was no state before
    now: str


class NewEntry(TypedDict):
    demand: DemandRef
    land: str
    recorded_at: str
    implementation: str
    stance: str


class Changes(TypedDict):
    since: str | None  # ISO time the comparison starts from; None: nothing to compare with
    since_label: str  # "seit Ausgabe 1 vom 03.02.2025" / "seit Eröffnung der Berichtsrunde …"
    moved: list[Movement]
    new_entries: list[NewEntry]
    newly_overdue: list[OverdueLand]


class ReportData(TypedDict):
    schema: int  # SCHEMA_VERSION
    title: str  # "Erfolgskontrolle der 19. IntMK"
    conference: ConferenceData
    compiler: CompilerData
    as_of: str  # "Stand": when the data was read
    edition: int | None  # None for the draft
    frozen_by: str | None  # display name of who froze the edition
    preface: str  # Vorbemerkung ("" if none)
    round: RoundData | None  # the newest reporting round of the conference
    summary: Summary
    changes: Changes
    resolutions: list[ResolutionData]  # agenda order; only resolutions with followed-up demands
