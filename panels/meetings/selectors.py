"""Reads of meetings: a panel's timetable, the free slots a proposal may book, a proposal's own
booking and the follow-ups asked of it, and who is emailed about a meeting."""

from django.db.models import Prefetch
from django.utils import timezone

from panels.meetings.models import Booking, FollowUp, MeetingRecord, MeetingSlot
from panels.membership.models import PanelMember
from panels.membership.selectors import interested_proposal_ids, membership, panel_of_proposal, panel_proposals
from proposals.submission.services import lead_contact
from proposals.writing.enums import Eligibility, ProposalState
from proposals.writing.models import Proposal
from proposals.writing.rules import organisation_ids_of


def timetable(panel):
    """The panel's slots in time order, each with its booking and booked proposal loaded."""
    return (
        MeetingSlot.objects.filter(panel=panel)
        .select_related("booking__proposal__lead_organisation")
        .order_by("starts_at", "pk")
    )


def timetable_for(user, panel):
    """The panel's timetable as ``user`` sees it: a slot booked for a proposal the user (a member)
    declared an interest in is marked ``hidden``, its proposal left out as in their panel pack."""
    member = membership(user, panel)
    interested = interested_proposal_ids(member) if member is not None else set()
    slots = list(timetable(panel))
    for slot in slots:
        booking = getattr(slot, "booking", None)
        slot.hidden = booking is not None and booking.proposal_id in interested
    return slots


def free_slots(panel, *, from_time=None):
    """The panel's slots nobody holds, still to come."""
    return MeetingSlot.objects.filter(
        panel=panel, booking__isnull=True, starts_at__gt=from_time or timezone.now()
    ).order_by("starts_at", "pk")


def booking_of(proposal):
    """``proposal``'s booking (held or cancelled) with its slot, or None."""
    return Booking.objects.filter(proposal=proposal).select_related("slot").first()


def unbooked_proposals(panel):
    """The panel's proposals holding no slot (never booked, or cancelled)."""
    return panel_proposals(panel).exclude(meeting__slot__isnull=False).select_related("lead_organisation")


def follow_ups_of(proposal):
    """The follow-ups the panel asked of ``proposal`` (and of no other)."""
    return FollowUp.objects.filter(record__booking__proposal=proposal).order_by("due_date", "pk")


def record_of(booking):
    """The meeting record of ``booking`` with its rows, or None."""

    return (
        MeetingRecord.objects.filter(booking=booking)
        .prefetch_related("attendees", "questions", Prefetch("follow_ups", queryset=FollowUp.objects.all()))
        .first()
    )


def meeting_recipients(proposal, panel=None):
    """(name, email) of the proposal's lead contact and of each panel member, without repeats."""
    panel = panel or panel_of_proposal(proposal)
    people = []
    lead = lead_contact(proposal)
    if lead is not None and lead.contact_email:
        people.append((lead.contact_name, lead.contact_email))
    members = PanelMember.objects.filter(panel=panel).select_related("user").order_by("pk")
    people.extend((member.user.full_name, member.user.email) for member in members if member.user.email)
    seen, unique = set(), []
    for name, email in people:
        if email.lower() not in seen:
            seen.add(email.lower())
            unique.append((name, email))
    return unique


def bidder_meeting_proposals(user, round_):
    """The proposals whose lead organisation ``user`` acts for that meet a panel in ``round_``."""
    return (
        Proposal.objects.filter(
            round=round_,
            lead_organisation_id__in=organisation_ids_of(user),
            state=ProposalState.SUBMITTED,
            eligibility=Eligibility.ELIGIBLE,
            specification__priority__panel__isnull=False,
        )
        .select_related("meeting__slot")
        .order_by("title", "pk")
    )
