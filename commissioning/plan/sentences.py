"""How the audit trail reads changes to the strategic plan and its imports."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, imported, lookup, uk_date, yes_no

OUTCOME_FIELDS = {
    "code": gettext_lazy("the code"),
    "title": gettext_lazy("the title"),
    "description": gettext_lazy("the description"),
}

INDICATOR_FIELDS = {
    "outcome": Field(gettext_lazy("the outcome"), lookup("commissioning.StrategicOutcome")),
    "code": gettext_lazy("the code"),
    "name": gettext_lazy("the name"),
    "unit": gettext_lazy("the unit"),
    "higher_is_better": Field(gettext_lazy("higher is better"), yes_no),
    "baseline_value": gettext_lazy("the baseline"),
    "baseline_date": Field(gettext_lazy("the baseline's date"), uk_date),
    "target_value": gettext_lazy("the target"),
    "target_date": Field(gettext_lazy("the target's date"), uk_date),
    "source": gettext_lazy("the source"),
}

SENTENCES = {
    "plan.outcome.created": Sentence(
        gettext_lazy("%(actor)s added the outcome “%(object)s” to the strategic plan"), fields=OUTCOME_FIELDS
    ),
    "plan.outcome.updated": Sentence(
        gettext_lazy("%(actor)s changed the strategic plan's outcome “%(object)s”: %(changes)s"),
        fields=OUTCOME_FIELDS,
    ),
    "plan.indicator.created": Sentence(
        gettext_lazy("%(actor)s added the performance indicator “%(object)s” to the strategic plan"),
        fields=INDICATOR_FIELDS,
    ),
    "plan.indicator.updated": Sentence(
        gettext_lazy("%(actor)s changed the performance indicator “%(object)s”: %(changes)s"),
        fields=INDICATOR_FIELDS,
    ),
    "plan.outcomes_imported": imported(gettext_lazy("the strategic plan's outcomes")),
    "plan.indicators_imported": imported(gettext_lazy("the strategic plan's performance indicators")),
    "plan.readings_imported": imported(gettext_lazy("indicator readings")),
}
