"""The whole proposal as JSON, as a submitted version keeps it: every field and every related row.

Each row carries its ``id`` (the indicator's, the theme's, the partner's...) so that two versions
can be compared row by row, and the labels a person reads (the partner's name, the category's
label), so that an old version reads as it was even after the rows it names have changed.
Amounts stay in pence; indicator values and dates as strings.
"""

from django.db.models import Prefetch

from proposals.writing.enums import AttachmentKind, CostCategory, Level, PartnerState
from proposals.writing.models import Proposal, ProposalIndicator

FORMAT = 1

# The proposal's own fields a version keeps, in the order the proposal reads.
FIELDS = (
    "title",
    "activity",
    "how_outcome",
    "neighbourhoods",
    "evaluation_plan",
    "client_group_involvement",
    "steering_group_places",
    "sponsor_contact_name",
    "sponsor_contact_role",
    "sponsor_evidence",
)


def load_for_snapshot(proposal_id, *, queryset=None):
    """The proposal with every row a snapshot reads (a fixed number of queries)."""
    queryset = queryset if queryset is not None else Proposal.objects.all()
    return (
        queryset.select_related("round", "specification__priority", "lead_organisation")
        .prefetch_related(
            "partners",
            Prefetch(
                "indicator_baselines",
                queryset=ProposalIndicator.objects.select_related("indicator").prefetch_related("targets"),
            ),
            "budget_lines",
            "theme_responses__theme",
            "milestones",
            "outputs",
            "risks",
            "attachments",
        )
        .get(pk=proposal_id)
    )


def _label(choices, value):
    """The label of ``value`` among ``choices``, or the value itself if it is not one of them."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _text(value):
    return "" if value is None else str(value)


def proposal_data(proposal):
    """The JSON of ``proposal`` (loaded with ``load_for_snapshot``)."""
    partners = list(proposal.partners.all())
    partner_names = {partner.pk: partner.organisation_name for partner in partners}
    return {
        "format": FORMAT,
        "proposal": {
            "id": proposal.pk,
            "round": proposal.round.name,
            "specification": proposal.specification.title,
            "lead_organisation": proposal.lead_organisation.name,
            "deadline": proposal.deadline.isoformat() if proposal.deadline else None,
            "partner_sections": list(proposal.partner_sections or []),
        },
        "fields": {name: getattr(proposal, name) for name in FIELDS},
        "partners": [
            {
                "id": partner.pk,
                "organisation_id": partner.organisation_id,
                "organisation_name": partner.organisation_name,
                "contact_name": partner.contact_name,
                "contact_email": partner.contact_email,
                "role_in_delivery": partner.role_in_delivery,
                "is_lead": partner.is_lead,
                "state": partner.state,
                "state_label": _label(PartnerState, partner.state),
            }
            for partner in partners
        ],
        "indicators": [
            {
                "id": baseline.indicator_id,
                "code": baseline.indicator.code,
                "name": baseline.indicator.name,
                "baseline_value": _text(baseline.baseline_value),
                "baseline_date": baseline.baseline_date.isoformat() if baseline.baseline_date else "",
                "baseline_source": baseline.baseline_source,
                "targets": {str(target.year): _text(target.value) for target in baseline.targets.all()},
            }
            for baseline in proposal.indicator_baselines.all()
        ],
        "budget": [
            {
                "partner_id": line.partner_id,
                "partner": partner_names.get(line.partner_id, ""),
                "year": line.year,
                "category": line.category,
                "category_label": _label(CostCategory, line.category),
                "amount_pence": line.amount_pence,
            }
            for line in proposal.budget_lines.all()
        ],
        "themes": [
            {"id": response.theme_id, "title": response.theme.title, "response": response.response}
            for response in proposal.theme_responses.all()
        ],
        "milestones": [
            {"id": milestone.pk, "description": milestone.description, "month": milestone.month}
            for milestone in proposal.milestones.all()
        ],
        "outputs": [
            {"id": output.pk, "description": output.description, "quantity": output.quantity}
            for output in proposal.outputs.all()
        ],
        "risks": [
            {
                "id": risk.pk,
                "description": risk.description,
                "likelihood": risk.likelihood,
                "likelihood_label": _label(Level, risk.likelihood),
                "impact": risk.impact,
                "impact_label": _label(Level, risk.impact),
                "mitigation": risk.mitigation,
            }
            for risk in proposal.risks.all()
        ],
        "attachments": [
            {
                "id": attachment.pk,
                "name": attachment.original_name,
                "kind": attachment.kind,
                "kind_label": _label(AttachmentKind, attachment.kind),
                "size": attachment.size,
                "content_type": attachment.content_type,
            }
            for attachment in proposal.attachments.all()
        ],
    }


def content_of(data):
    """What a person wrote, without what only records the moment (the deadline in force): two
    versions with the same content say the same thing."""
    return {key: value for key, value in data.items() if key != "proposal"} | {
        "partner_sections": data.get("proposal", {}).get("partner_sections", [])
    }
