"""View plumbing shared by every stage: rules checked, 404 for what a person may not see,
domain errors shown on the page.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404


class RulesPermissionMixin:
    """Check ``permission_required`` against ``get_permission_object()``.

    Anonymous people are sent to log in; a signed-in person without the right gets a 404,
    so that nothing reveals what exists.
    """

    permission_required = None

    def get_permission_object(self):
        return getattr(self, "round", None)

    def has_permission(self):
        perms = self.permission_required
        if perms is None:
            return True
        if isinstance(perms, str):
            perms = [perms]
        obj = self.get_permission_object()
        return all(self.request.user.has_perm(perm, obj) for perm in perms)

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def show_application_error(request, error):
    """An ApplicationError as a message on the next page, with its details."""
    messages.error(request, error.message)
    for detail in error.details:
        messages.error(request, detail)
