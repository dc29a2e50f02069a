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


# What each level of the default scale (0 to 4) means, criterion by criterion, in the order of DEFAULT_CRITERIA.
DEFAULT_DESCRIPTORS = [
    [
        _("No measure of success is given."),
        _("Success is described, but with no indicators."),
        _("Indicators are named, but not drawn from the plan or without baselines."),
        _("Indicators drawn from the plan with baselines and yearly targets."),
        _("Indicators drawn from the plan with baselines, yearly targets and how each will be collected and reported."),
    ],
    [
        _("No evaluation is planned."),
        _("Evaluation is mentioned, with no method or evaluator."),
        _("A method is described, but not who evaluates or against what."),
        _("A method, an evaluator and the questions the evaluation answers."),
        _("An independent evaluation with a method, a budget and findings timed to inform mainstreaming."),
    ],
    [
        _("No sponsor is named."),
        _("A sponsor is named, with no commitment in writing."),
        _("The sponsor supports the activity, but makes no commitment to sustain it."),
        _("The sponsor commits in writing to consider mainstream funding if the activity works."),
        _("The sponsor commits in writing, names the budget and the decision point for sustaining the activity."),
    ],
    [
        _("A single organisation, with no partners."),
        _("Partners are listed, with no clear roles."),
        _("Partners have roles, but sectors the activity needs are missing."),
        _("Partners from the sectors the activity needs, each with a clear role."),
        _("A balanced partnership with clear roles, a working agreement and a record of working together."),
    ],
    [
        _("The client group is not involved."),
        _("The client group was consulted once."),
        _("The client group shaped parts of the proposal."),
        _("The client group shaped the proposal and has a role in steering the activity."),
        _("The client group shaped the proposal, steers the activity and takes part in its evaluation."),
    ],
    [
        _("The cross-cutting themes are not addressed."),
        _("The themes are mentioned, with no action."),
        _("Some themes are addressed with actions."),
        _("Every theme is addressed with actions."),
        _("Every theme is addressed with actions, indicators and someone responsible."),
    ],
    [
        _("Costs are not explained."),
        _("Costs are given with little link to what they buy."),
        _("Costs are explained, but some look high for what they buy."),
        _("Costs are explained and reasonable for the outcomes sought."),
        _("Costs are explained, reasonable and compared with other ways of reaching the outcome."),
    ],
]

# Members' scores on one criterion this far apart or more are discussed before a consensus is agreed.
SPREAD_TO_DISCUSS = 2
