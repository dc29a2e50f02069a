"""Merging proposals at a panel's request: a combined proposal, led by the organisation the panel
named, carries over everything of its originals for the new lead to reconcile; the originals
become merged and stay readable with their history.

The combined proposal goes back through the budget check: within the specification's maximum it
is submitted and eligible (a first version is recorded), else it is a draft for the new lead to
bring within the maximum and submit. Either way the panel's members declare about it before they
read it (declarations about the originals do not carry over).
"""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.errors import InvalidTransition
from proposals.submission.models import ProposalVersion
from proposals.submission.snapshot import load_for_snapshot, proposal_data
from proposals.writing.budget import allocation_problems, totals
from proposals.writing.enums import Eligibility, PartnerState, ProposalState
from proposals.writing.models import (
    PROPOSAL_TEXT_MAX,
    Attachment,
    BudgetLine,
    Milestone,
    Output,
    Proposal,
    ProposalIndicator,
    ProposalIndicatorTarget,
    ProposalPartner,
    Risk,
    ThemeResponse,
)

TITLE_MAX = Proposal._meta.get_field("title").max_length
# The text fields of a proposal joined from its originals, each under the original's title.
JOINED_TEXTS = ("activity", "how_outcome", "evaluation_plan", "client_group_involvement", "sponsor_evidence")


def combined_title(proposals):
    """ "A and B", "A, B and C": the originals' titles, cut to fit."""
    titles = [proposal.title for proposal in proposals]
    title = (
        titles[0]
        if len(titles) == 1
        else _("%(first)s and %(last)s")
        % {
            "first": ", ".join(titles[:-1]),
            "last": titles[-1],
        }
    )
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def _joined(proposals, name, limit=PROPOSAL_TEXT_MAX):
    parts = [(proposal.title, getattr(proposal, name)) for proposal in proposals if getattr(proposal, name)]
    if len(parts) == 1:
        return parts[0][1][:limit]
    return "\n\n".join(f"{title}:\n{text}" for title, text in parts)[:limit]


def _neighbourhoods(proposals):
    names = (part.strip() for proposal in proposals for part in proposal.neighbourhoods.split(","))
    return ", ".join(dict.fromkeys(name for name in names if name))[:500]


def merge_proposals(request, *, by):
    """Make the combined proposal of the merge ``request`` (every lead has consented).

    Called inside the answering transaction with ``request`` locked. The originals are locked,
    become merged and point to the combined proposal. Side effects: the combined proposal with its
    partners, budget, indicators and targets, milestones, outputs, risks, theme responses and
    attachments (files copied), its first version when it is submitted, and an audit entry
    ("brokering.merged").
    """
    with transaction.atomic():
        parties = list(request.parties.order_by("pk"))
        originals = list(
            Proposal.objects.select_for_update(of=("self",))
            .filter(pk__in=[party.proposal_id for party in parties])
            .select_related("specification__round", "lead_organisation")
            .order_by("pk")
        )
        if request.combined_id or any(original.state != ProposalState.SUBMITTED for original in originals):
            raise InvalidTransition(_("These proposals can no longer be merged."))
        # The new lead's proposal first: its rows win where two originals hold the same thing.
        originals.sort(key=lambda original: original.lead_organisation_id != request.new_lead_id)
        first = originals[0]
        Proposal.objects.filter(pk__in=[original.pk for original in originals]).update(
            state=ProposalState.MERGED, updated_at=timezone.now()
        )
        combined = Proposal.objects.create(
            round=first.round,
            specification=first.specification,
            lead_organisation=request.new_lead,
            title=combined_title(originals),
            neighbourhoods=_neighbourhoods(originals),
            steering_group_places=max((original.steering_group_places or 0 for original in originals), default=0)
            or None,
            sponsor_contact_name=first.sponsor_contact_name,
            sponsor_contact_role=first.sponsor_contact_role,
            created_by=by,
            **{name: _joined(originals, name) for name in JOINED_TEXTS},
        )
        Proposal.objects.filter(pk__in=[original.pk for original in originals]).update(merged_into=combined)
        partner_map = _carry_partners(originals, combined, by=by)
        _carry_budget(originals, combined, partner_map)
        _carry_indicators(originals, combined)
        _carry_plan(originals, combined)
        _carry_themes(originals, combined)
        _carry_attachments(originals, combined)
        problems = _budget_problems(combined)
        if not problems:
            _submit(combined, by=by)
        request.combined = combined
        request.save(update_fields=["combined"])
        audit(
            "brokering.merged",
            by=by,
            round_=combined.round,
            obj=combined,
            after={
                "originals": [original.title for original in originals],
                "state": combined.state,
                "lead": request.new_lead.name,
            },
            summary="; ".join(problems),
        )
    return combined


