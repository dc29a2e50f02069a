"""What bidders add to the round: "Register to bid" on the public page of the call and on the round's
page, and how the audit trail reads a registration."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import Stage
from commissioning.registry import Summary, audit_sentences, call_link, round_summary
from proposals.bidders import selectors, sentences


@call_link
def register_to_bid(round_, user):
    if not selectors.takes_registrations(round_):
        return []
    return [(_("Register to bid"), reverse("bidder_register", args=[round_.pk]))]


@round_summary(Stage.CALL)
def registration_summary(round_, user):
    if not user.has_perm("proposals.register_bidder", round_):
        return None
    registered = [bidder.organisation.name for bidder in selectors.my_bidders(user, round_)]
    lines = []
    if registered:
        lines.append(_("Registered to bid: %(names)s.") % {"names": ", ".join(registered)})
    return Summary(
        title=_("Bidding"),
        lines=lines,
        links=[(_("Register an organisation to bid"), reverse("bidder_register", args=[round_.pk]))],
    )


audit_sentences(sentences.SENTENCES)
