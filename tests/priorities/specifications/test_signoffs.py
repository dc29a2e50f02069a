"""The sponsor's own commitment: its contact and finance officer are asked once, confirm or decline
in the app, are asked again when the sponsor's details change, and approval waits for both."""

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe, describe_entries
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role, Sector
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.models import Invitation, RoundRole
from priorities.specifications.enums import SignoffRole, SignoffState, SpecificationState
from priorities.specifications.models import SponsorSignoff
from priorities.specifications.selectors import current_signoffs
from priorities.specifications.services import signoffs as signoff_services
from priorities.specifications.services import specifications as services
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import confirm_all, sponsor_person, written

pytestmark = pytest.mark.django_db

CONTACT = "helen.carr@example.gov.uk"
FINANCE = "mark.patel@example.gov.uk"


def _requests():
    return OutgoingEmail.objects.filter(subject__startswith="Please confirm")


@pytest.fixture
def priority(round_):
    return PriorityFactory(round=round_, issue__round=round_, title="Worklessness")


@pytest.fixture
def spec(priority, officer):
    return written(priority, officer)


@pytest.fixture
def finance(spec):
    """Mark Patel has an account already; Helen Carr has none."""
    return sponsor_person(FINANCE, "Mark Patel", spec.sponsor_organisation)


