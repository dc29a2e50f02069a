"""The email outbox.

A message is first recorded in the database (OutgoingEmail, unique by its
dedup key), then sent by a Celery task queued after commit. A periodic sweep
sends what is still pending, so a broker outage delays mail but never loses it.
Sending claims the row first (pending -> sending, committed), so neither a task
retry nor a second worker can send it again; a message left "sending" by a
worker that died is shown to officers instead of being sent a second time.
"""

import logging
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from commissioning.common.links import base_url
from commissioning.common.queue import enqueue_on_commit
from commissioning.enums import EmailStatus
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.tasks import task_send_email

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def render_email(template, context):
    """(subject, text, html) from ``<template>_subject.txt``, ``.txt`` and ``.html``."""
    context = {"partnership_name": settings.PARTNERSHIP_NAME, "site_url": base_url(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    try:
        html = render_to_string(f"{template}.html", context)
    except Exception:  # noqa: BLE001 - an HTML part is optional
        html = ""
    return subject, text, html


def queue_email(
    *,
    dedup_key,
    to,
    template=None,
    context=None,
    subject=None,
    text=None,
    html="",
    round_=None,
    attachment=None,
    headers=None,
    secret=False,
):
    """Record a message once (by ``dedup_key``) and send it after commit.

    Calling again with the same key returns the existing message and sends nothing new.
    ``secret`` marks a message whose body carries a secret (a link or code that signs someone in,
    resets a password, confirms an address or accepts an invitation): its body is removed once the
    message has been sent or given up.
    """
    if template is not None:
        context = dict(context or {})
        if round_ is not None:
            # The message is signed by the round's partnership, not the installation's generic name.
            context.setdefault("partnership_name", str(round_.partnership))
        subject, text, html = render_email(template, context)
    email, created = OutgoingEmail.objects.get_or_create(
        dedup_key=dedup_key,
        defaults={
            "to_email": to,
            "subject": subject[:300],
            "body_text": text,
            "body_html": html,
            "round": round_,
            "attachment": attachment,
            "headers": headers or {},
            "secret": secret,
        },
    )
    if created:
        enqueue_on_commit(task_send_email, email_id=email.pk)
    return email


def _claim(email_id):
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != EmailStatus.PENDING:
            return None
        if email.attachment_id and email.attachment.status != "ready":
            return None  # sent by the sweep once its PDF is ready
        email.status = EmailStatus.SENDING
        email.claimed_at = timezone.now()
        email.attempts += 1
        email.save(update_fields=["status", "claimed_at", "attempts"])
        return email


def send_email_now(email_id):
    """Send one recorded message if still pending. Returns True when this call sent it."""
    email = _claim(email_id)
    if email is None:
        return False
    headers = {"Message-ID": make_msgid(idstring=f"outbox-{email.pk}"), **email.headers}
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_email],
        headers=headers,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.attachment_id:
        document = email.attachment
        with document.file.open("rb") as handle:
            message.attach(*_attachment(document, handle.read()))
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any SMTP failure means "not sent": try again later
        logger.warning("email %s not sent: %s", email.pk, exc)
        status = EmailStatus.FAILED if email.attempts >= MAX_ATTEMPTS else EmailStatus.PENDING
        forget = _forgotten_body(email) if status == EmailStatus.FAILED else {}
        OutgoingEmail.objects.filter(pk=email.pk).update(status=status, last_error=str(exc)[:2000], **forget)
        return False
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error="", **_forgotten_body(email)
    )
    return True


# Documents are PDFs, but for calendar files (a meeting's invitation, kept as a ready document).
ATTACHMENT_TYPES = {".ics": "text/calendar"}


def _attachment(document, content):
    """(filename, content, mimetype) of a document attached to a message."""
    extension = PurePath(document.file.name).suffix.lower()
    if extension in ATTACHMENT_TYPES:
        name = document.kind.rpartition(".")[2]
        return f"{name}{extension}", content, ATTACHMENT_TYPES[extension]
    return f"{document.kind}-{document.object_id}.pdf", content, "application/pdf"


def _forgotten_body(email):
    """The fields that remove a secret message's body once it will not be sent again."""
    return {"body_text": "", "body_html": ""} if email.secret else {}


def send_pending_emails(*, older_than_seconds=0):
    """The sweep: send every message still pending. Returns how many this call sent."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        OutgoingEmail.objects.filter(status=EmailStatus.PENDING, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    return sum(1 for pk in ids if send_email_now(pk))
