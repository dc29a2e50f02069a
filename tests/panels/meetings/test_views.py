"""The meetings pages: the officer's slots, the bidder's own meeting, the record and the follow-ups,
against the people who may and may not use them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from panels.meetings import services
from panels.meetings.models import Attendee, Booking, FollowUp, MeetingQuestion, MeetingRecord, MeetingSlot
from panels.membership.enums import InterestNature
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.panels import PanelMemberFactory, declare
from tests.panels.meetings.helpers import in_days, led_proposal, new_panel, slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    return new_panel()


@pytest.fixture
def officer(panel):
    return person_with_role(panel.round, Role.OFFICER)


@pytest.fixture
def bidder(panel):
    return person_with_role(panel.round, Role.BIDDER)


def _page(client, user, name, *args, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(reverse(name, args=args), data or {})


def _counts():
    return (
        MeetingSlot.objects.count(),
        list(Booking.objects.values_list("proposal_id", "slot_id", "sequence")),
        MeetingRecord.objects.count(),
        list(FollowUp.objects.values_list("pk", "done_at")),
    )


def test_the_officer_offers_a_slot_the_gov_uk_way(client, panel, officer):
    when = in_days(10)
    response = _page(
        client,
        officer,
        "meeting_slot_add",
        panel.round.pk,
        panel.pk,
        method="post",
        data={
            "starts_at_day": when.day,
            "starts_at_month": when.month,
            "starts_at_year": when.year,
            "starts_at_time": "2pm",
            "minutes": "90",
            "video_link": "https://meet.example.org/panel",
        },
    )

    assert response.status_code == 302
    added = MeetingSlot.objects.get()
    assert added.starts_at == when.replace(hour=14)
    assert (added.ends_at - added.starts_at).total_seconds() == 90 * 60
    assert added.video_link == "https://meet.example.org/panel"


def test_a_slot_without_place_or_link_is_refused_keeping_what_was_typed(client, panel, officer):
    response = _page(
        client,
        officer,
        "meeting_slot_add",
        panel.round.pk,
        panel.pk,
        method="post",
        data={"starts_at_day": "31", "starts_at_month": "2", "starts_at_year": "2031", "minutes": "90"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a place or a video link" in page
    assert 'value="31"' in page
    assert not MeetingSlot.objects.exists()


def test_the_lead_books_a_free_slot_and_sees_only_their_meeting(client, panel, bidder):
    mine = led_proposal(panel, bidder, title="Our mentoring")
    theirs = led_proposal(panel, title="Their allotments")
    their_slot, free = slot(panel, starts_at=in_days(6), place="Hall A"), slot(panel, place="Hall B")
    services.book_slot(theirs, their_slot, by=None)

    page = _page(client, bidder, "meeting_booking", panel.round.pk, mine.pk).content.decode()
    assert "Hall B" in page and "Hall A" not in page and "Their allotments" not in page

    response = _page(client, bidder, "meeting_booking", panel.round.pk, mine.pk, method="post", data={"slot": free.pk})

    assert response.status_code == 302
    assert Booking.objects.get(proposal=mine).slot == free
    page = client.get(response.url).content.decode()
    assert "Meeting booked. We have emailed you a calendar invitation." in page
    assert "Hall B" in page


def test_a_slot_taken_meanwhile_is_refused_with_its_message(client, panel, bidder):
    mine = led_proposal(panel, bidder)
    taken = slot(panel)
    services.book_slot(led_proposal(panel), taken, by=None)

    response = _page(client, bidder, "meeting_booking", panel.round.pk, mine.pk, method="post", data={"slot": taken.pk})

    assert "That slot has just been taken: choose another" in response.content.decode()
    assert not Booking.objects.filter(proposal=mine).exists()


@pytest.mark.parametrize("name", ["meeting_booking", "meeting_cancel", "meeting_record"])
def test_another_bidder_gets_404_and_changes_nothing(client, panel, bidder, name):
    theirs = led_proposal(panel, UserFactory())
    services.book_slot(theirs, slot(panel, starts_at=in_days(6)), by=None)
    free = slot(panel)
    before = _counts()

    assert _page(client, bidder, name, panel.round.pk, theirs.pk).status_code == 404
    posted = _page(client, bidder, name, panel.round.pk, theirs.pk, method="post", data={"slot": free.pk})

    assert posted.status_code == 404
    assert _counts() == before


def test_the_timetable_shows_members_every_booking_and_bidders_nothing(client, panel, bidder):
    member = PanelMemberFactory(panel=panel)
    proposal = led_proposal(panel, bidder, title="Our mentoring")
    services.book_slot(proposal, slot(panel, place="Hall A"), by=None)

    page = _page(client, member.user, "meeting_timetable", panel.round.pk, panel.pk).content.decode()
    assert "Our mentoring" in page and "Hall A" in page and "Offer a slot" not in page
    assert _page(client, bidder, "meeting_timetable", panel.round.pk, panel.pk).status_code == 404


def test_the_timetable_leaves_out_a_proposal_the_member_declared_an_interest_in(client, panel, bidder):
    member = PanelMemberFactory(panel=panel)
    other = PanelMemberFactory(panel=panel)
    theirs = led_proposal(panel, bidder, title="Our mentoring")
    kept = led_proposal(panel, title="Warm homes")
    services.book_slot(theirs, slot(panel, starts_at=in_days(7), place="Hall A"), by=None)
    services.book_slot(kept, slot(panel, starts_at=in_days(8), place="Hall B"), by=None)
    declare(member, theirs, interest=True, nature=InterestNature.EMPLOYMENT)
    declare(member, kept)
    lead = theirs.lead_organisation.name

    page = _page(client, member.user, "meeting_timetable", panel.round.pk, panel.pk).content.decode()
    assert "Our mentoring" not in page and lead not in page
    assert "Hall A" in page and "A proposal you declared an interest in" in page
    assert "Warm homes" in page and "Hall B" in page
    others = _page(client, other.user, "meeting_timetable", panel.round.pk, panel.pk).content.decode()
    assert "Our mentoring" in others and lead in others


def test_the_timetable_reads_in_the_same_queries_for_one_slot_or_many(client, panel, officer):
    services.book_slot(led_proposal(panel), slot(panel), by=None)
    client.force_login(officer)
    url = reverse("meeting_timetable", args=[panel.round.pk, panel.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for day in range(10, 16):
        services.book_slot(led_proposal(panel), slot(panel, starts_at=in_days(day)), by=None)
        led_proposal(panel)

    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    assert len(many.captured_queries) == len(one.captured_queries)
    assert page.count("Cancel the meeting") == 7


def test_the_officer_assigns_moves_and_cancels(client, panel, officer):
    proposal = led_proposal(panel, title="Our mentoring")
    first, second = slot(panel, starts_at=in_days(6)), slot(panel)
    args = (panel.round.pk, panel.pk)

    _page(client, officer, "meeting_slot_assign", *args, first.pk, method="post", data={"proposal": proposal.pk})
    _page(client, officer, "meeting_slot_assign", *args, second.pk, method="post", data={"proposal": proposal.pk})
    booking = Booking.objects.get()
    assert (booking.slot, booking.sequence) == (second, 1)

    response = _page(client, officer, "meeting_cancel", panel.round.pk, proposal.pk, method="post")

    booking.refresh_from_db()
    assert response.status_code == 302
    assert booking.slot is None and booking.sequence == 2
    assert AuditEntry.objects.filter(action="meeting.cancelled").count() == 1


def _record_data(**rows):
    data = {"notes": "Good answers."}
    for prefix in ("attendee", "question", "follow_up"):
        typed = rows.get(prefix, [])
        data.update({f"{prefix}-TOTAL_FORMS": len(typed), f"{prefix}-INITIAL_FORMS": 0})
        for index, row in enumerate(typed):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_the_chair_records_the_meeting_and_the_proposer_marks_a_follow_up_done(client, panel, bidder):
    chair = PanelMemberFactory(panel=panel, role="chair")
    proposal = led_proposal(panel, bidder)
    declare(chair, proposal)
    services.book_slot(proposal, slot(panel), by=None)
    due = in_days(14)
    args = (panel.round.pk, proposal.pk)
    data = _record_data(
        attendee=[{"side": "proposer", "name": "Amira Khan", "organisation": "Hillfields"}],
        question=[{"question": "Who sustains it?", "answer": "The council."}],
        follow_up=[
            {
                "request": "Send the letter",
                "due_date_day": due.day,
                "due_date_month": due.month,
                "due_date_year": due.year,
            }
        ],
    )

    more = _page(client, chair.user, "meeting_record", *args, method="post", data={**data, "add-question": "1"})
    assert more.status_code == 200 and 'name="question-1-question"' in more.content.decode()
    assert not MeetingRecord.objects.exists()
    saved = _page(client, chair.user, "meeting_record", *args, method="post", data=data)

    assert saved.status_code == 302
    assert list(Attendee.objects.values_list("side", "name")) == [("proposer", "Amira Khan")]
    assert list(MeetingQuestion.objects.values_list("question", "answer")) == [("Who sustains it?", "The council.")]
    follow_up = FollowUp.objects.get()
    page = _page(client, bidder, "meeting_booking", *args).content.decode()
    assert "Send the letter" in page and "Good answers." not in page
    done = _page(client, bidder, "meeting_follow_up_done", *args, follow_up.pk, method="post", data={"done": "1"})
    assert done.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None


def test_a_record_with_a_bad_date_names_the_field_and_saves_nothing(client, panel, officer):
    proposal = led_proposal(panel)
    services.book_slot(proposal, slot(panel), by=None)
    data = _record_data(
        follow_up=[{"request": "Send it", "due_date_day": "31", "due_date_month": "2", "due_date_year": "2031"}]
    )

    response = _page(client, officer, "meeting_record", panel.round.pk, proposal.pk, method="post", data=data)

    assert response.status_code == 400
    assert "real date" in response.content.decode()
    assert not MeetingRecord.objects.exists()


def test_a_conflicted_member_cannot_open_the_record(client, panel):
    member = PanelMemberFactory(panel=panel)
    proposal = led_proposal(panel)
    declare(member, proposal, interest=True, nature=InterestNature.FINANCIAL, description="Shares")
    services.book_slot(proposal, slot(panel), by=None)

    assert _page(client, member.user, "meeting_record", panel.round.pk, proposal.pk).status_code == 404
    posted = _page(
        client, member.user, "meeting_record", panel.round.pk, proposal.pk, method="post", data=_record_data()
    )
    assert posted.status_code == 404
    assert not MeetingRecord.objects.exists()


def test_a_follow_up_of_another_proposal_is_404_to_the_bidder(client, panel, bidder):
    mine, theirs = led_proposal(panel, bidder), led_proposal(panel)
    services.book_slot(mine, slot(panel, starts_at=in_days(6)), by=None)
    booking = services.book_slot(theirs, slot(panel), by=None)
    record = services.save_record(
        booking,
        by=None,
        notes="",
        attendees=[],
        questions=[],
        follow_ups=[{"request": "X", "due_date": in_days(9).date()}],
    )
    follow_up = record.follow_ups.get()

    response = _page(
        client,
        bidder,
        "meeting_follow_up_done",
        panel.round.pk,
        mine.pk,
        follow_up.pk,
        method="post",
        data={"done": "1"},
    )

    assert response.status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


def test_the_bidder_dashboard_links_to_the_meeting(client, panel, bidder):
    proposal = led_proposal(panel, bidder, title="Our mentoring")

    page = _page(client, bidder, "bidder_dashboard", panel.round.pk).content.decode()

    assert "Book a meeting with the selection panel: Our mentoring" in page
    assert reverse("meeting_booking", args=[panel.round.pk, proposal.pk]) in page


def test_the_round_page_links_officers_and_members_to_the_timetable(client, panel, officer, bidder):
    member = PanelMemberFactory(panel=panel)
    url = reverse("meeting_timetable", args=[panel.round.pk, panel.pk])

    for person in (officer, member.user):
        assert url in _page(client, person, "round_detail", panel.round.pk).content.decode()
    assert url not in _page(client, bidder, "round_detail", panel.round.pk).content.decode()
