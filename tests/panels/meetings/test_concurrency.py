"""Two proposals booking one slot at the same moment: exactly one holds it (PostgreSQL, real threads)."""

import pytest

from panels.meetings.models import Booking
from panels.meetings.services import SlotTaken, book_slot
from tests.concurrency import at_once
from tests.panels.meetings.helpers import led_proposal, new_panel, slot


def _at_once(*actions):
    return at_once(
        *actions, done="booked", refused=lambda error: error.message if isinstance(error, SlotTaken) else None
    )


@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_bookings_of_one_slot_leave_exactly_one_holder(postgresql, attempt):
    panel = new_panel()
    proposals = [led_proposal(panel) for _ in range(4)]
    held = slot(panel)

    outcomes = _at_once(*[lambda proposal=proposal: book_slot(proposal, held, by=None) for proposal in proposals])

    assert sorted(outcomes) == ["That slot has just been taken: choose another"] * 3 + ["booked"]
    winner = proposals[outcomes.index("booked")]
    assert list(Booking.objects.values_list("proposal_id", "slot_id")) == [(winner.pk, held.pk)]
