"""What the follow-up views share: the request types they are called with, and the answer to
a successful POST."""

from beschluesse.views import HtmxHttpRequest
from intmk.http import SeeOther as SeeOther  # re-exported for the views
from intmk.models import User

__all__ = ["AuthenticatedRequest", "HtmxHttpRequest", "SeeOther"]


class AuthenticatedRequest(HtmxHttpRequest):
    user: User  # behind @login_required
