"""What the consortium adds: the bidder's panel on the home page, the link to the bidder's dashboard on
the round's page, and how the audit trail reads the consortium."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import Stage
from commissioning.registry import HomePanel, Summary, audit_sentences, home_panel, round_summary
from commissioning.rounds.rules import is_bidder
from proposals.consortium import selectors, sentences


@home_panel
def bidding_panel(user):
    """The rounds the person bids in, each with its dashboard, and the invitations waiting for them."""
    rounds = selectors.bidding_rounds(user)
    invitations = list(selectors.invitations_waiting(user))
    if not rounds and not invitations:
        return None
    return HomePanel(
        title=_("Bidding"),
        template="proposals/consortium/_home.html",
        context={"rounds": rounds, "invitations": invitations},
    )


@round_summary(Stage.CALL)
def dashboard_summary(round_, user):
    if not is_bidder(user, round_):
        return None
    return Summary(
        title=_("Bidding"), links=[(_("Your bidding dashboard"), reverse("bidder_dashboard", args=[round_.pk]))]
    )


audit_sentences(sentences.SENTENCES)
