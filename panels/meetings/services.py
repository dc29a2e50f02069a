"""Changes to meetings: slots offered, changed and removed; bookings made, moved and cancelled;
the record of a meeting; follow-ups marked done; the reminders the day before.

Every invitation and change is emailed (through the outbox, after commit) to the proposal's lead
contact and to each panel member, with a calendar file that keeps the booking's UID and raises
its SEQUENCE, so calendars update the one event.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.dates import london
from commissioning.common.errors import ApplicationError
from commissioning.common.links import absolute_url
from commissioning.documents.models import Document, DocumentStatus
from commissioning.outbox.services import queue_email
from panels.meetings.ics import meeting_calendar
from panels.meetings.models import Attendee, Booking, FollowUp, MeetingQuestion, MeetingRecord, MeetingSlot
from panels.meetings.selectors import meeting_recipients
from panels.membership.selectors import panel_of_proposal, reaches_panel

MEETING_LENGTH = datetime.timedelta(minutes=90)
CALENDAR_KIND = "panels.meeting"
# Reminders go for meetings starting between one and two days from now ("the day before").
REMIND_FROM = datetime.timedelta(hours=24)
REMIND_UNTIL = datetime.timedelta(hours=48)


class MeetingError(ApplicationError):
    default_message = _("That cannot be done with this meeting.")


class SlotTaken(MeetingError):
    default_message = _("That slot has just been taken: choose another")


def when(moment):
    """A slot's time the UK way: "Tuesday 3 March 2027, 10:00"."""
    return london(moment, "l j F Y, H:i")


def _slot_values(slot):
    return {
        "starts_at": when(slot.starts_at),
        "ends_at": when(slot.ends_at),
        "place": slot.place,
        "video_link": slot.video_link,
    }


def _check_slot_fields(starts_at, ends_at, place, video_link):
    if ends_at <= starts_at:
        raise MeetingError(_("The meeting must end after it starts."))
    if not (place or "").strip() and not (video_link or "").strip():
        raise MeetingError(_("Give a place or a video link (or both)."))


def add_slot(panel, *, by, starts_at, ends_at=None, place="", video_link=""):
    """Offer a meeting slot on ``panel``. Side effects: an audit entry ("meeting.slot_added")."""
    ends_at = ends_at or starts_at + MEETING_LENGTH
    _check_slot_fields(starts_at, ends_at, place, video_link)
    with transaction.atomic():
        slot = MeetingSlot.objects.create(
            panel=panel,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            video_link=video_link.strip(),
            created_by=by,
        )
        audit("meeting.slot_added", by=by, round_=panel.round, obj=slot, after=_slot_values(slot))
    return slot


def change_slot(slot, *, by, starts_at, ends_at=None, place="", video_link=""):
    """Change a slot's time or place. A booked slot's change moves its meeting: the booking's
    sequence rises and everyone is sent the updated event. Side effects: an audit entry
    ("meeting.slot_changed"), and for a booked slot the update emails with their calendar file."""
    ends_at = ends_at or starts_at + MEETING_LENGTH
    _check_slot_fields(starts_at, ends_at, place, video_link)
    with transaction.atomic():
        slot = MeetingSlot.objects.select_for_update(of=("self",)).select_related("panel__round").get(pk=slot.pk)
        before = _slot_values(slot)
        slot.starts_at, slot.ends_at = starts_at, ends_at
        slot.place, slot.video_link = place.strip(), video_link.strip()
        slot.save(update_fields=["starts_at", "ends_at", "place", "video_link"])
        after = _slot_values(slot)
        if before == after:
            return slot
        audit("meeting.slot_changed", by=by, round_=slot.panel.round, obj=slot, before=before, after=after)
        booking = Booking.objects.select_for_update(of=("self",)).filter(slot=slot).select_related("proposal").first()
        if booking is not None:
            booking.sequence += 1
            booking.save(update_fields=["sequence"])
            _send_calendar(booking, slot, change="changed")
    return slot


def remove_slot(slot, *, by):
    """Remove a free slot. A booked one is refused: move or cancel its meeting first.
    Side effects: an audit entry ("meeting.slot_removed")."""
    with transaction.atomic():
        slot = MeetingSlot.objects.select_for_update(of=("self",)).select_related("panel__round").get(pk=slot.pk)
        if Booking.objects.filter(slot=slot).exists():
            raise MeetingError(_("This slot is booked: move or cancel its meeting before removing the slot."))
        audit("meeting.slot_removed", by=by, round_=slot.panel.round, obj=slot, before=_slot_values(slot))
        slot.delete()


