"""What meetings add: each panel's timetable on the round's page, the link on a bidder's dashboard
to book (or see) each proposal's meeting with its panel, the reminder task of the beat schedule, and
how the audit trail reads meetings."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import Stage
from commissioning.registry import Summary, audit_sentences, bidder_link, round_summary
from panels.meetings import selectors, sentences
from panels.meetings import tasks as _tasks  # noqa: F401 -- registers the beat's reminder task with Celery
from panels.membership.models import Panel


@bidder_link
def meeting_links(round_, user):
    links = []
    for proposal in selectors.bidder_meeting_proposals(user, round_):
        booking = getattr(proposal, "meeting", None)
        if booking is not None and booking.slot_id:
            label = _("Your meeting with the selection panel: %(title)s") % {"title": proposal.title}
        else:
            label = _("Book a meeting with the selection panel: %(title)s") % {"title": proposal.title}
        links.append((label, reverse("meeting_booking", args=[round_.pk, proposal.pk])))
    return links


@round_summary(Stage.PANELS)
def timetables_summary(round_, user):
    """Each panel's meeting timetable, for the officers and the panel's members."""
    panels = Panel.objects.filter(round=round_).select_related("priority", "round")
    links = [
        (
            _("Meeting timetable: %(priority)s") % {"priority": panel.priority.title},
            reverse("meeting_timetable", args=[round_.pk, panel.pk]),
        )
        for panel in panels
        if user.has_perm("panels.view_panel", panel)
    ]
    return Summary(title=_("Meetings with proposers"), links=links) if links else None


audit_sentences(sentences.SENTENCES)
