"""Slots, bookings, cancellations and records, with their calendar files parsed back with icalendar."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.services import _attachment
from panels.meetings import services
from panels.meetings.models import Booking, FollowUp, MeetingSlot
from panels.meetings.services import MeetingError, SlotTaken
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.panels import PanelMemberFactory
from tests.panels.meetings.helpers import in_days, led_proposal, new_panel, slot

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def panel():
    return new_panel()


@pytest.fixture
def officer(panel):
    return person_with_role(panel.round, Role.OFFICER)


def _event(email):
    calendar = Calendar.from_ical(email.attachment.file.open("rb").read())
    return calendar, calendar.walk("VEVENT")[0]


def test_add_slot_defaults_to_an_hour_and_a_half_and_is_audited(panel, officer):
    starts = in_days(5, hour=14)

    added = services.add_slot(panel, by=officer, starts_at=starts, place="Room 2")

    assert added.ends_at - added.starts_at == datetime.timedelta(minutes=90)
    assert AuditEntry.objects.filter(action="meeting.slot_added", object_id=str(added.pk)).count() == 1


def test_a_slot_needs_a_place_or_a_link(panel, officer):
    with pytest.raises(MeetingError):
        services.add_slot(panel, by=officer, starts_at=in_days(5), place=" ", video_link="")
    assert not MeetingSlot.objects.exists()


def test_booking_emails_the_lead_and_every_member_an_invitation_that_parses_back(panel):
    member = PanelMemberFactory(panel=panel, user=UserFactory(email="chair@panel.example.org"))
    lead = UserFactory()
    proposal = led_proposal(panel, lead, title="Hillfields mentoring")
    held = slot(panel, starts_at=in_days(7, hour=10), place="Room 1", video_link="https://meet.example.org/x")

    booking = services.book_slot(proposal, held, by=lead)

    emails = OutgoingEmail.objects.filter(dedup_key__startswith="meeting:").order_by("to_email")
    assert [email.to_email for email in emails] == ["amira.khan@lead.example.org", member.user.email]
    assert {email.subject for email in emails} == {"Meeting with the selection panel: Hillfields mentoring"}
    calendar, event = _event(emails[0])
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"{booking.uid}@meetings"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == held.starts_at.astimezone(LONDON)
    assert event.decoded("DTSTART").tzinfo.key == "Europe/London"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(minutes=90)
    assert str(event["LOCATION"]) == "Room 1"
    assert str(event["URL"]) == "https://meet.example.org/x"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    assert _attachment(emails[0].attachment, b"")[::2] == ("meeting.ics", "text/calendar")
    assert AuditEntry.objects.filter(action="meeting.booked").count() == 1


def test_moving_and_cancelling_keep_the_uid_and_raise_the_sequence(panel, officer):
    proposal = led_proposal(panel)
    first, second = slot(panel, starts_at=in_days(7)), slot(panel, starts_at=in_days(8, hour=15))
    booking = services.book_slot(proposal, first, by=officer)

    services.book_slot(proposal, second, by=officer)
    services.change_slot(second, by=officer, starts_at=in_days(8, hour=16), place="Room 9")
    services.cancel_booking(booking, by=officer)

    lead_emails = OutgoingEmail.objects.filter(
        dedup_key__startswith="meeting:", to_email="amira.khan@lead.example.org"
    ).order_by("pk")
    parsed = [_event(email) for email in lead_emails]
    assert [email.subject.split(":")[0] for email in lead_emails] == [
        "Meeting with the selection panel",
        "Meeting moved",
        "Meeting changed",
        "Meeting cancelled",
    ]
    assert {str(event["UID"]) for _calendar, event in parsed} == {f"{booking.uid}@meetings"}
    assert [int(event["SEQUENCE"]) for _calendar, event in parsed] == [0, 1, 2, 3]
    assert [str(calendar["METHOD"]) for calendar, _event in parsed] == ["REQUEST"] * 3 + ["CANCEL"]
    assert str(parsed[-1][1]["STATUS"]) == "CANCELLED"
    assert parsed[2][1].decoded("DTSTART") == in_days(8, hour=16)
    booking.refresh_from_db()
    assert booking.slot is None and booking.cancelled_at is not None and booking.sequence == 3
    assert list(
        AuditEntry.objects.filter(action__startswith="meeting.").order_by("pk").values_list("action", flat=True)
    ) == ["meeting.booked", "meeting.moved", "meeting.slot_changed", "meeting.cancelled"]


def test_a_taken_slot_is_refused_with_a_clear_message(panel):
    held = slot(panel)
    services.book_slot(led_proposal(panel), held, by=None)
    late = led_proposal(panel)

    with pytest.raises(SlotTaken) as refused:
        services.book_slot(late, held, by=None)

    assert refused.value.message == "That slot has just been taken: choose another"
    assert not Booking.objects.filter(proposal=late).exists()


def test_a_slot_of_another_panel_or_in_the_past_is_refused(panel):
    proposal = led_proposal(panel)
    with pytest.raises(MeetingError):
        services.book_slot(proposal, slot(new_panel()), by=None)
    with pytest.raises(MeetingError):
        services.book_slot(proposal, slot(panel, starts_at=in_days(-1)), by=None)
    assert not Booking.objects.exists()


def test_a_booked_slot_cannot_be_removed_but_a_free_one_can(panel, officer):
    booked, free = slot(panel), slot(panel, starts_at=in_days(9))
    services.book_slot(led_proposal(panel), booked, by=officer)

    with pytest.raises(MeetingError):
        services.remove_slot(booked, by=officer)
    services.remove_slot(free, by=officer)

    assert list(MeetingSlot.objects.all()) == [booked]
    assert AuditEntry.objects.filter(action="meeting.slot_removed").count() == 1


def test_the_record_keeps_what_the_proposer_marked_done(panel, officer):
    booking = services.book_slot(led_proposal(panel), slot(panel), by=officer)
    due = in_days(14).date()
    record = services.save_record(
        booking,
        by=officer,
        notes="Strong on evaluation.",
        attendees=[{"side": "panel", "name": "Pat Chair", "organisation": ""}],
        questions=[{"question": "Who sustains it?", "answer": "The county council."}],
        follow_ups=[{"request": "Send the sponsor's letter", "due_date": due}],
    )
    follow_up = record.follow_ups.get()
    services.mark_follow_up_done(follow_up, by=officer)

    services.save_record(
        booking,
        by=officer,
        notes="Strong on evaluation. Letter promised.",
        attendees=[],
        questions=[],
        follow_ups=[{"pk": follow_up.pk, "request": "Send the sponsor's signed letter", "due_date": due}],
    )

    kept = FollowUp.objects.get()
    assert kept.pk == follow_up.pk and kept.done_at is not None
    assert kept.request == "Send the sponsor's signed letter"
    assert record.attendees.count() == 0
    actions = list(AuditEntry.objects.filter(action__startswith="meeting.").values_list("action", flat=True))
    assert sorted(actions) == ["meeting.booked", "meeting.follow_up_done", "meeting.recorded", "meeting.recorded"]
