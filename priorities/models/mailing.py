"""The partnership's mailing list for a round, and the announcements sent to it."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.models import Round


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberSource(models.TextChoices):
    SIGNUP = "signup", _("Signed up")
    IMPORT = "import", _("Imported by an officer")


def _token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="subscribers")
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("Email address"))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING)
    source = models.CharField(max_length=20, choices=SubscriberSource.choices, default=SubscriberSource.SIGNUP)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "name", "email"]
        constraints = [models.UniqueConstraint(fields=["round", "email"], name="unique_subscriber_email_per_round")]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class AnnouncementKind(models.TextChoices):
    PUBLISHED = "published", _("Specification published")
    AMENDED = "amended", _("Specification amended")
    ANSWER = "answer", _("Answer to a clarification question")


class Announcement(models.Model):
    """A message to everyone on the list (and followers), recorded at the moment of the
    decision; its per-person emails are recorded by a task, or by the sweep if the broker was down."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="announcements")
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=AnnouncementKind.choices)
    specification = models.ForeignKey(
        "priorities.Specification", on_delete=models.CASCADE, related_name="announcements"
    )
    version = models.PositiveIntegerField()
    question = models.ForeignKey(
        "priorities.Question", on_delete=models.CASCADE, null=True, blank=True, related_name="announcements"
    )
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.specification} v{self.version}"
