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

from commissioning.organisations.models import Organisation
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


def organisation_named(name):
    """The organisation called ``name`` (names are unique), made if there is none yet."""
    return Organisation.objects.filter(name=name).first() or OrganisationFactory(name=name)


def add_partners(proposal, names, *, state=PartnerState.CONFIRMED):
    """Partner organisations in ``proposal``'s consortium (confirmed unless ``state`` says otherwise)."""
    partners = []
    for name in names:
        organisation = organisation_named(name)
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


def fill_activity(proposal, person, *, activity, neighbourhoods):
    def apply(locked):
        locked.activity = activity
        locked.how_outcome = "Mentors stay with each young person until they are in work, education or training."
        locked.neighbourhoods = neighbourhoods

    return _save(proposal, Section.ACTIVITY, person, apply)


def fill_indicators(proposal, person):
    """A baseline for each of the specification's indicators, and a target for each year of the round."""
    years = proposal.round.number_of_years

    def apply(locked):
        for indicator in proposal.specification.indicators.all():
            baseline = ProposalIndicator.objects.create(
                proposal=locked,
                indicator=indicator,
                baseline_value=Decimal("14.5"),
                baseline_date=datetime.date(2026, 3, 31),
                baseline_source="Annual population survey",
            )
            ProposalIndicatorTarget.objects.bulk_create(
                ProposalIndicatorTarget(baseline=baseline, year=year, value=Decimal("14.5") - year)
                for year in range(1, years + 1)
            )

    return _save(proposal, Section.INDICATORS, person, apply)


def fill_fields(proposal, person, section, **fields):
    """Set the proposal's own ``fields`` as one save of ``section``."""

    def apply(locked):
        for name, value in fields.items():
            setattr(locked, name, value)

    return _save(proposal, section, person, apply)


def fill_themes(proposal, person):
    def apply(locked):
        for theme in proposal.round.cross_cutting_themes.all():
            ThemeResponse.objects.create(
                proposal=locked, theme=theme, response=f"How the activity addresses {theme.title}."
            )

    return _save(proposal, Section.THEMES, person, apply)


def fill_milestones_and_outputs(proposal, person):
    def apply(locked):
        Milestone.objects.create(proposal=locked, description="Steering group meets", month=3)
        Output.objects.create(proposal=locked, description="Young people mentored", quantity=120)

    return _save(proposal, Section.MILESTONES, person, apply)


def fill_risks(proposal, person):
    def apply(locked):
        Risk.objects.create(
            proposal=locked,
            description="Mentors leave",
            likelihood=Level.MEDIUM,
            impact=Level.HIGH,
            mitigation="Two mentors know each young person.",
        )

    return _save(proposal, Section.RISKS, person, apply)


def fill_attachments(proposal, person):
    """The lead's constitution and accounts, each a small PDF in private storage."""

    def apply(locked):
        for kind, name in (
            (AttachmentKind.CONSTITUTION, "constitution.pdf"),
            (AttachmentKind.ACCOUNTS, "accounts.pdf"),
        ):
            attachment = Attachment(
                proposal=locked,
                kind=kind,
                stored_key=secrets.token_hex(16),
                original_name=name,
                content_type="application/pdf",
                size=len(MINIMAL_PDF),
                uploaded_by=person,
            )
            attachment.file.save(name, ContentFile(MINIMAL_PDF), save=False)
            attachment.save()

    return _save(proposal, Section.ATTACHMENTS, person, apply)


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
    lead_organisation = lead_organisation or organisation_named("Hillfields Youth Trust")
    lead_person = lead_person or bidder_person(round_, lead_organisation)
    if not lead_person.organisations.filter(pk=lead_organisation.pk).exists():
        lead_person.organisations.add(lead_organisation)
    proposal = start_proposal(specification, by=lead_person, lead_organisation=lead_organisation, title=title)
    if partner_names is None:
        partner_names = PARTNER_NAMES[: max(specification.minimum_partners - 1, 0)]
    add_partners(proposal, partner_names)
    proposal = fill_activity(proposal, lead_person, activity=activity, neighbourhoods=neighbourhoods)
    proposal = fill_indicators(proposal, lead_person)
    proposal = fill_fields(
        proposal,
        lead_person,
        Section.EVALUATION,
        evaluation_plan="An independent evaluation against the baseline, each year.",
    )
    years = range(1, round_.number_of_years + 1)
    partners = proposal.partners.filter(state=PartnerState.CONFIRMED)
    proposal = fill_budget(
        proposal,
        lead_person,
        {(partner, year, CostCategory.STAFF): annual_pence for partner in partners for year in years},
    )
    proposal = fill_fields(
        proposal,
        lead_person,
        Section.CLIENT_GROUP,
        client_group_involvement="Young people planned the sessions with us at the youth centre.",
        steering_group_places=specification.steering_group_places or 0,
    )
    proposal = fill_fields(
        proposal,
        lead_person,
        Section.SPONSOR,
        sponsor_contact_name="Helen Carr",
        sponsor_contact_role="Head of Employment and Skills",
        sponsor_evidence="We met on 3 February; the council will consider funding the mentors.",
    )
    for fill in (fill_themes, fill_milestones_and_outputs, fill_risks, fill_attachments):
        proposal = fill(proposal, lead_person)
    proposal.refresh_from_db()
    return proposal
