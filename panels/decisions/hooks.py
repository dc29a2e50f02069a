"""What decisions add to the round: the guard for entering monitoring (every priority's proposals have
an approved decision), the decisions' links on the round's page, a bidder's approved decisions on
their dashboard, the money approved decisions allocate, and how the audit trail reads decisions."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import STAGE_ORDER, Stage
from commissioning.registry import (
    HomePanel,
    Summary,
    audit_sentences,
    bidder_link,
    demo_seeder,
    home_panel,
    money_use,
    round_summary,
    stage_guard,
)
from panels.decisions import demo, selectors, sentences
from panels.decisions.enums import DECISIONS_GROUP

DECISIONS = DECISIONS_GROUP


@stage_guard(Stage.MONITORING)
def every_decision_recorded_and_approved(round_):
    if not selectors.has_decisions(round_):
        return [_("No decision has been recorded.")]
    reasons = []
    for priority, missing, awaiting in selectors.undecided_by_priority(round_):
        if missing:
            reasons.append(
                ngettext(
                    "%(priority)s: %(n)d proposal has no decision",
                    "%(priority)s: %(n)d proposals have no decision",
                    missing,
                )
                % {"priority": priority, "n": missing}
            )
        if awaiting:
            reasons.append(
                ngettext(
                    "%(priority)s: %(n)d decision awaits approval",
                    "%(priority)s: %(n)d decisions await approval",
                    awaiting,
                )
                % {"priority": priority, "n": awaiting}
            )
    return reasons


@round_summary(Stage.AWARD)
def decisions_summary(round_, user):
    """From the award stage on: the decisions page and who approves, for officers and the approving chair;
    what the round funds, for the people of a contributing agency."""
    if STAGE_ORDER.index(round_.stage) < STAGE_ORDER.index(Stage.AWARD):
        return None
    links = []
    if user.has_perm("panels.view_decisions", round_):
        links.append((_("Decisions"), reverse("decisions_list", args=[round_.pk])))
    if user.has_perm("panels.decide", round_):
        links.append((_("Who approves decisions"), reverse("decisions_settings", args=[round_.pk])))
    if user.has_perm("panels.view_agency_funding", round_):
        links.append((_("What the round funds, agency by agency"), reverse("decisions_agency", args=[round_.pk])))
    return Summary(group=DECISIONS, links=links) if links else None


@home_panel
def approvals_panel(user):
    """The decisions waiting for the person's approval, in every round."""
    decisions = list(selectors.awaiting_approval_by(user))
    if not decisions:
        return None
    return HomePanel(
        title=_("Decisions waiting for your approval"),
        template="panels/decisions/_home.html",
        context={"decisions": decisions},
    )


@bidder_link
def decision_links(round_, user):
    return [
        (
            _("The decision on your proposal: %(title)s") % {"title": decision.proposal.title},
            reverse("decisions_bidder", args=[round_.pk, decision.proposal_id]),
        )
        for decision in selectors.bidder_decisions(user, round_)
    ]


money_use("allocated")(selectors.allocated)
audit_sentences(sentences.SENTENCES)
demo_seeder(Stage.AWARD)(demo.seed)
