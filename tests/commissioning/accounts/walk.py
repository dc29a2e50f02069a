"""Accounts (django-allauth) and the admin for the walking tests (tests/walking/registry.py)."""

from django.contrib.contenttypes.models import ContentType

from commissioning.accounts.models import User
from tests.walking.registry import EVERYONE, SIGNED_IN, literal, namespace, url

url("account_login", allow=EVERYONE, scoped=False)
url("account_logout", allow=EVERYONE, scoped=False)
url("account_inactive", allow=EVERYONE, scoped=False)
url("account_signup", allow=EVERYONE, scoped=False)
url("account_reauthenticate", allow=SIGNED_IN, scoped=False)
url("account_request_reauthentication_code", allow=SIGNED_IN, scoped=False)
url("account_confirm_reauthentication_code", allow=SIGNED_IN, scoped=False)
url("account_email", allow=SIGNED_IN, scoped=False)
url("account_email_verification_sent", allow=EVERYONE, scoped=False)
url("account_change_password", allow=SIGNED_IN, scoped=False)
url("account_set_password", allow=SIGNED_IN, scoped=False)
url("account_reset_password", allow=EVERYONE, scoped=False)
url("account_confirm_login_code", allow=EVERYONE, scoped=False)
url("account_confirm_email", key=literal("made-up-key"), allow=EVERYONE, scoped=False)
url("account_reset_password_from_key_done", allow=EVERYONE, scoped=False)
url("account_reset_password_from_key", uidb36=literal("1"), key=literal("made-up-key"), allow=EVERYONE, scoped=False)
url("account_reset_password_done", allow=EVERYONE, scoped=False)
url("mfa_index", allow=SIGNED_IN, scoped=False)
url("mfa_authenticate", allow=EVERYONE, scoped=False)
url("mfa_reauthenticate", allow=SIGNED_IN, scoped=False)
url("mfa_activate_totp", allow=SIGNED_IN, scoped=False)
url("mfa_deactivate_totp", allow=SIGNED_IN, scoped=False, allowed_may_404=True)
url("mfa_view_recovery_codes", allow=SIGNED_IN, scoped=False, allowed_may_404=True)
url("mfa_generate_recovery_codes", allow=SIGNED_IN, scoped=False)
url("mfa_download_recovery_codes", allow=SIGNED_IN, scoped=False, allowed_may_404=True)


def _admin_kwargs(found, world):
    model_admin = getattr(found.pattern.callback, "model_admin", None)
    model = model_admin.model if model_admin is not None else User
    first = model._meta.default_manager.order_by("pk").first()
    values = {
        "object_id": str(first.pk) if first else "1",
        "id": str(world.person("superuser").pk),
        "app_label": "commissioning",
        "content_type_id": ContentType.objects.get_for_model(User).pk,
        "url": "no-such-page/",
    }
    return {name: values[name] for name in found.arguments}


# Django's admin turns away everyone but staff the same way on every page: walked by fewer people.
ADMIN_WALKERS = ("officer", "outsider", "anonymous", "superuser")
namespace("admin", allow={"superuser"}, kwargs=_admin_kwargs, identities=ADMIN_WALKERS)
url("admin:login", allow=EVERYONE, scoped=False)
url("admin:logout", allow=EVERYONE, scoped=False)
# People have no page of their own on the site to view; a page the admin does not have is a 404.
for _unknown in ("admin:view_on_site", r"admin/(?P<url>.*)$"):
    url(
        _unknown,
        allow={"superuser"},
        scoped=False,
        allowed_may_404=True,
        identities=ADMIN_WALKERS,
        **{"*": _admin_kwargs},
    )
