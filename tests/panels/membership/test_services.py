"""Setting up panels, adding, inviting and removing members, and declaring interests."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.models import RoundRole
from commissioning.rounds.services import accept_invitation
from panels.membership import events, services
from panels.membership.enums import InterestNature, MemberRole
from panels.membership.models import Declaration, Panel, PanelInvitation, PanelMember
from panels.membership.selectors import proposals_for_member
from proposals.writing.enums import Eligibility
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.factories.proposals import published_specification

pytestmark = pytest.mark.django_db


def test_setting_up_a_panel_is_audited_and_happens_once_per_priority():
    spec = published_specification()
    officer = person_with_role(spec.round, Role.OFFICER)

    panel = services.set_up_panel(spec.priority, by=officer)

    assert Panel.objects.get() == panel
    assert (panel.round_id, panel.priority_id) == (spec.round_id, spec.priority_id)
    entry = AuditEntry.objects.get(action="panel.set_up")
    assert (entry.actor, entry.after) == (officer, {"priority": spec.priority.title})
    with pytest.raises(ApplicationError, match="already has its panel"):
        services.set_up_panel(spec.priority, by=officer)
    assert Panel.objects.count() == 1


def test_an_added_member_gets_the_panel_role_an_email_and_an_audit_entry(django_capture_on_commit_callbacks):
    panel = PanelFactory()
    officer = person_with_role(panel.round, Role.OFFICER, full_name="Olive Officer")
    person = UserFactory(full_name="Esther Expert")
    charity = OrganisationFactory(name="Age Concern Coventry")

    with django_capture_on_commit_callbacks(execute=True):
        member = services.add_member(panel, person, role=MemberRole.COMMUNITY, organisation=charity, by=officer)

    assert (member.role, member.organisation, member.added_by) == (MemberRole.COMMUNITY, charity, officer)
    assert RoundRole.objects.filter(round=panel.round, user=person, role=Role.PANEL).exists()
    entry = AuditEntry.objects.get(action="panel.member_added")
    assert entry.after == {
        "priority": panel.priority.title,
        "user": person.email,
        "role": "community",
        "organisation": "Age Concern Coventry",
    }
    email = OutgoingEmail.objects.get(to_email=person.email)
    assert email.subject == f"You are on the selection panel for “{panel.priority.title}”"
    assert "Olive Officer has added you to the selection panel" in email.body_text
    assert "as Voluntary and community member" in email.body_text


def test_a_second_chair_is_refused_with_a_clear_message():
    panel = PanelFactory()
    officer = person_with_role(panel.round, Role.OFFICER)
    first = UserFactory(full_name="Chloe Chair")
    services.add_member(panel, first, role=MemberRole.CHAIR, by=officer)

    with pytest.raises(ApplicationError) as refused:
        services.add_member(panel, UserFactory(), role=MemberRole.CHAIR, by=officer)

    assert refused.value.message == (
        "The panel already has a chair: Chloe Chair. A panel has one chair; remove them first to change it."
    )
    assert PanelMember.objects.filter(panel=panel).count() == 1


def test_a_person_is_added_once():
    panel = PanelFactory()
    officer = person_with_role(panel.round, Role.OFFICER)
    person = UserFactory(full_name="Esther Expert")
    services.add_member(panel, person, role=MemberRole.EXPERT, by=officer)

    with pytest.raises(ApplicationError, match="Esther Expert is already on this panel."):
        services.add_member(panel, person, role=MemberRole.COMMUNITY, by=officer)


def test_someone_unknown_is_invited_through_the_round_and_takes_their_seat(
    django_capture_on_commit_callbacks, mailoutbox
):
    panel = PanelFactory()
    officer = person_with_role(panel.round, Role.OFFICER, full_name="Olive Officer")

    with django_capture_on_commit_callbacks(execute=True):
        seat = services.invite_member(
            panel, email="New.Person@Example.org", full_name="Nia New", role=MemberRole.EXPERT, by=officer
        )

    invitation = seat.invitation
    assert (invitation.email, invitation.role, invitation.round) == ("new.person@example.org", Role.PANEL, panel.round)
    email = OutgoingEmail.objects.get(to_email="new.person@example.org")
    assert email.subject == f"An invitation to the selection panel for “{panel.priority.title}”"
    (message,) = mailoutbox
    accept = reverse("invitation_accept", args=[invitation.token])
    join = reverse("panel_join", args=[panel.round_id, panel.pk, seat.pk])
    assert f"{accept}?{urlencode({'next': join})}\n" in message.body
    assert "Olive Officer invites you to the selection panel" in message.body
    assert AuditEntry.objects.filter(action="panel.member_invited").count() == 1
    assert not PanelMember.objects.filter(panel=panel).exists()

    person = UserFactory(email="new.person@example.org")
    accept_invitation(invitation, user=person)
    member = services.take_seat(seat, user=person)

    assert (member.panel, member.user, member.role, member.added_by) == (panel, person, MemberRole.EXPERT, officer)
    seat.refresh_from_db()
    assert seat.seated == member
    with pytest.raises(ApplicationError, match="already taken this seat"):
        services.take_seat(seat, user=person)


def test_a_seat_is_taken_only_by_who_accepted_its_invitation():
    panel = PanelFactory()
    officer = person_with_role(panel.round, Role.OFFICER)
    seat = services.invite_member(panel, email="nia@example.org", role=MemberRole.EXPERT, by=officer)

    with pytest.raises(ApplicationError, match="Accept the invitation"):
        services.take_seat(seat, user=UserFactory())

    assert PanelInvitation.objects.get().seated is None
    assert not PanelMember.objects.exists()


def test_someone_with_an_account_is_not_invited():
    panel = PanelFactory()
    officer = person_with_role(panel.round, Role.OFFICER)
    person = UserFactory(email="known@example.org")

    with pytest.raises(ApplicationError, match="already has an account"):
        services.invite_member(panel, email=person.email, role=MemberRole.EXPERT, by=officer)


def test_removing_a_member_is_audited_and_takes_their_declarations(world):
    services.remove_member(world.member, by=world.officer)

    assert not PanelMember.objects.filter(pk=world.member.pk).exists()
    assert not Declaration.objects.filter(member_id=world.member.pk).exists()
    entry = AuditEntry.objects.get(action="panel.member_removed")
    assert entry.before == {"priority": world.panel.priority.title, "user": world.member.user.email, "role": "expert"}


def test_a_declaration_is_audited(world):
    declaration = services.declare(
        world.undeclared,
        world.first,
        has_interest=True,
        nature=InterestNature.FINANCIAL,
        description=" Paid consultant to the lead. ",
        by=world.undeclared.user,
    )

    assert (declaration.has_interest, declaration.nature, declaration.description) == (
        True,
        "financial",
        "Paid consultant to the lead.",
    )
    entry = AuditEntry.objects.get(action="panel.interest_declared")
    assert entry.after["proposal"] == "Youth into work"
    assert entry.after["nature"] == "financial"


@pytest.mark.parametrize(
    ("nature", "description", "message"),
    [("", "Paid.", "Choose the nature of the interest."), ("financial", "  ", "Describe the interest.")],
)
def test_an_interest_needs_its_nature_and_a_description(world, nature, description, message):
    with pytest.raises(ApplicationError, match=message):
        services.declare(
            world.undeclared,
            world.first,
            has_interest=True,
            nature=nature,
            description=description,
            by=world.undeclared.user,
        )
    assert not Declaration.objects.filter(member=world.undeclared).exists()


def test_a_proposal_the_panel_does_not_receive_is_refused(world):
    not_eligible = eligible_proposal(world.panel, eligibility=Eligibility.NOT_ELIGIBLE)

    with pytest.raises(ApplicationError, match="not one your panel receives"):
        services.declare(world.member, not_eligible, has_interest=False, by=world.member.user)


def test_a_declared_interest_stays_declared(world):
    with pytest.raises(ApplicationError, match="it stays declared"):
        services.declare(world.conflicted, world.first, has_interest=False, by=world.conflicted.user)

    assert Declaration.objects.get(member=world.conflicted, proposal=world.first).has_interest


@pytest.fixture
def heard():
    """A callback registered for the test (no area's), taken away afterwards."""
    calls = []

    def callback(declaration, *, by):
        calls.append((declaration.member_id, declaration.proposal_id, declaration.has_interest, by))

    events.on_interest_declared(callback)
    yield calls
    events.forget(callback)


def test_a_late_interest_takes_effect_at_once_and_calls_every_callback(world, heard):
    assert set(proposals_for_member(world.member)) == {world.first, world.second}

    services.declare(
        world.member,
        world.first,
        has_interest=True,
        nature=InterestNature.PERSONAL,
        description="My sister runs the lead.",
        by=world.member.user,
    )

    assert heard == [(world.member.pk, world.first.pk, True, world.member.user)]
    assert list(proposals_for_member(world.member)) == [world.second]
    entry = AuditEntry.objects.get(action="panel.interest_declared")
    assert entry.before == {"has_interest": False, "nature": "", "description": ""}


def test_no_interest_calls_no_callback(world, heard):
    services.declare(world.undeclared, world.first, has_interest=False, by=world.undeclared.user)
    services.declare(world.member, world.first, has_interest=False, by=world.member.user)

    assert heard == []


def test_a_failing_callback_rolls_the_declaration_back(world):
    def refuse(declaration, *, by):
        raise ApplicationError("Refused by a later stage.")

    events.on_interest_declared(refuse)
    try:
        with pytest.raises(ApplicationError, match="Refused by a later stage."):
            services.declare(
                world.member,
                world.first,
                has_interest=True,
                nature=InterestNature.OTHER,
                description="Friend.",
                by=world.member.user,
            )
    finally:
        events.forget(refuse)

    assert not Declaration.objects.get(member=world.member, proposal=world.first).has_interest
    assert not AuditEntry.objects.filter(action="panel.interest_declared").exists()
