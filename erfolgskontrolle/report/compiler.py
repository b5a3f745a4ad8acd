"""Who compiles the Erfolgskontrolle of a conference: the one place of that rule.

The Erfolgskontrolle der N. IntMK covers the demands of conference N. It is compiled by the
secretariat of the Land that chairs when it is compiled, and the chair presents it at
conference N+1; the chair changes on 1 July in alphabetical order of the Länder (2023 Hessen,
2024 Mecklenburg-Vorpommern, 2025 Niedersachsen). So report N (year Y, chair C) belongs to the
secretariat (Land, Y + 1), where Land is the chair of conference N+1 when that conference is in
the database, else the Land after C in alphabetical order of the German names (after Thüringen
comes Baden-Württemberg again). An admin overrides this per report (`Report.compiler_land` and
`compiler_year`, with history) when a year differs.
"""

from dataclasses import dataclass

from beschluesse.models import Conference
from erfolgskontrolle.models import Report
from intmk.models import Land
from intmk.roles import Principal


@dataclass(frozen=True)
class Compiler:
    land: Land
    year: int

    @property
    def label(self) -> str:
        return f"Geschäftsstelle der IntMK, Vorsitz {self.land.name} {self.year}"

    def is_held_by(self, p: Principal) -> bool:
        return (self.land.pk, self.year) in p.secretariat


def next_chair(chair: Land) -> Land:
    """The Land after `chair` in alphabetical order of the German names, wrapping around."""
    lands = sorted(Land.objects.all(), key=lambda land: land.name)
    position = next(i for i, land in enumerate(lands) if land.pk == chair.pk)
    return lands[(position + 1) % len(lands)]


def compiler_of(conference: Conference, report: Report | None = None) -> Compiler | None:
    """The secretariat that compiles the conference's report (module docstring); None when the
    conference has no chair and no admin has assigned the report."""
    if report is not None and report.compiler_land is not None and report.compiler_year:
        return Compiler(report.compiler_land, report.compiler_year)
    following = (
        Conference.objects.filter(number=conference.number + 1, chair__isnull=False)
        .select_related("chair")
        .first()
    )
    if following is not None and following.chair is not None:
        return Compiler(following.chair, conference.year + 1)
    if conference.chair is None:
        return None
    return Compiler(next_chair(conference.chair), conference.year + 1)


def report_of(conference: Conference) -> Report | None:
    """The conference's report row with its override, if the secretariat or an admin made one."""
    return Report.objects.select_related("compiler_land").filter(conference=conference).first()
