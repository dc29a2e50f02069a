"""What scoring adds to the round: the guard for entering decisions and award (every eligible
proposal of every panel has a consensus on every criterion and a recommendation), and how the audit
trail reads scoring."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import Stage
from commissioning.registry import Summary, audit_sentences, document_builder, round_summary, stage_guard
from panels.membership.events import on_interest_declared
from panels.membership.models import Panel
from panels.scoring import pack, selectors, sentences, services


@stage_guard(Stage.AWARD)
def every_proposal_moderated_and_recommended(round_):
    missing = selectors.panels_missing_decisions(round_)
    if not missing:
        return [_("No selection panel has been set up.")]
    reasons = []
    for panel, unmoderated, unrecommended in missing:
        priority = panel.priority.title
        if unmoderated:
            reasons.append(
                ngettext(
                    "%(priority)s: %(n)d proposal has no moderated score",
                    "%(priority)s: %(n)d proposals have no moderated score",
                    unmoderated,
                )
                % {"priority": priority, "n": unmoderated}
            )
        if unrecommended:
            reasons.append(
                ngettext(
                    "%(priority)s: %(n)d proposal has no recommendation",
                    "%(priority)s: %(n)d proposals have no recommendation",
                    unrecommended,
                )
                % {"priority": priority, "n": unrecommended}
            )
    return reasons


@round_summary(Stage.PANELS)
def scoring_summary(round_, user):
    """Links to each panel's scoring, for its members and officers, and to its ranking for the chair and officers."""
    links = []
    for panel in Panel.objects.filter(round=round_).select_related("priority", "round"):
        if user.has_perm("panels.view_panel", panel):
            links.append(
                (
                    _("Scoring: %(priority)s") % {"priority": panel.priority.title},
                    reverse("scoring_list", args=[round_.pk, panel.pk]),
                )
            )
        if user.has_perm("panels.view_ranking", panel):
            links.append(
                (
                    _("Ranking: %(priority)s") % {"priority": panel.priority.title},
                    reverse("scoring_ranking", args=[round_.pk, panel.pk]),
                )
            )
    return Summary(title=_("Selection panels"), links=links) if links else None


audit_sentences(sentences.SENTENCES)
document_builder(pack.KIND)(pack.build_pack)
round_summary(Stage.PANELS)(pack.pack_summary)


@on_interest_declared
def interest_declared(declaration, *, by):
    """A member's late interest sets their sheet on the proposal aside, and their pack is made again
    without the proposal."""
    services.set_aside_on_interest(declaration, by=by)
    pack.rebuild_pack(declaration.member)
