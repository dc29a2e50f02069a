"""What brokering adds: the requests waiting for a bidder's answer on their home page, the link to
them on the round's page, how the audit trail reads brokering, and the demo's selection panels (which
use every panels area)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import Stage
from commissioning.registry import HomePanel, Summary, audit_sentences, demo_seeder, home_panel, round_summary
from panels.brokering import demo, selectors, sentences


@home_panel
def brokering_panel(user):
    """The panels' requests still waiting for the answer of an organisation the person acts for."""
    parties = list(selectors.waiting_parties_for(user))
    if not parties:
        return None
    return HomePanel(
        title=_("Requests from selection panels"),
        template="panels/brokering/_home.html",
        context={"parties": parties},
    )


@round_summary(Stage.CALL)
def inbox_summary(round_, user):
    if not selectors.parties_for(user, round_).exists():
        return None
    return Summary(
        title=_("Bidding"),
        links=[(_("Requests from the selection panels"), reverse("brokering_inbox", args=[round_.pk]))],
    )


@round_summary(Stage.PANELS)
def brokering_summary(round_, user):
    """For the chair of a panel and the round's officers: each panel's requests to proposers."""
    links = [
        (
            _("Ask proposers to work together: %(panel)s") % {"panel": panel},
            reverse("brokering_list", args=[round_.pk, panel.pk]),
        )
        for panel in selectors.panels_brokered_by(user, round_)
    ]
    return Summary(title=_("Selection panels"), links=links) if links else None


audit_sentences(sentences.SENTENCES)
demo_seeder(Stage.PANELS)(demo.seed)
