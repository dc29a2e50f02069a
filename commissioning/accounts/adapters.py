import secrets

from allauth.account.adapter import DefaultAccountAdapter

from commissioning.outbox.services import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) go through the outbox and
    Celery like every other message, never from inside the request."""

    def send_mail(self, template_prefix, email, context):
        context = dict(context)
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
        )
