"""What meetings add: the link on a bidder's dashboard to book (or see) each proposal's meeting with
its panel, the reminder task of the beat schedule, and how the audit trail reads meetings."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.registry import audit_sentences, bidder_link
from panels.meetings import selectors, sentences
from panels.meetings import tasks as _tasks  # noqa: F401 -- registers the beat's reminder task with Celery


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


audit_sentences(sentences.SENTENCES)
