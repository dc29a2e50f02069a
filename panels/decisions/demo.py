"""The demo's decisions and award, built through the services.

The round moves from the selection panels to decisions and award (its guards pass: every proposal is
moderated and recommended). A second officer, Daniel Okoro, joins the round, and the round's decisions
are approved by a second officer. Priya Shah records a decision on every eligible proposal, as its
panel recommended: the proposal ranked first of each priority is funded at the amount it asked; the
second is funded with conditions, each with the date by which it must be met, and where the
specification's maximum allocation cannot hold what it asked after the first, its amount is negotiated
down to what is left in each year; the rest are declined, with feedback written for the proposer. The
council's pooled source pays, and the primary care trust's aligned source pays part of one
health-related proposal. Daniel Okoro approves each decision; approval records its letter and a
funded proposal's draft contract, which the letters' and the contracts' seeders then make, send and
have accepted. The round is left at decisions and award, ready for monitoring.

Safe to run twice: a proposal with a decision keeps it, and an approved decision is left alone.
"""

import datetime

from allauth.account.models import EmailAddress

from commissioning.accounts.models import User
from commissioning.common.money import format_pence
from commissioning.enums import Role, Stage
from commissioning.funding.models import FundingKind
from commissioning.organisations.models import Organisation
from commissioning.rounds.demo import DEMO_PASSWORD
from commissioning.rounds.services import assign_role, move_round_to_stage, stage_blockers
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from panels.decisions.models import Decision
from panels.decisions.selectors import from_round_by_year, funded_by_year, settings_of, sources_of
from panels.decisions.services import Condition, approve_decision, record_decision, save_settings
from panels.membership.models import Panel
from panels.scoring.selectors import ranking
from proposals.review.selectors import eligible_proposals

# The officer who approves the decisions Priya Shah records: (email, name, organisation).
SECOND_OFFICER = ("deputy@demo.example", "Daniel Okoro", "Coventry City Council")

# The health-related proposal the primary care trust's aligned source pays part of, and how much a year.
HEALTH_PROPOSAL = "Sport after Dark"
ALIGNED_SHARE_PENCE = 100_000_00

# A negotiated amount is a whole number of thousands of pounds.
ROUNDING_PENCE = 1_000_00

# The conditions of a decision to fund with conditions, each with its due date counted from the round's start.
CONDITIONS = [
    (
        "Agree the evaluation plan with the partnership's officer before the first payment.",
        datetime.timedelta(days=0),
    ),
    (
        "Fill the client group's two places on the steering group.",
        datetime.timedelta(days=91),
    ),
]

FUND_REASONS = "As the selection panel recommended. %(reasons)s"
CONDITIONS_REASONS = "As the selection panel recommended, with its conditions. %(reasons)s"
NEGOTIATED = (
    " After the proposal ranked above it, the specification's maximum allocation leaves %(left)s; the lead, "
    "%(lead)s, agreed to deliver the activity for %(amounts)s, against the %(asked)s asked."
)
DECLINE_REASONS = "As the selection panel recommended. %(reasons)s"
FEEDBACK = (
    "Thank you for “%(title)s”. The selection panel for %(priority)s met you and scored your proposal "
    "against the specification's criteria; it ranked %(place)d of %(n)d. %(reasons)s The partnership could fund "
    "only the proposals ranked above it within the maximum allocation. The panel would welcome a proposal in a "
    "later round with measures of success taken from the plan's indicators, with baselines and yearly targets, "
    "and a budget that shows what each partner's costs buy."
)


def _second_officer(round_, officer):
    email, full_name, organisation_name = SECOND_OFFICER
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    organisation = Organisation.objects.filter(name=organisation_name).first()
    assign_role(round_, user, Role.OFFICER, by=officer, organisation=organisation)
    return user


def _round_down(pence):
    return max(pence, 0) // ROUNDING_PENCE * ROUNDING_PENCE


def _by_years(round_, amounts):
    return ", ".join(
        f"{format_pence(amount)} in {year.label}" for year, amount in zip(round_.years, amounts, strict=False)
    )


def _aligned_room(round_, proposal, sources):
    """Pence a year the aligned source can pay of ``proposal`` beside the round's own money."""
    aligned = next((source for source in sources if source.kind == FundingKind.ALIGNED), None)
    if aligned is None or proposal.title != HEALTH_PROPOSAL:
        return [0] * round_.number_of_years
    return [min(ALIGNED_SHARE_PENCE, aligned.amount_in_year(year)) for year in range(1, round_.number_of_years + 1)]


def _funding(round_, proposal, amounts, sources):
    """{(source id, year): pence}: the pooled source pays, the aligned source part of the health proposal."""
    pooled = next((source for source in sources if source.kind == FundingKind.POOLED), None)
    aligned = next((source for source in sources if source.kind == FundingKind.ALIGNED), None)
    if pooled is None:
        return {}
    funding = {}
    for year, amount in enumerate(amounts, start=1):
        share = 0
        if aligned is not None and proposal.title == HEALTH_PROPOSAL:
            share = min(amount, ALIGNED_SHARE_PENCE, aligned.amount_in_year(year))
            funding[(aligned.pk, year)] = share
        funding[(pooled.pk, year)] = amount - share
    return funding


