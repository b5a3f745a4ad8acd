"""The roles of a user, read once per request. Decisions on objects: erfolgskontrolle/access.py."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from intmk.models import Land, Role, RoleKind

# What `request.user` is: a signed-in user or the anonymous one.
AnyUser = AbstractBaseUser | AnonymousUser


class ChairedConference(Protocol):
    chair_id: int | None
    year: int


@dataclass(frozen=True)
class Principal:
    """The roles of one user, read once per request."""

    user: AnyUser
    official_land_ids: frozenset[int]
    secretariat: frozenset[tuple[int, int]]  # (chairing Land id, conference year)
    is_admin: bool
    is_reader: bool

    @property
    def has_role(self) -> bool:
        return bool(self.official_land_ids or self.secretariat or self.is_admin or self.is_reader)

    @property
    def records_entries(self) -> bool:
        """Whether the user records entries somewhere (has tasks): all roles but the reader."""
        return bool(self.official_land_ids or self.secretariat or self.is_admin)

    def is_secretariat_of(self, conference: ChairedConference) -> bool:
        return (conference.chair_id, conference.year) in self.secretariat

    def manages(self, conference: ChairedConference) -> bool:
        return self.is_admin or self.is_secretariat_of(conference)

    def speaks_for(self, land: Land, conference: ChairedConference | None) -> bool:
        """Whether the user may record in the name of `land` for a demand of `conference`: an
        official for their own Land anywhere, the secretariat for any Land of its conference,
        admins always. With `conference` None: for some conference (a secretariat's demands are
        then checked row by row against its own conference)."""
        if land.pk in self.official_land_ids:
            return True
        if conference is None:
            return self.is_admin or bool(self.secretariat)
        return self.manages(conference)

    def spoken_for(self, lands: Iterable[Land], conference: ChairedConference | None) -> list[Land]:
        """The `lands` the user `speaks_for` on a demand of `conference`. Readers and users
        without a role speak for none: `lands` is then not read (a queryset runs no query)."""
        if not self.records_entries:
            return []
        return [land for land in lands if self.speaks_for(land, conference)]

    def may_record(self, conference: ChairedConference) -> bool:
        """Whether the user `speaks_for` some Land on a demand of `conference`: an official (for
        their own Land) anywhere, the secretariat on its conference, admins everywhere."""
        return bool(self.official_land_ids) or self.manages(conference)


def principal(user: AnyUser) -> Principal:
    cached: Principal | None = getattr(user, "_intmk_principal", None)
    if cached is not None:
        return cached
    official: set[int] = set()
    secretariat: set[tuple[int, int]] = set()
    is_admin = bool(user.is_active and getattr(user, "is_superuser", False))
    is_reader = False
    if user.is_authenticated and user.is_active:
        for kind, land_id, year in Role.objects.filter(user_id=user.pk).values_list(
            "kind", "land_id", "year"
        ):
            if kind == RoleKind.OFFICIAL:
                official.add(land_id)
            elif kind == RoleKind.SECRETARIAT and year is not None:
                secretariat.add((land_id, year))
            elif kind == RoleKind.ADMIN:
                is_admin = True
            elif kind == RoleKind.READER:
                is_reader = True
    result = Principal(user, frozenset(official), frozenset(secretariat), is_admin, is_reader)
    user._intmk_principal = result  # type: ignore[union-attr]
    return result
