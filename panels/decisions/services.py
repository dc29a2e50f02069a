"""Writes of decisions: an officer records (or changes) a decision within the budget, the round's
approver approves it, and officers choose who approves.

The budget guard: the money of the round's decisions to fund (approved and awaiting approval) never
exceeds, in any year, the specification's maximum allocation, the money the round may fund (the sum
of its pooled sources, or its budget when it has none) or a funding source's amount. What an aligned
source pays is the agency's own money, spent beside the round's: it counts against that source only,
never against the round's money or a specification's allocation of it. Recording locks the round's
row first, so two officers deciding at once are checked one after the other.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError, BudgetExceeded, InvalidTransition
from commissioning.common.money import format_pence
from commissioning.enums import Stage
from commissioning.funding.models import FundingKind
from commissioning.rounds.models import Round
from commissioning.rounds.rules import manages_round
from panels.decisions import events
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from panels.decisions.models import Decision, DecisionCondition, DecisionFunding, DecisionSettings
from panels.decisions.selectors import available_by_year as round_available
from panels.decisions.selectors import from_round_by_year, settings_of, source_use, sources_of
from proposals.writing.enums import Eligibility, ProposalState


@dataclass
class Condition:
    text: str
    due_date: object


def record_refusal(proposal):
    """Why a decision on ``proposal`` cannot be recorded now, or None."""
    if proposal.round.stage != Stage.AWARD:
        return _("Decisions are recorded while the round is at “%(stage)s”.") % {"stage": Stage.AWARD.label}
    if proposal.state != ProposalState.SUBMITTED or proposal.eligibility != Eligibility.ELIGIBLE:
        return _("Only an eligible proposal takes a decision.")
    return None


def _year_label(round_, year):
    return round_.years[year - 1].label


def budget_problems(round_, proposal, amounts, funding, *, exclude=None, sources=None):
    """What the budget guard refuses, as sentences naming the year and the amount over (empty when
    within budget). ``amounts`` is pence a year; ``funding`` maps (source id, year) to pence."""
    sources = sources_of(round_) if sources is None else sources
    problems = []
    specification = proposal.specification
    maximum = specification.allocations_in_round(round_.number_of_years)
    in_specification = from_round_by_year(round_, specification=specification, exclude=exclude)
    in_round = from_round_by_year(round_, exclude=exclude)
    available = round_available(round_, sources)
    used = source_use(round_, exclude=exclude)
    aligned = [source.pk for source in sources if source.kind == FundingKind.ALIGNED]
    for year in range(1, round_.number_of_years + 1):
        amount = amounts[year - 1] - sum(funding.get((pk, year), 0) for pk in aligned)
        label = _year_label(round_, year)
        total = in_specification[year] + amount
        if total > maximum[year - 1]:
            problems.append(
                _(
                    "%(year)s: this would fund %(total)s for “%(specification)s”, %(over)s over its maximum "
                    "allocation of %(maximum)s."
                )
                % {
                    "year": label,
                    "total": format_pence(total),
                    "specification": specification.title,
                    "over": format_pence(total - maximum[year - 1]),
                    "maximum": format_pence(maximum[year - 1]),
                }
            )
        total = in_round[year] + amount
        if total > available[year]:
            problems.append(
                _("%(year)s: this would fund %(total)s in the round, %(over)s over the %(available)s it has.")
                % {
                    "year": label,
                    "total": format_pence(total),
                    "over": format_pence(total - available[year]),
                    "available": format_pence(available[year]),
                }
            )
        for source in sources:
            asked = funding.get((source.pk, year), 0)
            if not asked:
                continue
            total = used.get((source.pk, year), 0) + asked
            if total > source.amount_in_year(year):
                problems.append(
                    _("%(year)s: this would take %(total)s from %(source)s, %(over)s over its %(amount)s.")
                    % {
                        "year": label,
                        "total": format_pence(total),
                        "source": source,
                        "over": format_pence(total - source.amount_in_year(year)),
                        "amount": format_pence(source.amount_in_year(year)),
                    }
                )
    return problems


def split_problems(round_, amounts, funding, sources):
    """Where the sources' split of a year does not add up to the year's amount."""
    if not sources:
        return []
    problems = []
    known = {source.pk for source in sources}
    for (source_id, _year), _pence in funding.items():
        if source_id not in known:
            return [_("Choose the round's own funding sources.")]
    for year in range(1, round_.number_of_years + 1):
        split = sum(pence for (_source, each_year), pence in funding.items() if each_year == year)
        if split != amounts[year - 1]:
            problems.append(
                _("%(year)s: the funding sources pay %(split)s, but the amount funded is %(amount)s.")
                % {
                    "year": _year_label(round_, year),
                    "split": format_pence(split),
                    "amount": format_pence(amounts[year - 1]),
                }
            )
    return problems


def _content(decision):
    """A decision's content for its audit entry."""
    return {
        "kind": decision.kind,
        "reasons": decision.reasons,
        "feedback": decision.feedback,
        "amounts_pence": list(decision.amounts_pence or []),
        "conditions": [f"{c.text} (by {c.due_date.isoformat()})" for c in decision.conditions.all()],
        "funding": [f"{f.source} year {f.year}: {format_pence(f.amount_pence)}" for f in decision.funding.all()],
        "version": decision.version,
    }


