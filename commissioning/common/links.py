"""Absolute links, for emails and anything else read away from the site.

Every absolute link starts from one base: ``SITE_URL`` when it is configured, or else the
scheme, host and port of the request being served (as the browser sent them), never a
guessed default. Work done later in a Celery task has no request: the service that queues
it stores ``base_url()`` with it, and the task builds its links inside ``links_from(stored)``.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

logger = logging.getLogger(__name__)

_current_request = ContextVar("links_current_request", default=None)
_stored_base = ContextVar("links_stored_base", default="")
_warned = []  # once a process is enough


def base_url(request=None):
    """``scheme://host[:port]``, no trailing slash; empty when neither SITE_URL nor a request gives one."""
    configured = (getattr(settings, "SITE_URL", "") or "").strip().rstrip("/")
    if configured:
        return configured
    request = request or _current_request.get()
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return _stored_base.get()


def absolute_url(path, *, request=None):
    """``path`` (from ``reverse()``) as an absolute link from ``base_url()``."""
    start = base_url(request)
    if not start and not _warned:
        # A management command, or a task given no stored base, while SITE_URL is unset.
        _warned.append(path)
        logger.warning("SITE_URL is not set and there is no request: links such as %s are left relative.", path)
    return f"{start}{path}"


@contextmanager
def links_from(base):
    """Build links from ``base`` (stored when the work was queued) while a task does that work."""
    token = _stored_base.set((base or "").rstrip("/"))
    try:
        yield
    finally:
        _stored_base.reset(token)


class RequestBaseUrlMiddleware:
    """Makes the request being served the base of links built by services, which take no request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
