"""Refuse a request whose body is larger than MAX_REQUEST_BYTES before anything reads it.

Gunicorn limits the request line and headers but not the body, and Django's own limits apply only
once a form is parsed, after an upload has been spooled to disk. This middleware runs before
anything that reads the body (only the security headers come first), reads the declared
Content-Length and answers 413 with a plain page. Without a Content-Length (chunked uploads)
Django reads no body at all, so nothing large gets in that way either.

A view that takes larger files (a proposal's attachment) says how much it accepts with
``max_request_bytes`` on its class (or its function): a number, or a function of the request's
``ResolverMatch`` returning one (read per request, so that settings can change it, and a view
serving several pages can answer for each). Only that address gets the higher limit; a body over
it is refused the same way.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.html import escape
from django.utils.translation import gettext as _

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body><main><h1>{title}</h1><p>{explanation}</p></main></body>
</html>
"""


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if limit and declared > limit:
            limit = max(limit, self.view_limit(request))
            if declared > limit:
                return self.too_large(limit)
        return self.get_response(request)

    @staticmethod
    def view_limit(request):
        """What the view at the request's address accepts (0 when it says nothing)."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return 0
        accepted = getattr(match.func, "max_request_bytes", None)
        if accepted is None:
            accepted = getattr(getattr(match.func, "view_class", None), "max_request_bytes", None)
        if callable(accepted):
            accepted = accepted(match)
        return int(accepted or 0)

    @staticmethod
    def too_large(limit):
        megabytes = limit / (1024 * 1024)
        title = _("What you sent is too large")
        explanation = _(
            "The most this site accepts in one go is %(size)s MB. Nothing was saved. Go back and send a smaller file."
        ) % {"size": f"{megabytes:g}"}
        response = HttpResponse(
            PAGE.format(title=escape(title), explanation=escape(explanation)),
            status=413,
            content_type="text/html; charset=utf-8",
        )
        # The body was not read: the connection cannot carry another request.
        response["Connection"] = "close"
        return response