def _decide(round_, officer, sources):
    """Record a decision on every eligible proposal without one, priority by priority, in the panels'
    ranking. Returns how many were recorded and how many of them negotiated down."""
    negotiated = recorded = 0
    years = range(1, round_.number_of_years + 1)
    eligible = set(eligible_proposals(round_).values_list("pk", flat=True))
    for panel in Panel.objects.filter(round=round_).select_related("round", "priority").order_by("priority__rank"):
        ranked = sorted(
            (row for row in ranking(panel) if row.proposal.pk in eligible),
            key=lambda row: (-(row.moderated_total or 0), row.proposal.title),
        )
        for place, row in enumerate(ranked, start=1):
            proposal = row.proposal
            recommendation = row.recommendation
            specification = proposal.specification
            if recommendation is None or Decision.objects.filter(proposal=proposal).exists():
                continue
            proposal.round = round_
            if recommendation.kind == DecisionKind.DO_NOT_FUND:
                record_decision(
                    proposal,
                    kind=DecisionKind.DO_NOT_FUND,
                    reasons=DECLINE_REASONS % {"reasons": recommendation.reasons},
                    feedback=FEEDBACK
                    % {
                        "title": proposal.title,
                        "priority": panel.priority.title,
                        "place": place,
                        "n": len(ranked),
                        "reasons": recommendation.reasons,
                    },
                    by=officer,
                )
                recorded += 1
                continue
            asked = [amount for _year, amount in row.years]
            maximum = specification.allocations_in_round(round_.number_of_years)
            funded = from_round_by_year(round_, specification=specification)
            # The round's money left in the specification, and what an aligned source adds beside it.
            left = [
                maximum[year - 1] - funded[year] + extra
                for year, extra in zip(years, _aligned_room(round_, proposal, sources), strict=True)
            ]
            amounts = [min(want, _round_down(room)) for want, room in zip(asked, left, strict=True)]
            with_conditions = recommendation.kind == DecisionKind.FUND_WITH_CONDITIONS
            reasons = (CONDITIONS_REASONS if with_conditions else FUND_REASONS) % {"reasons": recommendation.reasons}
            if amounts != asked:
                negotiated += 1
                reasons += NEGOTIATED % {
                    "left": _by_years(round_, left),
                    "lead": proposal.lead_organisation.name,
                    "amounts": _by_years(round_, amounts),
                    "asked": _by_years(round_, asked),
                }
            conditions = (
                [Condition(text=text, due_date=round_.start_date + after) for text, after in CONDITIONS]
                if with_conditions
                else []
            )
            record_decision(
                proposal,
                kind=recommendation.kind,
                reasons=reasons,
                amounts=amounts,
                conditions=conditions,
                funding=_funding(round_, proposal, amounts, sources),
                by=officer,
            )
            recorded += 1
    return recorded, negotiated


def seed(round_, *, stdout=None):
    round_.refresh_from_db()  # the stages before may have moved it on
    if round_.stage not in (Stage.PANELS, Stage.AWARD):
        return
    officer = User.objects.filter(email="officer@demo.example").first()
    if officer is None:
        return
    if round_.stage == Stage.PANELS:
        if stage_blockers(round_):
            return  # the panels have not recommended: nothing to decide
        round_ = move_round_to_stage(round_, Stage.AWARD, by=officer)
    approver = _second_officer(round_, officer)
    if settings_of(round_).pk is None:
        save_settings(round_, approver_kind=ApproverKind.SECOND_OFFICER, by=officer)
    sources = sources_of(round_)
    recorded, negotiated = _decide(round_, officer, sources)
    waiting = Decision.objects.filter(proposal__round=round_, status=DecisionStatus.AWAITING_APPROVAL)
    for decision in waiting.order_by("pk"):
        approve_decision(decision, by=approver)
    decisions = list(Decision.objects.filter(proposal__round=round_, status=DecisionStatus.APPROVED))
    if stdout is not None and recorded:
        kinds = [decision.kind for decision in decisions]
        funded = funded_by_year(round_, statuses=[DecisionStatus.APPROVED])
        stdout.write(
            f"Decisions: {len(decisions)} approved by {approver.full_name}: {kinds.count(DecisionKind.FUND)} to fund, "
            f"{kinds.count(DecisionKind.FUND_WITH_CONDITIONS)} with conditions ({negotiated} negotiated down), "
            f"{kinds.count(DecisionKind.DO_NOT_FUND)} declined with feedback; "
            f"{_by_years(round_, [funded[year] for year in sorted(funded)])} funded."
        )