def _checked(round_, kind, reasons, amounts, conditions, funding):
    """The decision's amounts, conditions and funding as the kind keeps them, or an ApplicationError."""
    funding = {key: int(value) for key, value in (funding or {}).items() if int(value or 0)}
    conditions = list(conditions)
    if kind not in DecisionKind.values:
        raise ApplicationError(_("Choose fund, fund with conditions or do not fund."))
    if not reasons.strip():
        raise ApplicationError(_("Enter the reasons for the decision."))
    if kind == DecisionKind.DO_NOT_FUND:
        return [], [], {}
    amounts = [int(amount or 0) for amount in (amounts or [])]
    if len(amounts) != round_.number_of_years or any(amount < 0 for amount in amounts) or not sum(amounts):
        raise ApplicationError(_("Enter the amount funded in each year of the round."))
    if kind == DecisionKind.FUND_WITH_CONDITIONS and not conditions:
        raise ApplicationError(_("Enter at least one condition, with the date by which it must be met."))
    return amounts, (conditions if kind == DecisionKind.FUND_WITH_CONDITIONS else []), funding


def record_decision(
    proposal, *, kind, reasons, feedback="", amounts=None, conditions=(), funding=None, change_reason="", by
):
    """Record (or change) the decision on ``proposal``. ``amounts``: pence a year for a decision to
    fund; ``conditions``: Condition rows (at least one to fund with conditions); ``funding``: {(source
    id, year): pence}, adding up to each year's amount when the round has funding sources.

    A change to an approved decision needs ``change_reason``, makes a new version and waits for a new
    approval. Refused (BudgetExceeded) when the funded money would exceed the specification's maximum,
    the round's money or a source's amount in any year. Audited ("decisions.recorded" or
    "decisions.changed")."""
    amounts, conditions, funding = _checked(proposal.round, kind, reasons, amounts, conditions, funding)
    round_ = proposal.round
    with transaction.atomic():
        # The budget is the round's: every decision of the round is checked behind this one lock.
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        proposal.round = round_
        refusal = record_refusal(proposal)
        if refusal:
            raise InvalidTransition(refusal)
        decision = Decision.objects.select_for_update().filter(proposal=proposal).first()
        sources = sources_of(round_)
        if kind != DecisionKind.DO_NOT_FUND:
            problems = split_problems(round_, amounts, funding, sources)
            if problems:
                raise ApplicationError(_("The funding sources do not add up."), details=problems)
            problems = budget_problems(round_, proposal, amounts, funding, exclude=decision, sources=sources)
            if problems:
                raise BudgetExceeded(_("This decision would go over the budget."), details=problems)
        now = timezone.now()
        before = _content(decision) if decision is not None else None
        if decision is None:
            decision = Decision(proposal=proposal, version=1)
            action = "decisions.recorded"
        else:
            action = "decisions.changed"
            if decision.status == DecisionStatus.APPROVED:
                if not change_reason.strip():
                    raise ApplicationError(_("Enter the reason for changing an approved decision."))
                decision.version += 1
                decision.change_reason = change_reason.strip()
        decision.kind = kind
        decision.reasons = reasons
        decision.feedback = feedback
        decision.amounts_pence = amounts
        decision.status = DecisionStatus.AWAITING_APPROVAL
        decision.decided_by = by
        decision.decided_at = now
        decision.approved_by = None
        decision.approved_at = None
        decision.save()
        decision.conditions.all().delete()
        DecisionCondition.objects.bulk_create(
            [
                DecisionCondition(decision=decision, text=condition.text, due_date=condition.due_date, order=index)
                for index, condition in enumerate(conditions)
            ]
        )
        decision.funding.all().delete()
        DecisionFunding.objects.bulk_create(
            [
                DecisionFunding(decision=decision, source_id=source_id, year=year, amount_pence=pence)
                for (source_id, year), pence in sorted(funding.items(), key=lambda item: (item[0][1], item[0][0]))
            ]
        )
        decision = Decision.objects.prefetch_related("conditions", "funding__source__organisation").get(pk=decision.pk)
        audit(
            action,
            by=by,
            round_=round_,
            obj=decision.proposal,
            before=before,
            after=_content(decision),
            summary=change_reason.strip() if action == "decisions.changed" else "",
        )
    return decision


