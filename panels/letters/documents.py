"""The letter PDF ("panels.letter"): one per approved version of a decision, read from the decision
when it renders. An award letter holds the amounts funded per year (beside the amounts asked for
where they were negotiated lower), who pays them (each funding source, year by year), the conditions
with their due dates and what happens next; a decline letter holds the feedback and the panel's
moderated scores per criterion with its rationale. Nothing of any other proposal is read."""

from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.common.money import format_pence
from commissioning.funding.models import FundingKind
from panels.decisions.enums import DecisionKind, DecisionStatus
from panels.decisions.models import Decision
from panels.letters import selectors
from proposals.writing.budget import totals

KIND = selectors.KIND


class LetterSuperseded(Exception):
    """The decision changed before this version's letter was made: it is never made from the new content."""


def letter_title(decision, version=None):
    proposal = decision.proposal
    version = version or decision.version
    if decision.is_funded:
        title = _("Award letter: %(title)s") % {"title": proposal.title}
    else:
        title = _("Decision letter: %(title)s") % {"title": proposal.title}
    return f"{title} ({_('version %(n)d') % {'n': version}})" if version > 1 else title


def money_rows(decision, proposal, round_):
    """One row per year of the round: the amount funded and, beside it, the amount asked for."""
    requested = totals(proposal.budget_lines.all(), round_.number_of_years).per_year
    rows = []
    for year in round_.years:
        funded = decision.amount_in_year(year.number)
        asked = requested[year.number - 1]
        rows.append(
            {
                "year": year,
                "funded_pence": funded,
                "funded": format_pence(funded),
                "requested_pence": asked,
                "requested": format_pence(asked),
                "negotiated": funded < asked,
            }
        )
    return rows, sum(requested)


def funding_table(decision, round_):
    """Who pays for the award: the funding sources that pay part of it, and a row per year of the round
    with each one's amount (then the totals), like the table of money above it."""
    by_source = {}
    pooled_first = decision.funding.select_related("source__organisation").order_by("-source__kind", "source_id")
    for row in pooled_first:
        amounts = by_source.setdefault(row.source, [0] * round_.number_of_years)
        if 1 <= row.year <= round_.number_of_years:
            amounts[row.year - 1] += row.amount_pence
    paying = {source: amounts for source, amounts in by_source.items() if any(amounts)}
    rows = [
        {"year": year, "amounts": [format_pence(amounts[year.number - 1]) for amounts in paying.values()]}
        for year in round_.years
    ]
    return {
        "sources": list(paying),
        "rows": rows,
        "totals": [format_pence(sum(amounts)) for amounts in paying.values()],
        "any_aligned": any(source.kind == FundingKind.ALIGNED for source in paying),
    }


def build_letter(document):
    decision = Decision.objects.select_related(
        "proposal__round__partnership", "proposal__specification__priority", "proposal__lead_organisation"
    ).get(pk=document.object_id)
    if decision.version != document.version or decision.status != DecisionStatus.APPROVED:
        raise LetterSuperseded(
            f"Decision {decision.pk} is at version {decision.version} ({decision.status}); "
            f"the letter of version {document.version} is not made from it."
        )
    proposal = decision.proposal
    round_ = proposal.round
    people = selectors.recipients(proposal)
    lead = next((partner for partner in people if partner.is_lead), None)
    context = {
        "decision": decision,
        "proposal": proposal,
        "round": round_,
        "lead": lead,
        "partners": [partner for partner in people if not partner.is_lead],
        "funded": decision.is_funded,
        "with_conditions": decision.kind == DecisionKind.FUND_WITH_CONDITIONS,
        "made_at": timezone.now(),
    }
    if decision.is_funded:
        rows, requested_total = money_rows(decision, proposal, round_)
        context |= {
            "rows": rows,
            "funded_total": format_pence(decision.total_pence),
            "funded_total_pence": decision.total_pence,
            "requested_total": format_pence(requested_total),
            "negotiated": any(row["negotiated"] for row in rows),
            "conditions": list(decision.conditions.all()),
            "paying": funding_table(decision, round_),
        }
    else:
        context["scores"] = selectors.moderated_scores(proposal)
    return "pdf/panels/letters/letter.html", context
