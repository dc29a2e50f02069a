"""Set-up shared by the proposals tests (and the walking tests): complete proposals, ready to submit.

``complete_proposal()`` starts a proposal through the writing service and fills every section the
completeness check reads, each through ``save_section`` (its rows written by the section's
``apply``), so that ``problems_of`` finds nothing. Every part can be chosen; the defaults make a
three-organisation consortium well within a specification's allocation.
"""

import datetime
import secrets
from decimal import Decimal

from django.core.files.base import ContentFile

from proposals.writing.enums import AttachmentKind, CostCategory, Level, PartnerState, Section
from proposals.writing.models import (
    Attachment,
    BudgetLine,
    Milestone,
    Output,
    ProposalIndicator,
    ProposalIndicatorTarget,
    ProposalPartner,
    Risk,
    ThemeResponse,
)
from proposals.writing.services import save_section, start_proposal
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import bidder_person, published_specification

# The smallest file a PDF reader opens: enough for an attachment's content check.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

PARTNER_NAMES = ("Foleshill Women's Trust", "Coventry Careers Service", "Wood End Community Centre")


def _save(proposal, section, person, apply):
    """Save one section through the writing service, from its current revision."""
    return save_section(proposal, section, by=person, revision=proposal.revision_of(section), apply=apply)


def add_partners(proposal, names, *, state=PartnerState.CONFIRMED):
    """Partner organisations in ``proposal``'s consortium (confirmed unless ``state`` says otherwise)."""
    partners = []
    for name in names:
        organisation = OrganisationFactory(name=name)
        partners.append(
            ProposalPartner.objects.create(
                proposal=proposal,
                organisation=organisation,
                organisation_name=name,
                contact_name=f"Contact at {name}",
                contact_email=f"contact.{organisation.pk}@partner.example.org",
                role_in_delivery=f"{name} runs the weekly sessions in its neighbourhood.",
                state=state,
                token=secrets.token_urlsafe(24),
            )
        )
    return partners


def fill_budget(proposal, person, amounts):
    """Replace the budget with ``amounts``: {(partner, year, category): pence}."""

    def apply(locked):
        BudgetLine.objects.filter(proposal=locked).delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(proposal=locked, partner=partner, year=year, category=category, amount_pence=pence)
            for (partner, year, category), pence in amounts.items()
        )

    return _save(proposal, Section.BUDGET, person, apply)


def complete_proposal(
    specification=None,
    *,
    lead_person=None,
    lead_organisation=None,
    title="Routes into work for young people",
    partner_names=None,
    annual_pence=40_000_00,
    activity="Weekly mentoring and work tasters for young people aged 16 to 24 in Hillfields.",
    neighbourhoods="Hillfields, Foleshill",
):
    """A draft proposal answering ``specification`` with every section complete, led by
    ``lead_organisation`` for ``lead_person`` (made, and registered as a bidder, when not given).

    The consortium is the lead and ``partner_names`` (confirmed; as many as the specification's
    minimum asks, by default); each organisation asks ``annual_pence`` for staff each year.
    Returns the proposal, freshly read.
    """
    specification = specification or published_specification()
    round_ = specification.round
    lead_organisation = lead_organisation or OrganisationFactory(name="Hillfields Youth Trust")
    lead_person = lead_person or bidder_person(round_, lead_organisation)
    if not lead_person.organisations.filter(pk=lead_organisation.pk).exists():
        lead_person.organisations.add(lead_organisation)
    proposal = start_proposal(specification, by=lead_person, lead_organisation=lead_organisation, title=title)
    if partner_names is None:
        partner_names = PARTNER_NAMES[: max(specification.minimum_partners - 1, 0)]
    add_partners(proposal, partner_names)

    def activity_section(locked):
        locked.activity = activity
        locked.how_outcome = "Mentors stay with each young person until they are in work, education or training."
        locked.neighbourhoods = neighbourhoods

    proposal = _save(proposal, Section.ACTIVITY, lead_person, activity_section)

    def indicators(locked):
        for indicator in specification.indicators.all():
            baseline = ProposalIndicator.objects.create(
                proposal=locked,
                indicator=indicator,
                baseline_value=Decimal("14.5"),
                baseline_date=datetime.date(2026, 3, 31),
                baseline_source="Annual population survey",
            )
            ProposalIndicatorTarget.objects.bulk_create(
                ProposalIndicatorTarget(baseline=baseline, year=year, value=Decimal("14.5") - year)
                for year in range(1, round_.number_of_years + 1)
            )

    proposal = _save(proposal, Section.INDICATORS, lead_person, indicators)

    def evaluation(locked):
        locked.evaluation_plan = "An independent evaluation against the baseline, each year."

    proposal = _save(proposal, Section.EVALUATION, lead_person, evaluation)

    partners = list(proposal.partners.filter(state=PartnerState.CONFIRMED))
    proposal = fill_budget(
        proposal,
        lead_person,
        {
            (partner, year, CostCategory.STAFF): annual_pence
            for partner in partners
            for year in range(1, round_.number_of_years + 1)
        },
    )

    def client_group(locked):
        locked.client_group_involvement = "Young people planned the sessions with us at the youth centre."
        locked.steering_group_places = specification.steering_group_places or 0

    proposal = _save(proposal, Section.CLIENT_GROUP, lead_person, client_group)

    def sponsor(locked):
        locked.sponsor_contact_name = "Helen Carr"
        locked.sponsor_contact_role = "Head of Employment and Skills"
        locked.sponsor_evidence = "We met on 3 February; the council will consider funding the mentors."

    proposal = _save(proposal, Section.SPONSOR, lead_person, sponsor)

    def themes(locked):
        for theme in round_.cross_cutting_themes.all():
            ThemeResponse.objects.create(
                proposal=locked, theme=theme, response=f"How the activity addresses {theme.title}."
            )

    proposal = _save(proposal, Section.THEMES, lead_person, themes)

    def milestones(locked):
        Milestone.objects.create(proposal=locked, description="Steering group meets", month=3)
        Output.objects.create(proposal=locked, description="Young people mentored", quantity=120)

    proposal = _save(proposal, Section.MILESTONES, lead_person, milestones)

    def risks(locked):
        Risk.objects.create(
            proposal=locked,
            description="Mentors leave",
            likelihood=Level.MEDIUM,
            impact=Level.HIGH,
            mitigation="Two mentors know each young person.",
        )

    proposal = _save(proposal, Section.RISKS, lead_person, risks)

    def attachments(locked):
        for kind, name in ((AttachmentKind.CONSTITUTION, "constitution.pdf"), (AttachmentKind.ACCOUNTS, "accounts.pdf")):
            attachment = Attachment(
                proposal=locked,
                kind=kind,
                stored_key=secrets.token_hex(16),
                original_name=name,
                content_type="application/pdf",
                size=len(MINIMAL_PDF),
                uploaded_by=lead_person,
            )
            attachment.file.save(name, ContentFile(MINIMAL_PDF), save=False)
            attachment.save()

    proposal = _save(proposal, Section.ATTACHMENTS, lead_person, attachments)
    proposal.refresh_from_db()
    return proposal