def approval_refusal(decision, user, decision_settings=None):
    """Why ``user`` may not approve ``decision`` now, or None."""
    if decision.status == DecisionStatus.APPROVED:
        return _("This decision is already approved.")
    decision_settings = decision_settings or settings_of(decision.proposal.round)
    if decision_settings.approver_kind == ApproverKind.BOARD_CHAIR:
        if decision_settings.board_chair_id is None:
            return _("The round's decisions are approved by the chair of the board, and no chair is named yet.")
        if decision_settings.board_chair_id != user.pk:
            return _("The round's decisions are approved by the chair of the board.")
        return None
    if not manages_round(user, decision.proposal.round):
        return _("The round's decisions are approved by a second officer.")
    if decision.decided_by_id == user.pk:
        return _("A second officer approves a decision: not the one who recorded it.")
    return None


def approve_decision(decision, *, by):
    """Approve ``decision`` (as the round's settings name the approver). Side effects: every callback
    registered in ``events`` runs in this transaction (letters, contracts). Audited ("decisions.approved")."""
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("proposal__round").get(pk=decision.pk)
        refusal = approval_refusal(decision, by)
        if refusal:
            raise InvalidTransition(refusal)
        decision.status = DecisionStatus.APPROVED
        decision.approved_by = by
        decision.approved_at = timezone.now()
        decision.save(update_fields=["status", "approved_by", "approved_at"])
        audit(
            "decisions.approved",
            by=by,
            round_=decision.proposal.round,
            obj=decision.proposal,
            after={
                "kind": decision.kind,
                "amounts_pence": list(decision.amounts_pence or []),
                "version": decision.version,
            },
        )
        events.decision_approved(decision, by=by)
    return decision


def save_settings(round_, *, approver_kind, board_chair=None, by):
    """Choose who approves the round's decisions. Audited ("decisions.settings_changed")."""
    if approver_kind == ApproverKind.BOARD_CHAIR and board_chair is None:
        raise ApplicationError(_("Choose the chair of the board."))
    if approver_kind != ApproverKind.BOARD_CHAIR:
        board_chair = None
    with transaction.atomic():
        current = DecisionSettings.objects.select_for_update().filter(round=round_).first()
        before = (
            {"approver_kind": current.approver_kind, "board_chair": str(current.board_chair or "")}
            if current
            else {"approver_kind": ApproverKind.SECOND_OFFICER, "board_chair": ""}
        )
        saved, _created = DecisionSettings.objects.update_or_create(
            round=round_, defaults={"approver_kind": approver_kind, "board_chair": board_chair}
        )
        after = {"approver_kind": approver_kind, "board_chair": str(board_chair or "")}
        if after != before:
            audit("decisions.settings_changed", by=by, round_=round_, obj=round_, before=before, after=after)
    return saved
