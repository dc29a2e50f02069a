from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from commissioning.enums import Role


class RequireOfficerTwoFactorMiddleware:
    """With REQUIRE_OFFICER_2FA on, an officer without two-factor authentication is
    sent to set it up before any page other than the account pages."""

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
        is_officer = user.round_roles.filter(role=Role.OFFICER).exists()
        return is_officer and not Authenticator.objects.filter(user=user).exists()
