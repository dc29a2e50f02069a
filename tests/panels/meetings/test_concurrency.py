"""Two proposals booking one slot at the same moment: exactly one holds it (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection, connections

from panels.meetings.models import Booking
from panels.meetings.services import SlotTaken, book_slot
from tests.panels.meetings.helpers import led_proposal, new_panel, slot


@pytest.fixture
def postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL (set DATABASE_URL).")


def _at_once(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            action()
            outcomes[index] = "booked"
        except SlotTaken as error:
            outcomes[index] = error.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_bookings_of_one_slot_leave_exactly_one_holder(postgresql, attempt):
    panel = new_panel()
    proposals = [led_proposal(panel) for _ in range(4)]
    held = slot(panel)

    outcomes = _at_once(*[lambda proposal=proposal: book_slot(proposal, held, by=None) for proposal in proposals])

    assert sorted(outcomes) == ["That slot has just been taken: choose another"] * 3 + ["booked"]
    winner = proposals[outcomes.index("booked")]
    assert list(Booking.objects.values_list("proposal_id", "slot_id")) == [(winner.pk, held.pk)]
