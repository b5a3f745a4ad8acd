"""What the follow-up views share: the request types they are called with, and the answer to
a successful POST."""

from django.http import HttpResponseRedirect

from beschluesse.views import HtmxHttpRequest
from intmk.models import User

__all__ = ["AuthenticatedRequest", "HtmxHttpRequest", "SeeOther"]


class AuthenticatedRequest(HtmxHttpRequest):
    user: User  # behind @login_required


class SeeOther(HttpResponseRedirect):
    """After a POST the browser fetches the next page with GET (post/redirect/get)."""

    status_code = 303
