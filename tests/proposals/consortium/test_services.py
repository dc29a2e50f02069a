"""The consortium's services: inviting (one email each time, at most once an hour again), roles,
removal, the sections partners edit, confirming or declining through the link, and the count
submission needs."""

import datetime

import pytest
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.models import Invitation, RoundRole
from priorities.specifications.models import Specification
from proposals.bidders.models import Bidder
from proposals.consortium import services
from proposals.consortium.selectors import confirmed_count, partner_for_token
from proposals.writing.enums import PartnerState, ProposalState, Section
from proposals.writing.models import ProposalPartner
from tests.factories.commissioning import OrganisationFactory, UserFactory
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person

pytestmark = pytest.mark.django_db

DETAILS = {
    "address": "3 Wood End Road",
    "postcode": "CV2 1AA",
    "contact_name": "Sam Lee",
    "contact_email": "sam@example.org",
    "contact_phone": "",
}


@pytest.fixture
def proposal():
    return ProposalFactory(title="Youth into work")


@pytest.fixture
def lead(proposal):
    return bidder_person(proposal.round, proposal.lead_organisation, full_name="Lena Lead")


def _invite(proposal, lead, email="joe@partner.example.org"):
    return services.add_partner(
        proposal,
        by=lead,
        organisation_name="Hillfields Youth Trust",
        contact_name="Joe Bloggs",
        contact_email=email,
        role_in_delivery="Runs the weekly drop-in sessions.",
    )


def _invitations(partner):
    return OutgoingEmail.objects.filter(dedup_key__startswith=f"consortium:partner:{partner.pk}:invitation:")


def test_inviting_a_partner_with_an_account_emails_them_the_link_once(proposal, lead):
    contact = UserFactory(email="joe@partner.example.org")

    partner = _invite(proposal, lead, email="Joe@Partner.example.org")

    assert (partner.state, partner.contact_email, partner.organisation, partner.invited_by) == (
        PartnerState.INVITED,
        "joe@partner.example.org",
        None,
        lead,
    )
    assert len(partner.token) == 43
    email = _invitations(partner).get()
    assert email.to_email == contact.email
    assert email.subject == f"{proposal.lead_organisation.name} invites you to join the consortium of “Youth into work”"
    assert f"/consortium/invitations/{partner.token}/" in email.body_text
    assert "invitations/" in email.body_text and "?next=" not in email.body_text
    assert not Invitation.objects.filter(role=Role.BIDDER).exists()
    entry = AuditEntry.objects.get(action="consortium.partner_invited")
    assert (entry.actor, entry.after["organisation"]) == (lead, "Hillfields Youth Trust")


def test_a_contact_without_an_account_is_sent_through_an_invitation_that_registers_them(proposal, lead):
    partner = _invite(proposal, lead)

    invitation = Invitation.objects.get(role=Role.BIDDER)
    assert (invitation.email, invitation.role, invitation.round) == (
        "joe@partner.example.org",
        Role.BIDDER,
        proposal.round,
    )
    body = _invitations(partner).get().body_text
    assert f"/invitations/{invitation.token}/?next=" in body
    assert "You do not have an account yet" in body


def test_the_same_address_cannot_be_invited_twice_and_nobody_is_emailed_again(proposal, lead):
    partner = _invite(proposal, lead)

    with pytest.raises(ApplicationError, match="has already been invited"):
        _invite(proposal, lead)

    assert ProposalPartner.objects.filter(proposal=proposal, is_lead=False).count() == 1
    assert _invitations(partner).count() == 1
    assert OutgoingEmail.objects.filter(to_email="joe@partner.example.org").count() == 1


def test_an_invitation_is_sent_again_at_most_once_an_hour(proposal, lead):
    partner = _invite(proposal, lead)

    with pytest.raises(ApplicationError, match="less than an hour ago"):
        services.resend_invitation(partner, by=lead)
    assert _invitations(partner).count() == 1

    _invitations(partner).update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    services.resend_invitation(partner, by=lead)

    assert _invitations(partner).count() == 2
    assert AuditEntry.objects.filter(action="consortium.invitation_resent").count() == 1
    with pytest.raises(ApplicationError, match="less than an hour ago"):
        services.resend_invitation(partner, by=lead)
    assert _invitations(partner).count() == 2


