from django.conf import settings
from django.utils.functional import lazy

from commissioning.accounts.selectors import partnership_name_of


def partnership(request):
    """``partnership_name``: the signed-in person's partnership when they belong to exactly one,
    otherwise the installation's name. Looked up only when a page shows it (a round's pages show the
    round's partnership instead), and once per request."""

    def name():
        if "_partnership_name" not in request.__dict__:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
            found = partnership_name_of(user) if signed_in else settings.PARTNERSHIP_NAME
            request.__dict__["_partnership_name"] = found
        return request.__dict__["_partnership_name"]

    return {"partnership_name": lazy(name, str)()}
