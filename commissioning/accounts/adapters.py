import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings

from commissioning.accounts.selectors import partnership_name_of
from commissioning.common.client import client_address
from commissioning.common.links import absolute_url, base_url
from commissioning.outbox.services import queue_email


@dataclass(frozen=True)
class _Site:
    """What allauth's email templates call the current site: the partnership and the site's address."""

    name: str
    domain: str


def _rebased(url):
    """An absolute link allauth built from the request, moved onto the site's one base."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return absolute_url(path)


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset, sign-in codes) go through the outbox and
    Celery like every other message, never from inside the request. They name the
    partnership and link to the site's configured address (commissioning/common/links.py).
    They carry secrets, so the outbox keeps their body only until they are sent."""

    def send_mail(self, template_prefix, email, context):
        self.partnership_name = partnership_name_of(context.get("user"), email=email)
        context = {
            "email": email,
            "current_site": _Site(name=self.partnership_name, domain=urlsplit(base_url()).netloc),
            "partnership_name": self.partnership_name,
            **context,
        }
        for key, value in list(context.items()):
            if key.endswith("_url") and isinstance(value, str) and value.startswith(("http://", "https://")):
                context[key] = _rebased(value)
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        queue_email(
            dedup_key=f"account:{template_prefix}:{secrets.token_hex(16)}",
            to=email,
            subject=message.subject,
            text=message.body,
            html=html,
            secret=True,
        )

    def get_client_ip(self, request):
        """The address sign-in limits are counted against: the proxy's header only when trusted."""
        return client_address(request)

    def format_email_subject(self, subject):
        """'[Coventry Partnership] Confirm your email address': the person's partnership, as in the body."""
        name = getattr(self, "partnership_name", None) or settings.PARTNERSHIP_NAME
        return f"[{name}] {subject}"


class MFAAdapter(DefaultMFAAdapter):
    """The authenticator app lists the code under the person's partnership, not a generic name."""

    def build_totp_url(self, user, secret):
        self.issuer = partnership_name_of(user)
        return super().build_totp_url(user, secret)

    def get_totp_issuer(self):
        return getattr(self, "issuer", None) or super().get_totp_issuer()