def test_the_lead_changes_roles_its_own_included_and_removes_a_partner_but_not_itself(proposal, lead):
    partner = _invite(proposal, lead)
    lead_row = proposal.partners.get(is_lead=True)

    services.change_role(lead_row, by=lead, role_in_delivery="Finance and evaluation.")
    services.change_role(partner, by=lead, role_in_delivery="Runs the Saturday club.")
    services.remove_partner(partner, by=lead)

    lead_row.refresh_from_db()
    assert lead_row.role_in_delivery == "Finance and evaluation."
    assert not ProposalPartner.objects.filter(pk=partner.pk).exists()
    assert AuditEntry.objects.filter(action="consortium.role_changed").count() == 2
    removed = AuditEntry.objects.get(action="consortium.partner_removed")
    assert removed.before["organisation"] == "Hillfields Youth Trust"
    with pytest.raises(ApplicationError, match="lead organisation cannot be removed"):
        services.remove_partner(lead_row, by=lead)
    assert ProposalPartner.objects.filter(pk=lead_row.pk).exists()


def test_partner_sections_never_include_the_lead_s_own(proposal, lead):
    services.set_partner_sections(proposal, by=lead, sections=["budget", "activity"])
    proposal.refresh_from_db()
    assert proposal.partner_sections == ["activity", "budget"]

    with pytest.raises(ApplicationError):
        services.set_partner_sections(proposal, by=lead, sections=[Section.PARTNERS.value])

    proposal.refresh_from_db()
    assert proposal.partner_sections == ["activity", "budget"]
    entry = AuditEntry.objects.get(action="consortium.partner_sections_changed")
    assert entry.after["sections"] == ["The activity and its outcome", "Budget"]


@pytest.mark.parametrize("closed_by", ["deadline", "withdrawn"])
def test_the_consortium_cannot_change_after_the_deadline_or_once_withdrawn(proposal, lead, closed_by):
    partner = ProposalPartnerFactory(
        proposal=proposal, state=PartnerState.INVITED, organisation=None, organisation_name="Late Trust"
    )
    if closed_by == "deadline":
        Specification.objects.filter(pk=proposal.specification_id).update(
            proposal_deadline=timezone.now() - datetime.timedelta(seconds=1),
            question_deadline=timezone.now() - datetime.timedelta(days=1),
        )
    else:
        proposal.state = ProposalState.WITHDRAWN
        proposal.save(update_fields=["state"])
    contact = UserFactory()

    with pytest.raises(services.ConsortiumClosed):
        _invite(proposal, lead)
    with pytest.raises(services.ConsortiumClosed):
        services.remove_partner(partner, by=lead)
    with pytest.raises(services.ConsortiumClosed):
        services.confirm_partnership(
            partner,
            by=contact,
            organisation_fields={"name": "Late", "sector": "voluntary", "organisation_type": "charity"},
            details=DETAILS,
        )

    assert ProposalPartner.objects.filter(proposal=proposal).count() == 2
    assert not OutgoingEmail.objects.filter(dedup_key__startswith="consortium:").exists()


