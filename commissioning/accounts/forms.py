"""allauth's account forms with GOV.UK messages that name their field ("Enter your email address")."""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GOVUKMessagesMixin

_EMAIL = _("your email address")
_NEW_PASSWORD = {"password1": _("a password"), "password2": _("the password again")}


class LoginForm(GOVUKMessagesMixin, allauth_forms.LoginForm):
    error_names = {"login": _EMAIL, "password": _("your password")}


class SignupForm(GOVUKMessagesMixin, allauth_forms.SignupForm):
    error_names = {"email": _EMAIL, **_NEW_PASSWORD}


class AddEmailForm(GOVUKMessagesMixin, allauth_forms.AddEmailForm):
    error_names = {"email": _EMAIL}


class ChangePasswordForm(GOVUKMessagesMixin, allauth_forms.ChangePasswordForm):
    error_names = {"oldpassword": _("your current password"), **_NEW_PASSWORD}


class SetPasswordForm(GOVUKMessagesMixin, allauth_forms.SetPasswordForm):
    error_names = _NEW_PASSWORD


class ResetPasswordForm(GOVUKMessagesMixin, allauth_forms.ResetPasswordForm):
    error_names = {"email": _EMAIL}


class ResetPasswordKeyForm(GOVUKMessagesMixin, allauth_forms.ResetPasswordKeyForm):
    error_names = _NEW_PASSWORD
