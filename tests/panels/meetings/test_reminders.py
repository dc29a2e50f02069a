"""Reminders go once per slot to meetings starting 24 to 48 hours from now; a moved meeting again."""

import datetime

import pytest
from django.utils import timezone

from commissioning.outbox.models import OutgoingEmail
from panels.meetings import services
from panels.meetings.models import Booking
from panels.meetings.tasks import task_send_meeting_reminders
from tests.factories.commissioning import UserFactory
from tests.factories.panels import PanelMemberFactory
from tests.panels.meetings.helpers import led_proposal, new_panel, slot

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2030, 3, 4, 9, 0, tzinfo=datetime.UTC)


def _reminders():
    return OutgoingEmail.objects.filter(dedup_key__contains=":reminder:")


def _booked_at(panel, starts_at):
    """A proposal booked (a week before) into a slot starting at ``starts_at``."""
    proposal = led_proposal(panel)
    held = slot(panel, starts_at=starts_at)
    return Booking.objects.create(proposal=proposal, slot=held)


@pytest.mark.parametrize(
    ("hours", "reminded"),
    [(23, False), (23.99, False), (24, True), (36, True), (47.99, True), (48, False), (60, False)],
)
def test_reminders_go_only_for_meetings_starting_24_to_48_hours_on(hours, reminded):
    panel = new_panel()
    booking = _booked_at(panel, NOW + datetime.timedelta(hours=hours))

    count = services.send_reminders(now=NOW)

    booking.refresh_from_db()
    assert count == int(reminded)
    assert (booking.reminded_slot_id == booking.slot_id) is reminded
    assert _reminders().exists() is reminded


def test_the_task_run_twice_reminds_once_the_proposer_and_the_panel(monkeypatch):
    panel = new_panel()
    member = PanelMemberFactory(panel=panel, user=UserFactory(email="expert@panel.example.org"))
    booking = _booked_at(panel, NOW + datetime.timedelta(hours=30))
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    first, second = task_send_meeting_reminders(), task_send_meeting_reminders()

    assert (first, second) == (1, 0)
    assert sorted(_reminders().values_list("to_email", flat=True)) == [
        "amira.khan@lead.example.org",
        member.user.email,
    ]
    assert {email.subject for email in _reminders()} == {
        f"Reminder: meeting with the selection panel tomorrow: {booking.proposal.title}"
    }
    booking.refresh_from_db()
    assert booking.reminded_at == NOW


def test_a_moved_meeting_is_reminded_again_for_its_new_slot():
    panel = new_panel()
    booking = _booked_at(panel, NOW + datetime.timedelta(hours=30))
    services.send_reminders(now=NOW)
    later = slot(panel, starts_at=NOW + datetime.timedelta(hours=40))
    Booking.objects.filter(pk=booking.pk).update(slot=later, sequence=1)

    again = services.send_reminders(now=NOW)

    booking.refresh_from_db()
    assert again == 1
    assert booking.reminded_slot == later
    assert _reminders().filter(to_email="amira.khan@lead.example.org").count() == 2
