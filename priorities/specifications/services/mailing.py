"""The mailing list: sign-up with confirmation, import, unsubscribe, and announcements.

An announcement is recorded in the same transaction as the decision that causes it
(publication, amendment, an answer). A task then records one OutgoingEmail per
recipient under a key that names the announcement and the person, so re-running it
(a retry, the sweep, a second publish) never records or sends a message twice.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError
from commissioning.common.links import absolute_url, base_url, links_from
from commissioning.common.queue import enqueue_on_commit
from commissioning.common.tokens import is_token
from commissioning.documents.services import latest_document
from commissioning.outbox.services import queue_email
from priorities.specifications.enums import AnnouncementKind, SubscriberSource, SubscriberStatus
from priorities.specifications.models import Announcement, SpecificationFollower, Subscriber, _token
from priorities.specifications.tasks import task_fan_out_announcement


def unsubscribe_url(subscriber):
    return absolute_url(reverse("mailing_unsubscribe", args=[subscriber.token]))


def list_headers(subscriber):
    """RFC 8058 one-click unsubscribe: mail clients POST to the link without signing in."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# A pending address is sent its confirmation link again only after this long.
RESEND_CONFIRMATION_AFTER = timedelta(minutes=15)


def subscribe(round_, *, name, email, organisation=""):
    """Someone signs themselves up: a pending subscriber and a confirmation email.

    Side effects: the confirmation email (queued after commit). An address has one pending
    confirmation: signing up again sends the same link again, and only once
    RESEND_CONFIRMATION_AFTER has passed since the last, so that the form cannot be used to
    flood someone's inbox. An address already confirmed is left as it is.
    """
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(partnership=round_.partnership_id, email=email).first()
        )
        if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
            return subscriber
        if subscriber is None:
            subscriber = Subscriber(partnership=round_.partnership, email=email)
        elif subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.token = _token()  # links in the emails sent before they unsubscribed stop working
            subscriber.confirmation_sent_at = None
        sent = subscriber.confirmation_sent_at
        if sent is not None and now - sent < RESEND_CONFIRMATION_AFTER:
            return subscriber
        subscriber.name = name.strip()
        subscriber.organisation = organisation.strip()
        subscriber.status = SubscriberStatus.PENDING
        subscriber.source = SubscriberSource.SIGNUP
        subscriber.confirmation_sent_at = now
        subscriber.save()
        queue_email(
            dedup_key=f"mailing:confirm:{subscriber.pk}:{now.isoformat()}",
            to=subscriber.email,
            template="emails/priorities/specifications/subscription_confirm",
            context={
                "subscriber": subscriber,
                "round": round_,
                "confirm_url": absolute_url(reverse("mailing_confirm", args=[subscriber.token])),
            },
            round_=round_,
            secret=True,
        )
    return subscriber


def _by_token(token):
    if not is_token(token):
        raise ApplicationError(_("This link is not valid. Check that the whole link was copied."))
    subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
    if subscriber is None:
        raise ApplicationError(_("This link is not valid. It may have been replaced by a newer one."))
    return subscriber


def confirm_subscription(token):
    """The link in the confirmation email, followed by pressing its button."""
    with transaction.atomic():
        subscriber = _by_token(token)
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            raise ApplicationError(_("You have unsubscribed from this list. Sign up again to rejoin it."))
        if subscriber.status != SubscriberStatus.CONFIRMED:
            subscriber.status = SubscriberStatus.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
            audit("mailing.confirmed", by=None, obj=subscriber)
    return subscriber


def unsubscribe(token):
    """One click from any email: no sign-in, works twice without harm."""
    with transaction.atomic():
        subscriber = _by_token(token)
        if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
            before = subscriber.status
            subscriber.status = SubscriberStatus.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at"])
            audit("mailing.unsubscribed", by=None, obj=subscriber, before={"status": before})
    return subscriber