def booking_refusal(proposal, slot=None):
    """Why ``proposal`` cannot be booked into ``slot`` now, or None."""
    if not reaches_panel(proposal):
        return _("Only an eligible submitted proposal meets the panel.")
    panel = panel_of_proposal(proposal)
    if panel is None:
        return _("This proposal's priority has no panel yet.")
    if slot is not None and slot.panel_id != panel.pk:
        return _("That slot is not one of this proposal's panel.")
    return None


def book_slot(proposal, slot, *, by):
    """Book ``slot`` for ``proposal`` (or move its meeting there). Two proposals never hold one
    slot: the slot row is locked, and the database refuses a second booking of it.

    Raises SlotTaken when another proposal holds it. Side effects: an audit entry ("meeting.booked"
    or "meeting.moved"), and the invitation (or update) emails with their calendar file.
    """
    refusal = booking_refusal(proposal, slot)
    if refusal:
        raise MeetingError(refusal)
    with transaction.atomic():
        slot = (
            MeetingSlot.objects.select_for_update(of=("self",))
            .select_related("panel__round")
            .filter(pk=slot.pk)
            .first()
        )
        if slot is None:
            raise SlotTaken
        if slot.starts_at <= timezone.now():
            raise MeetingError(_("That slot has already started: choose another."))
        holder = Booking.objects.filter(slot=slot).values_list("proposal_id", flat=True).first()
        if holder == proposal.pk:
            return Booking.objects.get(slot=slot)
        if holder is not None:
            raise SlotTaken
        booking = (
            Booking.objects.select_for_update(of=("self",)).filter(proposal=proposal).select_related("slot").first()
        )
        before = _slot_values(booking.slot) if booking is not None and booking.slot_id else None
        if booking is None:
            booking = Booking(proposal=proposal, booked_by=by)
        else:
            booking.sequence += 1
            booking.booked_by = by
        booking.slot, booking.cancelled_at = slot, None
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as error:
            raise SlotTaken from error
        booking.proposal = proposal
        action = "meeting.moved" if before else "meeting.booked"
        audit(action, by=by, round_=slot.panel.round, obj=booking, before=before, after=_slot_values(slot))
        _send_calendar(booking, slot, change="moved" if before else "booked")
    return booking


def cancel_booking(booking, *, by):
    """Cancel ``booking``'s meeting: its slot is free again and every calendar is told to cancel the
    event (same UID, higher SEQUENCE). Side effects: an audit entry ("meeting.cancelled") and the
    cancellation emails with their calendar file."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",)).select_related("slot", "proposal__round").get(pk=booking.pk)
        )
        if booking.slot_id is None:
            raise MeetingError(_("This meeting is already cancelled."))
        slot = booking.slot
        booking.sequence += 1
        booking.slot, booking.cancelled_at = None, timezone.now()
        booking.save(update_fields=["slot", "cancelled_at", "sequence"])
        audit("meeting.cancelled", by=by, round_=booking.proposal.round, obj=booking, before=_slot_values(slot))
        _send_calendar(booking, slot, change="cancelled")
    return booking


def _calendar_document(booking, slot, *, cancelled):
    """The calendar file of this sequence of ``booking``, stored ready to attach."""
    content_type = ContentType.objects.get_for_model(Booking)
    document, created = Document.objects.get_or_create(
        kind=CALENDAR_KIND,
        content_type=content_type,
        object_id=booking.pk,
        version=booking.sequence + 1,
        defaults={
            "round": booking.proposal.round,
            "title": _("Meeting with the panel: %(proposal)s") % {"proposal": booking.proposal.title},
            "status": DocumentStatus.READY,
            "rendered_at": timezone.now(),
        },
    )
    if created:
        document.file.save(
            f"meeting-{booking.pk}-{booking.sequence}.ics",
            ContentFile(meeting_calendar(booking, slot, cancelled=cancelled)),
            save=True,
        )
    return document


def _send_calendar(booking, slot, *, change):
    """Email the calendar file of ``booking``'s current sequence to the lead contact and the panel."""
    proposal = booking.proposal
    panel = slot.panel
    document = _calendar_document(booking, slot, cancelled=change == "cancelled")
    template = f"emails/panels/meetings/{change}"
    for name, email in meeting_recipients(proposal, panel):
        queue_email(
            dedup_key=f"meeting:{booking.uid}:{booking.sequence}:{email.lower()}",
            to=email,
            template=template,
            context={
                "name": name,
                "proposal": proposal,
                "priority": panel.priority,
                "slot": slot,
                "starts_at": when(slot.starts_at),
                "ends_at": timezone.localtime(slot.ends_at).strftime("%H:%M"),
            },
            round_=proposal.round,
            attachment=document,
        )