def _carry_partners(originals, combined, *, by):
    """One row per organisation (or per contact address for an organisation not registered yet): the
    new lead leads; the other leads and every confirmed partner are confirmed partners. Returns
    {original partner row id: combined partner row}."""
    rows = list(
        ProposalPartner.objects.filter(proposal__in=originals).filter(Q(is_lead=True) | Q(state=PartnerState.CONFIRMED))
    )
    order = {original.pk: index for index, original in enumerate(originals)}
    rows.sort(key=lambda row: (order[row.proposal_id], not row.is_lead, row.pk))
    made, mapping = {}, {}
    now = timezone.now()
    for row in rows:
        key = ("organisation", row.organisation_id) if row.organisation_id else ("email", row.contact_email.lower())
        if key not in made:
            made[key] = ProposalPartner.objects.create(
                proposal=combined,
                organisation_id=row.organisation_id,
                organisation_name=row.organisation_name,
                contact_name=row.contact_name,
                contact_email=row.contact_email,
                role_in_delivery=row.role_in_delivery,
                is_lead=row.organisation_id == combined.lead_organisation_id,
                state=PartnerState.CONFIRMED,
                invited_by=by,
                answered_by=row.answered_by,
                answered_at=row.answered_at or now,
            )
        mapping[row.pk] = made[key]
    return mapping


def _carry_budget(originals, combined, partner_map):
    """Each cell re-pointed to the combined proposal's row of its organisation; two originals'
    cells for the same organisation, year and kind of cost are added together."""
    cells = {}
    for line in BudgetLine.objects.filter(proposal__in=originals).order_by("pk"):
        partner = partner_map.get(line.partner_id)
        if partner is None:
            continue
        key = (partner.pk, line.year, line.category)
        cells[key] = cells.get(key, 0) + line.amount_pence
    BudgetLine.objects.bulk_create(
        BudgetLine(proposal=combined, partner_id=partner_id, year=year, category=category, amount_pence=pence)
        for (partner_id, year, category), pence in cells.items()
    )


def _carry_indicators(originals, combined):
    """Each indicator's baseline from the first original that gives one, and every target year
    given by any (the first original's value where two give the same year)."""
    made = {}
    for original in originals:
        for baseline in ProposalIndicator.objects.filter(proposal=original).prefetch_related("targets"):
            if baseline.indicator_id not in made:
                made[baseline.indicator_id] = (
                    ProposalIndicator.objects.create(
                        proposal=combined,
                        indicator_id=baseline.indicator_id,
                        baseline_value=baseline.baseline_value,
                        baseline_date=baseline.baseline_date,
                        baseline_source=baseline.baseline_source,
                    ),
                    set(),
                )
            row, years = made[baseline.indicator_id]
            for target in baseline.targets.all():
                if target.year not in years:
                    years.add(target.year)
                    ProposalIndicatorTarget.objects.create(baseline=row, year=target.year, value=target.value)


def _carry_plan(originals, combined):
    Milestone.objects.bulk_create(
        Milestone(proposal=combined, description=row.description, month=row.month)
        for row in Milestone.objects.filter(proposal__in=originals).order_by("month", "pk")
    )
    Output.objects.bulk_create(
        Output(proposal=combined, description=row.description, quantity=row.quantity)
        for row in Output.objects.filter(proposal__in=originals).order_by("proposal_id", "pk")
    )
    Risk.objects.bulk_create(
        Risk(
            proposal=combined,
            description=row.description,
            likelihood=row.likelihood,
            impact=row.impact,
            mitigation=row.mitigation,
        )
        for row in Risk.objects.filter(proposal__in=originals).order_by("proposal_id", "pk")
    )


def _carry_themes(originals, combined):
    """One response per theme: the originals' responses to it, each under its proposal's title."""
    by_theme = {}
    for original in originals:
        for response in ThemeResponse.objects.filter(proposal=original):
            by_theme.setdefault(response.theme_id, []).append((original.title, response.response))
    ThemeResponse.objects.bulk_create(
        ThemeResponse(
            proposal=combined,
            theme_id=theme_id,
            response=(parts[0][1] if len(parts) == 1 else "\n\n".join(f"{title}:\n{text}" for title, text in parts))[
                :PROPOSAL_TEXT_MAX
            ],
        )
        for theme_id, parts in by_theme.items()
    )


def _carry_attachments(originals, combined):
    """A copy of each file under a key of its own, so that removing it from one proposal never
    removes it from the other."""
    for attachment in Attachment.objects.filter(proposal__in=originals).order_by("proposal_id", "pk"):
        copy = Attachment(
            proposal=combined,
            kind=attachment.kind,
            stored_key=secrets.token_urlsafe(32),
            original_name=attachment.original_name,
            content_type=attachment.content_type,
            size=attachment.size,
            uploaded_by=attachment.uploaded_by,
        )
        with attachment.file.open("rb") as handle:
            copy.file.save(copy.stored_key, ContentFile(handle.read()), save=False)
        copy.save()


def _budget_problems(combined):
    round_ = combined.round
    per_year = totals(BudgetLine.objects.filter(proposal=combined), round_.number_of_years).per_year
    return allocation_problems(combined.specification, per_year)


def _submit(combined, *, by):
    """Submitted and eligible, with its first version: the panel receives it once declared about."""
    now = timezone.now()
    combined.version = 1
    combined.state = ProposalState.SUBMITTED
    combined.submitted_at = now
    combined.submitted_by = by
    combined.eligibility = Eligibility.ELIGIBLE
    combined.eligibility_reason = _("Combined from proposals found eligible, within the maximum allocation.")
    combined.eligibility_decided_at = now
    combined.save()
    ProposalVersion.objects.create(
        proposal=combined, number=1, data=proposal_data(load_for_snapshot(combined.pk)), submitted_by=by
    )