def announce(spec, *, kind, by, question=None, note=""):
    """Record an announcement and queue the task that records its emails. Call inside the deciding transaction."""
    key = f"answer:{question.pk}" if question is not None else f"spec:{spec.pk}:v{spec.version}:{kind}"
    announcement, created = Announcement.objects.get_or_create(
        key=key,
        defaults={
            "round_id": spec.round_id,
            "kind": kind,
            "specification": spec,
            "version": spec.version,
            "question": question,
            "note": note,
            "base_url": base_url(),
            "created_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    if created:
        enqueue_on_commit(task_fan_out_announcement, announcement_id=announcement.pk)
    return announcement


def _links(spec):
    """The public addresses of a published specification and its PDF, for the mailing list."""
    args = [spec.round.public_key, spec.priority_id]
    return {
        "specification_url": absolute_url(reverse("specification_public", args=args)),
        "pdf_url": absolute_url(reverse("specification_public_pdf", args=args)),
    }


def _specification_emails(announcement, spec):
    document = latest_document(spec, "specification")
    attachment = document if document is not None and document.version == announcement.version else None
    template = (
        "emails/priorities/specifications/published"
        if announcement.kind == AnnouncementKind.PUBLISHED
        else "emails/priorities/specifications/amended"
    )
    subscribers = Subscriber.objects.filter(
        partnership_id=spec.round.partnership_id, status=SubscriberStatus.CONFIRMED
    ).order_by("pk")
    count = 0
    for subscriber in subscribers:
        queue_email(
            dedup_key=f"spec:{spec.pk}:v{announcement.version}:sub:{subscriber.pk}",
            to=subscriber.email,
            template=template,
            context={
                "subscriber": subscriber,
                "specification": spec,
                "round": spec.round,
                "announcement": announcement,
                "unsubscribe_url": unsubscribe_url(subscriber),
                **_links(spec),
            },
            round_=spec.round,
            attachment=attachment,
            headers=list_headers(subscriber),
        )
        count += 1
    return count


def answer_recipients(spec):
    """(email, subscriber or None) for everyone following a specification: each address once."""
    recipients = {}
    for subscriber in Subscriber.objects.filter(
        partnership_id=spec.round.partnership_id, status=SubscriberStatus.CONFIRMED
    ):
        recipients[subscriber.email.lower()] = subscriber
    for email in SpecificationFollower.objects.filter(specification=spec).values_list("user__email", flat=True):
        recipients.setdefault(email.lower(), None)
    return sorted(recipients.items())


def _answer_emails(announcement, spec):
    question = announcement.question
    count = 0
    for email, subscriber in answer_recipients(spec):
        queue_email(
            dedup_key=f"spec:{spec.pk}:answer:{question.pk}:to:{email}",
            to=email,
            template="emails/priorities/specifications/answer_published",
            context={
                "question": question,
                "specification": spec,
                "round": spec.round,
                "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else "",
                **_links(spec),
            },
            round_=spec.round,
            headers=list_headers(subscriber) if subscriber else {},
        )
        count += 1
    return count


def fan_out_announcement(announcement_id):
    """Record one email per recipient of an announcement, once. Safe to run again.

    Side effects: OutgoingEmail rows (each sent by its own task after commit).
    """
    with transaction.atomic():
        announcement = (
            Announcement.objects.select_for_update(of=("self",))
            .select_related("specification__round", "specification__priority", "question")
            .filter(pk=announcement_id)
            .first()
        )
        if announcement is None or announcement.fanned_out_at is not None:
            return 0
        spec = announcement.specification
        with links_from(announcement.base_url):
            if announcement.kind == AnnouncementKind.ANSWER:
                count = _answer_emails(announcement, spec)
            else:
                count = _specification_emails(announcement, spec)
        announcement.fanned_out_at = timezone.now()
        announcement.recipient_count = count
        announcement.save(update_fields=["fanned_out_at", "recipient_count"])
    return count


def fan_out_pending_announcements():
    """The sweep for announcements whose task never ran (the broker was down at the time)."""
    ids = list(Announcement.objects.filter(fanned_out_at__isnull=True).order_by("pk").values_list("pk", flat=True))
    return sum(fan_out_announcement(pk) for pk in ids)
