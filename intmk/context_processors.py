from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from intmk.roles import principal


def roles(request: HttpRequest) -> dict[str, object]:
    """`roles`: the signed-in user's roles (`Principal`), read when a template first asks, so
    that the navigation offers only what the user may open."""
    return {"roles": SimpleLazyObject(lambda: principal(getattr(request, "user", AnonymousUser())))}
