"""What scoring adds to the round: the guard for entering decisions and award (every eligible
proposal of every panel has a consensus on every criterion and a recommendation), and how the audit
trail reads scoring."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import Stage
from commissioning.registry import audit_sentences, stage_guard
from panels.scoring import selectors, sentences


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


audit_sentences(sentences.SENTENCES)
