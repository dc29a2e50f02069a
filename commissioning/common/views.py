"""View plumbing shared by every stage: rules checked, 404 for what a person may not see,
domain errors shown on the page.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.generic import RedirectView


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
        return self.refused_by_state() or super().dispatch(request, *args, **kwargs)

    def refused_by_state(self):
        """The answer when the object's state does not allow what is asked (see StateRuleMixin), or None."""
        return None


class StateRuleMixin:
    """For a view whose service acts only in some states of its object.

    Every rule lets a superuser through, so the state is checked on its own, after the rule (a person
    without the right still gets a 404): outside those states the view neither offers its form (GET)
    nor accepts a POST, and redirects to ``state_refused_url()`` with the reason.

    The view defines ``state_refusal()``, why the action is refused now or None (the service's own
    check, so that both read one table of states), and ``state_refused_url()``.
    ``state_guarded_methods`` lists the requests refused; a page that shows more than the form (a list
    with an "add" form) guards only POST and leaves the form out itself.
    """

    state_guarded_methods = ("GET", "POST")

    def refused_by_state(self):
        if self.request.method not in self.state_guarded_methods:
            return None
        refusal = self.state_refusal()
        if refusal is None:
            return None
        (messages.info if self.request.method == "GET" else messages.error)(self.request, refusal)
        return redirect(self.state_refused_url())


def show_application_error(request, error, *, form=None, field=None):
    """Show a refused action (an ApplicationError): its message, then each of its details.

    With ``form``, they become the form's errors (non-field errors unless ``field`` names the
    input they are about), so the page's error summary lists them and what was typed stays; the
    form is returned for ``form_invalid``. Without one, they are error messages for the next page
    (a redirect after POST) or for the page rendered now.
    """
    texts = [error.message, *(str(detail) for detail in error.details)]
    if form is not None:
        for text in texts:
            form.add_error(field, text)
        return form
    for text in texts:
        messages.error(request, text)
    return None


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for whatever a page's icon link says, redirected to the static file.

    Resolved per request: the static files' manifest may not exist yet when the URLs are imported.
    """

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("images/favicon.ico")
