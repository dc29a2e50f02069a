"""Meetings' pages for the walking tests (tests/walking/registry.py).

Each round has a panel with an eligible proposal; the own round's bidder acts for its lead
organisation and the own round's panel member sits on the panel (declared, no interest). The
proposal holds one slot, whose meeting has a record with one follow-up; another slot is free.
"""

from panels.meetings.services import book_slot, save_record
from panels.membership.models import Panel, PanelMember
from tests.factories.commissioning import UserFactory
from tests.factories.panels import declare
from tests.factories.proposals import published_specification
from tests.panels.meetings.helpers import in_days, led_proposal, slot
from tests.walking.registry import OFFICERS, thing, url


@thing("meeting_panel")
def _panel(world, side):
    spec = published_specification(world.round(side))
    panel = Panel.objects.create(round=spec.round, priority=spec.priority)
    if side == "own":
        PanelMember.objects.create(panel=panel, user=world.person("panel"), role="expert")
    return panel


@thing("meeting_proposal")
def _proposal(world, side):
    panel = world.get(side, "meeting_panel")
    person = world.person("bidder") if side == "own" else UserFactory()
    proposal = led_proposal(panel, person, title=f"Meeting proposal of the {side} round")
    for member in panel.members.all():
        declare(member, proposal)
    return proposal


@thing("meeting_free_slot")
def _free_slot(world, side):
    return slot(world.get(side, "meeting_panel"), starts_at=in_days(9))


@thing("meeting_booked_slot")
def _booked_slot(world, side):
    proposal = world.get(side, "meeting_proposal")
    booked = slot(world.get(side, "meeting_panel"), starts_at=in_days(8))
    book_slot(proposal, booked, by=None)
    return booked


@thing("meeting_follow_up")
def _follow_up(world, side):
    booking = world.get(side, "meeting_booked_slot").booking
    record = save_record(
        booking,
        by=None,
        notes="Walked",
        attendees=[],
        questions=[],
        follow_ups=[{"request": "Send the evaluation plan", "due_date": in_days(14).date()}],
    )
    return record.follow_ups.get()


def _built(world, side):
    """Everything a meetings page may touch, built before any page is opened (a POST's data names it)."""
    for name in ("meeting_booked_slot", "meeting_free_slot", "meeting_follow_up"):
        world.get(side, name)


def _panel_pk(world, side):
    _built(world, side)
    return world.get(side, "meeting_panel").pk


def _free_slot_pk(world, side):
    _built(world, side)
    return world.get(side, "meeting_free_slot").pk


def _booked_proposal(world, side):
    _built(world, side)
    return world.get(side, "meeting_proposal").pk


def _slot_data(world, side):
    when = in_days(10)
    return {
        "starts_at_day": when.day,
        "starts_at_month": when.month,
        "starts_at_year": when.year,
        "starts_at_time": "14:00",
        "minutes": 90,
        "place": "Taken over",
    }


def _book_data(world, side):
    return {"slot": world.get(side, "meeting_free_slot").pk}


def _assign_data(world, side):
    return {"proposal": world.get(side, "meeting_proposal").pk}


def _follow_up_pk(world, side):
    return world.get(side, "meeting_follow_up").pk


def _record_data(world, side):
    data = {"notes": "Changed by a stranger"}
    for prefix in ("attendee", "question", "follow_up"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


MEMBERS = OFFICERS | {"panel"}
LEAD = OFFICERS | {"bidder"}

url("meeting_timetable", panel_pk=_panel_pk, allow=MEMBERS)
url("meeting_slot_add", panel_pk=_panel_pk, allow=OFFICERS, data=_slot_data)
url("meeting_slot_edit", panel_pk=_panel_pk, slot_pk=_free_slot_pk, allow=OFFICERS, data=_slot_data)
url("meeting_slot_remove", panel_pk=_panel_pk, slot_pk=_free_slot_pk, allow=OFFICERS)
url("meeting_slot_assign", panel_pk=_panel_pk, slot_pk=_free_slot_pk, allow=OFFICERS, data=_assign_data)
url("meeting_booking", pk=_booked_proposal, allow=LEAD, data=_book_data)
url("meeting_cancel", pk=_booked_proposal, allow=OFFICERS)
url("meeting_record", pk=_booked_proposal, allow=MEMBERS, data=_record_data)
url(
    "meeting_follow_up_done",
    pk=_booked_proposal,
    follow_up_pk=_follow_up_pk,
    allow=LEAD,
    data=lambda world, side: {"done": "1"},
)
