import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from panels.membership.models import Panel
from proposals.writing.models import Proposal


class MeetingSlot(models.Model):
    """A time the panel can meet one proposer (about an hour and a half), in a place or by video."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("Starts"))
    ends_at = models.DateTimeField(_("Ends"))
    place = models.CharField(_("Place"), max_length=300, blank=True)
    video_link = models.URLField(_("Video link"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_it_starts"),
            models.CheckConstraint(condition=~Q(place="") | ~Q(video_link=""), name="slot_has_place_or_link"),
        ]

    def __str__(self):
        return f"{self.panel} {self.starts_at:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    """A proposal's meeting with its panel. The database holds one proposal to one slot: two proposals
    can never hold the same slot. Its calendar event keeps one UID; each change raises its sequence."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="meeting")
    slot = models.OneToOneField(MeetingSlot, on_delete=models.PROTECT, null=True, blank=True, related_name="booking")
    uid = models.CharField(max_length=100, unique=True, default=uuid.uuid4, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    booked_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The reminder the day before, sent once for the slot it names.
    reminded_slot = models.ForeignKey(MeetingSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | Q(slot__isnull=True), name="cancelled_booking_holds_no_slot"
            ),
        ]

    def __str__(self):
        return f"{self.proposal} at {self.slot}"


class MeetingRecord(models.Model):
    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="record")
    notes = models.TextField(_("Notes"), max_length=20_000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.booking)


class Attendee(models.Model):
    class Side(models.TextChoices):
        PANEL = "panel", _("Panel")
        PROPOSER = "proposer", _("Proposer")

    record = models.ForeignKey(MeetingRecord, on_delete=models.CASCADE, related_name="attendees")
    side = models.CharField(_("Side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["record", "side", "name"]

    def __str__(self):
        return self.name


class MeetingQuestion(models.Model):
    record = models.ForeignKey(MeetingRecord, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("Question"), max_length=5000)
    answer = models.TextField(_("Answer"), max_length=5000, blank=True)

    class Meta:
        ordering = ["record", "pk"]

    def __str__(self):
        return self.question[:60]


class FollowUp(models.Model):
    """Something the panel asked of the proposer after the meeting, by a date."""

    record = models.ForeignKey(MeetingRecord, on_delete=models.CASCADE, related_name="follow_ups")
    request = models.TextField(_("What is asked"), max_length=5000)
    due_date = models.DateField(_("Due by"))
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["record", "due_date", "pk"]

    def __str__(self):
        return self.request[:60]