def test_submitting_asks_the_contact_and_the_finance_officer_once_each(
    spec, officer, finance, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_specification(spec, by=officer)
        services.return_to_draft(spec, by=officer, reason="Say more about the client group.")
        services.submit_specification(spec, by=officer)

    rows = SponsorSignoff.objects.filter(specification=spec)
    assert sorted(rows.values_list("role", "name", "email", "state")) == [
        (SignoffRole.CONTACT, "Helen Carr", CONTACT, SignoffState.PENDING),
        (SignoffRole.FINANCE, "Mark Patel", FINANCE, SignoffState.PENDING),
    ]
    emails = {email.to_email: email for email in _requests()}
    assert sorted(emails) == [CONTACT, FINANCE]
    assert _requests().count() == 2
    finance_row = rows.get(role=SignoffRole.FINANCE)
    contact_row = rows.get(role=SignoffRole.CONTACT)
    assert emails[FINANCE].subject == "Please confirm Coventry City Council's commitment for “Worklessness”"
    assert reverse("sponsor_signoff", args=[spec.round_id, finance_row.pk]) in emails[FINANCE].body_text
    assert "The council will consider funding it from its main budget." in emails[FINANCE].body_text
    # Helen has no account: her link registers her through an invitation, then opens her sign-off.
    invitation = Invitation.objects.get(email=CONTACT)
    assert (invitation.role, invitation.organisation) == (Role.SPONSOR, spec.sponsor_organisation)
    assert contact_row.invitation == invitation
    assert reverse("invitation_accept", args=[invitation.token]) in emails[CONTACT].body_text
    assert "You do not have an account yet" in emails[CONTACT].body_text
    requested = AuditEntry.objects.filter(action="specification.signoff_requested").order_by("pk")
    assert [entry.sentence for entry in describe_entries(requested.select_related("actor"))] == [
        f"{officer} asked Helen Carr, sponsor's contact at Coventry City Council, to confirm the sponsor's "
        "commitment for “Worklessness”",
        f"{officer} asked Mark Patel, finance officer at Coventry City Council, to confirm the sponsor's "
        "commitment for “Worklessness”",
    ]


def test_approval_is_refused_until_both_have_confirmed(spec, officer, finance):
    services.submit_specification(spec, by=officer)

    with pytest.raises(ApplicationError) as refused:
        services.approve_specification(spec, by=officer)
    assert str(refused.value) == (
        "The sponsor's commitment is still to be confirmed by Helen Carr (sponsor's contact) "
        "and Mark Patel (finance officer)."
    )

    signoff_services.confirm_signoff(current_signoffs(spec)[SignoffRole.FINANCE], by=finance)
    with pytest.raises(ApplicationError) as refused:
        services.approve_specification(spec, by=officer)
    assert "Helen Carr" in str(refused.value)
    assert "Mark Patel" not in str(refused.value)
    spec.refresh_from_db()
    assert spec.state == SpecificationState.SUBMITTED

    confirm_all(spec)
    services.approve_specification(spec, by=officer)
    spec.refresh_from_db()
    assert spec.state == SpecificationState.APPROVED


def test_confirming_records_who_and_when_gives_the_sponsor_role_and_tells_officers_when_both_have(
    spec, officer, finance, django_capture_on_commit_callbacks
):
    finance.full_name = "Mark Patel"
    finance.save()
    services.submit_specification(spec, by=officer)

    with django_capture_on_commit_callbacks(execute=True):
        signoff = signoff_services.confirm_signoff(current_signoffs(spec)[SignoffRole.FINANCE], by=finance)

    signoff.refresh_from_db()
    assert (signoff.state, signoff.answered_by, signoff.answered_at is not None) == (
        SignoffState.CONFIRMED,
        finance,
        True,
    )
    assert RoundRole.objects.filter(
        round=spec.round, user=finance, role=Role.SPONSOR, organisation=spec.sponsor_organisation
    ).exists()
    entry = AuditEntry.objects.get(action="specification.signoff_confirmed")
    assert entry.actor == finance
    assert describe(entry).sentence == (
        "Mark Patel (Coventry City Council) confirmed the sponsor's commitment for “Worklessness”"
    )
    assert not OutgoingEmail.objects.filter(subject__startswith="The sponsor has confirmed").exists()

    with django_capture_on_commit_callbacks(execute=True):
        confirm_all(spec)
    told = OutgoingEmail.objects.filter(subject="The sponsor has confirmed its commitment: Worklessness")
    assert list(told.values_list("to_email", flat=True)) == [officer.email]
    assert "It can now be approved" in told.get().body_text


def test_only_the_person_asked_can_answer_and_only_once(spec, officer, finance):
    services.submit_specification(spec, by=officer)
    signoff = current_signoffs(spec)[SignoffRole.FINANCE]

    with pytest.raises(ApplicationError):
        signoff_services.confirm_signoff(signoff, by=officer)
    signoff_services.confirm_signoff(signoff, by=finance)
    with pytest.raises(ApplicationError):
        signoff_services.decline_signoff(signoff, by=finance, reason="Changed my mind.")

    signoff.refresh_from_db()
    assert signoff.state == SignoffState.CONFIRMED


def test_declining_needs_a_reason_shows_it_and_emails_the_officers(
    spec, officer, finance, django_capture_on_commit_callbacks
):
    second_officer = person_with_role(spec.round, Role.OFFICER)
    services.submit_specification(spec, by=officer)
    signoff = current_signoffs(spec)[SignoffRole.FINANCE]

    with pytest.raises(ApplicationError):
        signoff_services.decline_signoff(signoff, by=finance, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        signoff_services.decline_signoff(signoff, by=finance, reason="The budget for 2028 is not yet agreed.")

    signoff.refresh_from_db()
    assert (signoff.state, signoff.reason) == (SignoffState.DECLINED, "The budget for 2028 is not yet agreed.")
    told = OutgoingEmail.objects.filter(subject="The sponsor's commitment was declined: Worklessness")
    assert sorted(told.values_list("to_email", flat=True)) == sorted([officer.email, second_officer.email])
    assert "The budget for 2028 is not yet agreed." in told.first().body_text
    read = describe(AuditEntry.objects.get(action="specification.signoff_declined"))
    assert read.sentence == f"{signoff.who} declined to confirm the sponsor's commitment for “Worklessness”"
    assert (read.note_label, read.note) == ("Reason", "The budget for 2028 is not yet agreed.")
    with pytest.raises(ApplicationError) as refused:
        services.approve_specification(spec, by=officer)
    assert "declined" in str(refused.value)


def test_an_officer_asks_again_after_a_decline_and_nobody_twice(
    spec, officer, finance, django_capture_on_commit_callbacks
):
    services.submit_specification(spec, by=officer)
    declined = current_signoffs(spec)[SignoffRole.FINANCE]
    signoff_services.decline_signoff(declined, by=finance, reason="Not yet agreed.")

    with django_capture_on_commit_callbacks(execute=True):
        asked = signoff_services.ask_sponsor(spec, by=officer)
    with pytest.raises(ApplicationError):
        signoff_services.ask_sponsor(spec, by=officer)

    assert [signoff.role for signoff in asked] == [SignoffRole.FINANCE]
    declined.refresh_from_db()
    assert declined.state == SignoffState.SUPERSEDED
    assert _requests().filter(to_email=FINANCE).count() == 2


def test_changing_the_finance_officer_resets_their_confirmation_and_asks_the_new_one(
    spec, priority, officer, finance, django_capture_on_commit_callbacks
):
    services.submit_specification(spec, by=officer)
    confirm_all(spec)
    services.return_to_draft(spec, by=officer, reason="The finance officer has changed.")

    with django_capture_on_commit_callbacks(execute=True):
        services.save_specification(
            priority,
            by=officer,
            fields={"finance_officer_name": "Fiona Finance", "finance_officer_email": "fiona@example.gov.uk"},
        )

    current = current_signoffs(spec)
    assert current[SignoffRole.CONTACT].state == SignoffState.CONFIRMED
    assert (current[SignoffRole.FINANCE].name, current[SignoffRole.FINANCE].state) == (
        "Fiona Finance",
        SignoffState.PENDING,
    )
    assert SponsorSignoff.objects.get(email=FINANCE).state == SignoffState.SUPERSEDED
    assert _requests().filter(to_email="fiona@example.gov.uk").count() == 1
    reset = describe(AuditEntry.objects.get(action="specification.signoffs_reset"))
    assert reset.sentence == (
        f"{officer} changed the sponsor's details of “Worklessness” (sponsor's finance officer, finance officer's "
        "email address), so Mark Patel (Coventry City Council) will be asked to confirm again"
    )


def test_changing_the_commitment_resets_both_even_after_publication(spec, officer, finance):
    services.submit_specification(spec, by=officer)
    confirm_all(spec)
    services.approve_specification(spec, by=officer)
    services.publish_specification(spec, by=officer)

    services.amend_specification(
        spec,
        by=officer,
        fields={"mainstreaming_commitment": "The council will fund half from 2030."},
        note="The council's commitment is firmer.",
    )

    current = current_signoffs(spec)
    assert {role: signoff.state for role, signoff in current.items()} == {
        SignoffRole.CONTACT: SignoffState.PENDING,
        SignoffRole.FINANCE: SignoffState.PENDING,
    }
    assert current[SignoffRole.FINANCE].commitment == "The council will fund half from 2030."
    assert SponsorSignoff.objects.filter(specification=spec, state=SignoffState.SUPERSEDED).count() == 2


def test_a_change_that_leaves_the_sponsor_alone_keeps_the_confirmations(spec, priority, officer):
    services.submit_specification(spec, by=officer)
    confirm_all(spec)
    services.return_to_draft(spec, by=officer, reason="Add a milestone.")

    services.save_specification(priority, by=officer, fields={"milestones": "A review in month 18."})

    assert {signoff.state for signoff in current_signoffs(spec).values()} == {SignoffState.CONFIRMED}
    assert not AuditEntry.objects.filter(action="specification.signoffs_reset").exists()


def test_submission_needs_both_email_addresses(priority, officer):
    spec = written(priority, officer, finance_officer_email="")

    with pytest.raises(ApplicationError) as refused:
        services.submit_specification(spec, by=officer)

    assert "Give the finance officer's email address." in refused.value.details
    assert not SponsorSignoff.objects.exists()


def test_a_returned_specification_keeps_the_reason_until_it_is_submitted_again(spec, officer):
    services.submit_specification(spec, by=officer)
    services.return_to_draft(spec, by=officer, reason="Name the indicators.")
    spec.refresh_from_db()
    assert (spec.return_reason, spec.returned_by) == ("Name the indicators.", officer)

    services.submit_specification(spec, by=officer)
    spec.refresh_from_db()
    assert (spec.return_reason, spec.returned_at, spec.returned_by) == ("", None, None)


def test_the_sponsor_must_be_a_real_person_at_another_organisation_too(round_, officer):
    """Two sponsors' sign-offs stay apart: each row names its own organisation."""
    police = OrganisationFactory(name="West Midlands Police", sector=Sector.PUBLIC)
    first = written(PriorityFactory(round=round_, issue__round=round_), officer)
    second = written(
        PriorityFactory(round=round_, issue__round=round_),
        officer,
        sponsor_organisation=police,
        sponsor_contact_email="ruth.green@example.police.uk",
        finance_officer_email="paul.simmons@example.police.uk",
    )
    services.submit_specification(first, by=officer)
    services.submit_specification(second, by=officer)

    assert set(SponsorSignoff.objects.filter(specification=second).values_list("organisation__name", flat=True)) == {
        "West Midlands Police"
    }
    ruth = UserFactory(email="ruth.green@example.police.uk")
    with pytest.raises(ApplicationError):
        signoff_services.confirm_signoff(current_signoffs(first)[SignoffRole.CONTACT], by=ruth)


def test_someone_without_an_account_asked_again_uses_the_same_invitation(spec, priority, officer):
    services.submit_specification(spec, by=officer)
    services.return_to_draft(spec, by=officer, reason="Firm up the commitment.")

    services.save_specification(priority, by=officer, fields={"mainstreaming_commitment": "Half from 2030."})

    contact_rows = SponsorSignoff.objects.filter(specification=spec, role=SignoffRole.CONTACT)
    assert contact_rows.count() == 2
    assert Invitation.objects.filter(email=CONTACT).count() == 1
    assert {row.invitation_id for row in contact_rows} == {Invitation.objects.get(email=CONTACT).pk}
