"""Responses every app's views share."""

from django.http import HttpResponseRedirect


class SeeOther(HttpResponseRedirect):
    """After a POST the browser fetches the next page with GET (post/redirect/get)."""

    status_code = 303
