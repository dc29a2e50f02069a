from django.db import models
from django.utils.translation import gettext_lazy as _


class RecommendationKind(models.TextChoices):
    FUND = "fund", _("Fund")
    FUND_WITH_CONDITIONS = "fund_with_conditions", _("Fund with conditions")
    DO_NOT_FUND = "do_not_fund", _("Do not fund")


# The case study's criteria, the defaults every new panel starts from: (title, what it looks for, weight).
DEFAULT_CRITERIA = [
    (
        _("Measurement of success against the strategic outcome"),
        _("Indicators drawn from the plan, with baselines and yearly targets that show the outcome changing."),
        20,
    ),
    (_("A rigorous evaluation strategy"), _("How the activity will be evaluated, by whom and against what."), 15),
    (
        _("The sponsor's commitment to sustain the activity"),
        _("How firmly a public-sector sponsor will consider mainstream funding if it works."),
        15,
    ),
    (
        _("Strength and balance of the partnership"),
        _("Partners from the sectors the activity needs, each with a clear role in delivery."),
        15,
    ),
    (_("Client-group involvement"), _("How the client group shaped the proposal and will steer the activity."), 10),
    (_("The cross-cutting themes"), _("How the proposal addresses every cross-cutting theme."), 10),
    (_("Value for money"), _("What the money buys, against the specification's maximum allocation."), 15),
]
