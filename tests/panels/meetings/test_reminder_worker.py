"""The day-before reminder through a real Celery worker on Redis: the beat's task sent twice (the two
runs may overlap on the worker's two processes) reminds the proposer and the panel exactly once."""

import datetime
import re
import time

import pytest
from django.utils import timezone

from commissioning.enums import EmailStatus
from commissioning.outbox.models import OutgoingEmail
from panels.meetings.models import Booking
from panels.meetings.tasks import task_send_meeting_reminders
from tests.celery_support import wait_for
from tests.factories.commissioning import UserFactory
from tests.factories.panels import PanelMemberFactory
from tests.panels.meetings.helpers import led_proposal, new_panel, slot

pytestmark = pytest.mark.celery_worker

# Long enough for a second reminder to have arrived if one got through.
SETTLE_SECONDS = 3


def _reminders():
    return OutgoingEmail.objects.filter(dedup_key__contains=":reminder:")


def _received_reminders(smtp):
    """The reminders the SMTP server took (setting up the panel's specification sent other mail)."""
    return [message for message in smtp.messages if message.subject.strip().startswith("Reminder:")]


def test_the_day_before_reminder_is_sent_once_though_the_beat_task_runs_twice(real_celery, transactional_db):
    panel = new_panel()
    members = [
        PanelMemberFactory(panel=panel, user=UserFactory(email=f"{name}@panel.example.org"))
        for name in ("chair", "expert")
    ]
    tomorrow = led_proposal(panel, title="Youth into work")
    next_week = led_proposal(panel, title="Warm homes")
    booking = Booking.objects.create(
        proposal=tomorrow, slot=slot(panel, starts_at=timezone.now() + datetime.timedelta(hours=30))
    )
    Booking.objects.create(proposal=next_week, slot=slot(panel, starts_at=timezone.now() + datetime.timedelta(days=7)))

    task_send_meeting_reminders.delay()
    task_send_meeting_reminders.delay()

    expected = sorted(["amira.khan@lead.example.org", *(member.user.email for member in members)])
    wait_for(
        lambda: len(_received_reminders(real_celery.smtp)) >= len(expected),
        timeout=60,
        message="the reminders at the SMTP server",
    )
    wait_for(
        lambda: _reminders().count() == len(expected) and not _reminders().exclude(status=EmailStatus.SENT).exists(),
        timeout=30,
        message="every reminder to be marked sent",
    )
    time.sleep(SETTLE_SECONDS)
    messages = _received_reminders(real_celery.smtp)
    assert sorted(message.to[0] for message in messages) == expected
    assert {message.subject.strip() for message in messages} == {
        "Reminder: meeting with the selection panel tomorrow: Youth into work"
    }
    assert sorted(_reminders().values_list("to_email", flat=True)) == expected
    # Both runs reached the worker: one reminded the meeting, the other found it reminded.
    runs = re.findall(r"send_meeting_reminders\[[^]]+\] succeeded in [\d.]+s: (\d+)", real_celery.worker.log())
    assert sorted(runs) == ["0", "1"]
    booking.refresh_from_db()
    assert booking.reminded_slot_id == booking.slot_id and booking.reminded_at is not None
    assert Booking.objects.get(proposal=next_week).reminded_at is None
