"""What the strategic plan adds to the round: the workshop's guard, the home-page summary and how the
audit trail reads its changes."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import Stage
from commissioning.plan import sentences
from commissioning.plan.models import Indicator, StrategicOutcome
from commissioning.registry import PLAN, Summary, audit_sentences, round_summary, stage_guard


@stage_guard(Stage.WORKSHOP)
def plan_loaded(round_):
    reasons = []
    plan = StrategicOutcome.objects.filter(partnership_id=round_.partnership_id)
    outcomes = plan.count()
    if not outcomes:
        reasons.append(_("Add the strategic plan's outcomes."))
    elif not plan.filter(indicators__isnull=False).exists():
        reasons.append(_("Add performance indicators to the strategic plan."))
    return reasons


@round_summary(Stage.SETUP)
def plan_summary(round_, user):
    if not user.has_perm("commissioning.view_plan", round_):
        return None
    outcomes = StrategicOutcome.objects.filter(partnership_id=round_.partnership_id).count()
    indicators = Indicator.objects.filter(outcome__partnership=round_.partnership_id).count()
    return Summary(
        group=PLAN,
        lines=[
            ngettext("%(n)d outcome", "%(n)d outcomes", outcomes) % {"n": outcomes},
            ngettext("%(n)d performance indicator", "%(n)d performance indicators", indicators) % {"n": indicators},
        ],
        links=[(_("The strategic plan: outcomes, indicators and readings"), reverse("plan", args=[round_.pk]))],
    )


audit_sentences(sentences.SENTENCES)