def test_a_submitted_proposal_s_consortium_changes_until_its_extended_deadline(proposal, lead):
    proposal.state = ProposalState.SUBMITTED
    proposal.extended_deadline = timezone.now() + datetime.timedelta(hours=1)
    proposal.save(update_fields=["state", "extended_deadline"])
    Specification.objects.filter(pk=proposal.specification_id).update(
        proposal_deadline=timezone.now() - datetime.timedelta(seconds=1),
        question_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    proposal.refresh_from_db()

    partner = _invite(proposal, lead)

    assert partner.state == PartnerState.INVITED


def test_confirming_for_a_new_organisation_registers_it_and_tells_the_lead(proposal, lead):
    partner = _invite(proposal, lead)
    contact = UserFactory(email="joe@partner.example.org", full_name="Joe Bloggs")

    services.confirm_partnership(
        partner,
        by=contact,
        organisation_fields={"name": "Hillfields Youth Trust", "sector": "voluntary", "organisation_type": "charity"},
        details=DETAILS,
    )

    partner.refresh_from_db()
    organisation = partner.organisation
    assert (organisation.name, partner.state, partner.answered_by) == (
        "Hillfields Youth Trust",
        PartnerState.CONFIRMED,
        contact,
    )
    assert partner.answered_at is not None
    assert Bidder.objects.filter(round=proposal.round, organisation=organisation).exists()
    assert list(organisation.people.all()) == [contact]
    assert RoundRole.objects.get(round=proposal.round, user=contact).role == Role.BIDDER
    assert AuditEntry.objects.filter(action="consortium.partner_confirmed", actor=contact).count() == 1
    told = OutgoingEmail.objects.filter(subject="Hillfields Youth Trust confirmed it joins “Youth into work”")
    assert sorted(told.values_list("to_email", flat=True)) == sorted({"amira.khan@lead.example.org", lead.email})
    assert confirmed_count(proposal) == 2
    assert contact.has_perm("proposals.view_proposal", proposal)


def test_confirming_for_a_registered_organisation_needs_no_details(proposal, lead):
    partner = _invite(proposal, lead)
    organisation = OrganisationFactory()
    contact = bidder_person(proposal.round, organisation)

    services.confirm_partnership(partner, by=contact, organisation=organisation)

    partner.refresh_from_db()
    assert (partner.organisation, partner.state) == (organisation, PartnerState.CONFIRMED)
    assert Bidder.objects.filter(organisation=organisation).count() == 1


def test_an_organisation_already_in_the_consortium_cannot_confirm_twice(proposal, lead):
    first = _invite(proposal, lead, email="a@partner.example.org")
    second = _invite(proposal, lead, email="b@partner.example.org")
    organisation = OrganisationFactory(name="Hillfields Youth Trust")
    contact = bidder_person(proposal.round, organisation)
    services.confirm_partnership(first, by=contact, organisation=organisation)

    with pytest.raises(ApplicationError, match="Hillfields Youth Trust is already in the consortium"):
        services.confirm_partnership(second, by=contact, organisation=organisation)
    lead_person_answer = proposal.lead_organisation
    lead.organisations.add(lead_person_answer)
    with pytest.raises(ApplicationError, match="is already in the consortium"):
        services.confirm_partnership(second, by=lead, organisation=proposal.lead_organisation)

    second.refresh_from_db()
    assert (second.state, second.organisation) == (PartnerState.INVITED, None)


def test_an_invitation_is_answered_once_and_declining_needs_a_reason(proposal, lead):
    partner = _invite(proposal, lead)
    contact = UserFactory()

    with pytest.raises(ApplicationError, match="Say why"):
        services.decline_partnership(partner, by=contact, reason="  ")
    services.decline_partnership(partner, by=contact, reason="We have no staff free this year.")
    with pytest.raises(ApplicationError, match="already been answered"):
        services.decline_partnership(partner, by=contact, reason="Again")

    partner.refresh_from_db()
    assert (partner.state, partner.decline_reason, partner.answered_by) == (
        PartnerState.DECLINED,
        "We have no staff free this year.",
        contact,
    )
    told = OutgoingEmail.objects.get(
        subject="Hillfields Youth Trust declined to join “Youth into work”", to_email=lead.email
    )
    assert "We have no staff free this year." in told.body_text
    assert AuditEntry.objects.get(action="consortium.partner_declined").summary == "We have no staff free this year."


def test_consortium_problems_counts_confirmed_organisations_the_lead_counting(proposal, lead):
    assert proposal.specification.minimum_partners == 3
    assert services.consortium_problems(proposal) == [
        "1 of the 3 organisations needed have confirmed (the lead counting)."
    ]
    ProposalPartnerFactory(proposal=proposal)
    ProposalPartnerFactory(proposal=proposal, state=PartnerState.INVITED)
    ProposalPartnerFactory(proposal=proposal, state=PartnerState.DECLINED)

    assert services.consortium_problems(proposal) == [
        "2 of the 3 organisations needed have confirmed (the lead counting)."
    ]
    ProposalPartnerFactory(proposal=proposal)
    assert services.consortium_problems(proposal) == []
    assert confirmed_count(proposal) == 3


def test_a_token_of_the_wrong_shape_never_reaches_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert partner_for_token("abc\x00def") is None
        assert partner_for_token("x" * 65) is None
        assert partner_for_token("short") is None
        assert partner_for_token(None) is None
