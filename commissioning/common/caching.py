"""What browsers and proxies may keep.

A page, PDF or CSV served to a signed-in person is about them or their round: ``Cache-Control:
private, no-store`` keeps it out of shared caches and off the disk of a shared computer. So is
anything reached through a secret in its address (an invitation, a mailing-list token, a
password-reset key), signed in or not. Public pages for people signed out keep whatever
caching they had.
"""

from django.utils.cache import patch_cache_control

# URL arguments that carry a secret: whoever holds the address holds the secret.
SECRET_ARGUMENTS = frozenset({"token", "key", "uidb36"})


def is_private(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = getattr(request, "resolver_match", None)
    return bool(match and SECRET_ARGUMENTS & set(match.kwargs))


def keep_private(response):
    """Mark ``response`` as for one person only, never stored (any public or max-age caching dropped)."""
    if response.has_header("Cache-Control"):
        kept = [
            part
            for part in response["Cache-Control"].split(",")
            if part.strip().split("=")[0].lower() not in {"public", "max-age", "s-maxage"}
        ]
        if kept:
            response["Cache-Control"] = ",".join(kept)
        else:
            del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)
    return response


class PrivateResponsesMiddleware:
    """``Cache-Control: private, no-store`` on every response that ``is_private``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request):
            keep_private(response)
        return response