def send_reminders(*, now=None):
    """Remind the proposer and the panel of each meeting starting one to two days from now, once
    per slot: the booking is locked, marked for its slot, and the emails queued in one transaction,
    so a second run sends nothing, and a meeting moved to another slot is reminded again.
    Returns how many meetings were reminded."""
    now = now or timezone.now()
    window = {"slot__starts_at__gte": now + REMIND_FROM, "slot__starts_at__lt": now + REMIND_UNTIL}
    ids = list(Booking.objects.filter(slot__isnull=False, **window).values_list("pk", flat=True))
    reminded = 0
    for pk in ids:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(of=("self",))
                .select_related("slot__panel__priority", "proposal__round")
                .filter(pk=pk, **window)
                .first()
            )
            if booking is None or booking.reminded_slot_id == booking.slot_id:
                continue
            booking.reminded_slot, booking.reminded_at = booking.slot, now
            booking.save(update_fields=["reminded_slot", "reminded_at"])
            _send_reminder(booking)
            reminded += 1
    return reminded


def _send_reminder(booking):
    slot, proposal = booking.slot, booking.proposal
    for name, email in meeting_recipients(proposal, slot.panel):
        queue_email(
            dedup_key=f"meeting:{booking.uid}:reminder:{slot.pk}:{booking.sequence}:{email.lower()}",
            to=email,
            template="emails/panels/meetings/reminder",
            context={
                "name": name,
                "proposal": proposal,
                "priority": slot.panel.priority,
                "slot": slot,
                "starts_at": when(slot.starts_at),
                "ends_at": timezone.localtime(slot.ends_at).strftime("%H:%M"),
                "booking_url": absolute_url(reverse("meeting_booking", args=[proposal.round_id, proposal.pk])),
            },
            round_=proposal.round,
        )


def save_record(booking, *, by, notes, attendees, questions, follow_ups):
    """Record (or rewrite) the meeting: who attended from each side, the questions and answers,
    notes, and the follow-ups asked of the proposer. ``attendees`` are dicts (side, name,
    organisation), ``questions`` (question, answer), ``follow_ups`` (request, due_date, and
    optionally pk to keep one, so that what the proposer marked done stays done).
    Side effects: an audit entry ("meeting.recorded")."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).select_related("proposal__round").get(pk=booking.pk)
        if booking.slot_id is None:
            raise MeetingError(_("A cancelled meeting has no record."))
        record, _created = MeetingRecord.objects.get_or_create(booking=booking, defaults={"recorded_by": by})
        record.notes, record.recorded_by = notes, by
        record.save()
        record.attendees.all().delete()
        Attendee.objects.bulk_create(Attendee(record=record, **row) for row in attendees)
        record.questions.all().delete()
        MeetingQuestion.objects.bulk_create(MeetingQuestion(record=record, **row) for row in questions)
        kept = {row["pk"] for row in follow_ups if row.get("pk")}
        record.follow_ups.exclude(pk__in=kept).delete()
        for row in follow_ups:
            fields = {"request": row["request"], "due_date": row["due_date"]}
            if row.get("pk"):
                record.follow_ups.filter(pk=row["pk"]).update(**fields)
            else:
                FollowUp.objects.create(record=record, **fields)
        audit(
            "meeting.recorded",
            by=by,
            round_=booking.proposal.round,
            obj=booking,
            after={
                "attendees": len(attendees),
                "questions": len(questions),
                "follow_ups": [f"{row['request'][:80]} ({row['due_date']:%d/%m/%Y})" for row in follow_ups],
            },
        )
    return record


def mark_follow_up_done(follow_up, *, by, done=True):
    """The proposer marks a follow-up done (or not yet). Side effects: an audit entry
    ("meeting.follow_up_done" or "meeting.follow_up_reopened")."""
    with transaction.atomic():
        follow_up = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("record__booking__proposal__round")
            .get(pk=follow_up.pk)
        )
        if (follow_up.done_at is not None) == done:
            return follow_up
        follow_up.done_at = timezone.now() if done else None
        follow_up.save(update_fields=["done_at"])
        audit(
            "meeting.follow_up_done" if done else "meeting.follow_up_reopened",
            by=by,
            round_=follow_up.record.booking.proposal.round,
            obj=follow_up,
            after={"request": follow_up.request[:200]},
        )
    return follow_up
