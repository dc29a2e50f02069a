from django.db import transaction
from django.utils.translation import gettext as _

from commissioning.audit.services import audit, snapshot
from commissioning.common.errors import ApplicationError
from commissioning.plan.models import Indicator, StrategicOutcome

OUTCOME_FIELDS = ["code", "title", "description"]

INDICATOR_FIELDS = [
    "outcome",
    "code",
    "name",
    "unit",
    "higher_is_better",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "source",
]


def _save_audited(obj, *, by, round_, fields, actions):
    """Validate and save ``obj``, with an audit entry holding what changed (none when nothing did).

    ``actions`` are the audit codes of creating and of changing it, written out so that every code can
    be found in the source and given its sentence.
    """
    model = type(obj)
    creating = obj.pk is None
    before = None if creating else snapshot(model.objects.select_for_update().get(pk=obj.pk), fields)
    obj.full_clean()
    obj.save()
    after = snapshot(obj, fields)
    if before != after:
        audit(
            actions[0] if creating else actions[1],
            by=by,
            round_=round_,
            obj=obj,
            before=before,
            after=after,
        )
    return obj


@transaction.atomic
def save_outcome(outcome, *, by, round_=None):
    """Create or update an outcome of the partnership's strategic plan.

    Side effects: an audit entry (on the trail of ``round_``, the round it was changed from).
    Raises ApplicationError when another outcome of the plan has the code.
    """
    outcome.code = outcome.code.strip().upper()
    taken = StrategicOutcome.objects.filter(partnership_id=outcome.partnership_id, code__iexact=outcome.code)
    if taken.exclude(pk=outcome.pk).exists():
        raise ApplicationError(_("Another outcome already has the code %(code)s.") % {"code": outcome.code})
    return _save_audited(
        outcome, by=by, round_=round_, fields=OUTCOME_FIELDS, actions=("plan.outcome.created", "plan.outcome.updated")
    )


@transaction.atomic
def save_indicator(indicator, *, by, round_=None):
    """Create or update a performance indicator of the partnership's strategic plan.

    Codes are unique across the whole plan, because readings name an indicator by its code alone.
    Side effects: an audit entry (on ``round_``'s trail). Raises ApplicationError when the code is taken.
    """
    indicator.code = indicator.code.strip().upper()
    taken = Indicator.objects.filter(
        outcome__partnership_id=indicator.outcome.partnership_id, code__iexact=indicator.code
    )
    if taken.exclude(pk=indicator.pk).exists():
        raise ApplicationError(_("Another indicator already has the code %(code)s.") % {"code": indicator.code})
    return _save_audited(
        indicator,
        by=by,
        round_=round_,
        fields=INDICATOR_FIELDS,
        actions=("plan.indicator.created", "plan.indicator.updated"),
    )
