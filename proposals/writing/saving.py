"""Saving the sections of a proposal made of rows: its indicators' baselines and targets, its budget,
its milestones and outputs, and its risks.

``write_*`` replace a section's rows on a proposal already locked (a section page's forms call
them inside ``save_section``); ``save_*`` are the same saves as services, for callers without a
page (the demo, tests). Each save goes through ``save_section``: the proposal is locked, the save is refused once the
proposal cannot change or when someone else saved the same section since the person's form was
made (``EditConflict``), and the section's rows are replaced by what the form holds. A budget save
is recorded in the audit trail with what is asked each year; a draft always saves, even over the
specification's maximum (completeness refuses the submission until it is within it).
"""

from dataclasses import dataclass

from proposals.writing.budget import totals
from proposals.writing.enums import CostCategory, PartnerState, Section
from proposals.writing.models import (
    BudgetLine,
    Milestone,
    Output,
    ProposalIndicator,
    ProposalIndicatorTarget,
    Risk,
)
from proposals.writing.services import save_section


def budget_partners(proposal):
    """The organisations the budget is written for: every one in the consortium but those that
    declined, the lead first."""
    return list(proposal.partners.exclude(state=PartnerState.DECLINED))


def _kept_cells(proposal, cells):
    """The cells worth a row: something asked, of an organisation in the consortium, in a year of the round."""
    number_of_years = proposal.round.number_of_years
    partner_ids = {partner.pk for partner in budget_partners(proposal)}
    return {
        (partner_id, int(year), CostCategory(category).value): int(pence)
        for (partner_id, year, category), pence in cells.items()
        if pence and 1 <= int(year) <= number_of_years and partner_id in partner_ids
    }


def budget_audit(proposal, cells):
    """What a budget save records: the amount asked each year and in all (pence)."""
    kept = _kept_cells(proposal, cells)
    sums = totals([(*key, pence) for key, pence in kept.items()], proposal.round.number_of_years)
    return {"per_year_pence": sums.per_year, "total_pence": sums.total}


def write_budget(locked, cells):
    """Replace the budget of the locked proposal with ``cells``: {(partner_id, year, category): pence}.

    Cells of organisations not in the consortium (or that declined), or of years outside the
    round, are not kept; a cell of nothing is no row."""
    kept = _kept_cells(locked, cells)
    BudgetLine.objects.filter(proposal=locked).delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(proposal=locked, partner_id=partner_id, year=year, category=category, amount_pence=pence)
        for (partner_id, year, category), pence in kept.items()
    )


def save_budget(proposal, *, by, revision, cells):
    """Save the budget of ``proposal`` (see ``write_budget``) as its section, even over the
    specification's maximum. Audited as ``proposal.budget_saved`` with the amount asked each year
    and in all."""
    return save_section(
        proposal,
        Section.BUDGET,
        by=by,
        revision=revision,
        apply=lambda locked: write_budget(locked, cells),
        audit_action="proposal.budget_saved",
        audit_after=budget_audit(proposal, cells),
    )


@dataclass(frozen=True)
class IndicatorEntry:
    """What a person wrote for one of the specification's indicators: the baseline and a target a year."""

    indicator_id: int
    baseline_value: object = None
    baseline_date: object = None
    baseline_source: str = ""
    targets: tuple = ()  # (year, value) for each year given a target


def write_indicators(locked, entries):
    """Replace the baselines and targets of the locked proposal with ``entries`` (IndicatorEntry),
    for the specification's indicators only; a target for a year outside the round is not kept."""
    number_of_years = locked.round.number_of_years
    wanted = set(locked.specification.indicators.values_list("pk", flat=True))
    ProposalIndicator.objects.filter(proposal=locked).exclude(indicator_id__in=wanted).delete()
    for entry in entries:
        if entry.indicator_id not in wanted:
            continue
        baseline, _created = ProposalIndicator.objects.update_or_create(
            proposal=locked,
            indicator_id=entry.indicator_id,
            defaults={
                "baseline_value": entry.baseline_value,
                "baseline_date": entry.baseline_date,
                "baseline_source": entry.baseline_source or "",
            },
        )
        baseline.targets.all().delete()
        ProposalIndicatorTarget.objects.bulk_create(
            ProposalIndicatorTarget(baseline=baseline, year=year, value=value)
            for year, value in entry.targets
            if value is not None and 1 <= year <= number_of_years
        )


def save_indicators(proposal, *, by, revision, entries):
    return save_section(
        proposal, Section.INDICATORS, by=by, revision=revision, apply=lambda locked: write_indicators(locked, entries)
    )


def write_milestones(locked, milestones):
    """Replace the milestones of the locked proposal (``{"description", "month"}`` dicts), in order."""
    Milestone.objects.filter(proposal=locked).delete()
    Milestone.objects.bulk_create(
        Milestone(proposal=locked, description=row["description"], month=row["month"]) for row in milestones
    )


def write_outputs(locked, outputs):
    """Replace the outputs of the locked proposal (``{"description", "quantity"}`` dicts), in order."""
    Output.objects.filter(proposal=locked).delete()
    Output.objects.bulk_create(
        Output(proposal=locked, description=row["description"], quantity=row.get("quantity")) for row in outputs
    )


def save_milestones_and_outputs(proposal, *, by, revision, milestones, outputs):
    def apply(locked):
        write_milestones(locked, milestones)
        write_outputs(locked, outputs)

    return save_section(proposal, Section.MILESTONES, by=by, revision=revision, apply=apply)


def write_risks(locked, risks):
    """Replace the risks of the locked proposal (``{"description", "likelihood", "impact", "mitigation"}``)."""
    Risk.objects.filter(proposal=locked).delete()
    Risk.objects.bulk_create(
        Risk(
            proposal=locked,
            description=row["description"],
            likelihood=row["likelihood"],
            impact=row["impact"],
            mitigation=row["mitigation"],
        )
        for row in risks
    )


def save_risks(proposal, *, by, revision, risks):
    return save_section(
        proposal, Section.RISKS, by=by, revision=revision, apply=lambda locked: write_risks(locked, risks)
    )
