from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from commissioning.enums import Role


def has_officer_rights(user):
    """Anyone who can run rounds or change what the service holds: superusers and staff (the admin),
    officers of a round and officers of a partnership."""
    if user.is_superuser or user.is_staff:
        return True
    if user.round_roles.filter(role=Role.OFFICER).exists():
        return True
    # Partnership roles (commissioning.partnerships, above this area) name officers by the same value.
    return user.partnership_roles.filter(role=Role.OFFICER).exists()


class RequireOfficerTwoFactorMiddleware:
    """With REQUIRE_OFFICER_2FA on, anyone with officer rights (superusers and staff included) who
    has not set up two-factor authentication is sent to set it up before any page other than the
    account pages: officer pages and the admin included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_OFFICER_2FA and self._must_set_up(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path.startswith(("/accounts/", "/static/")):
            return False
        return has_officer_rights(user) and not Authenticator.objects.filter(user=user).exists()
