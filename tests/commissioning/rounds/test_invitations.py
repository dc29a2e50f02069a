"""An officer invites a person by email; the link sets a password and lands them in the round."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commissioning.accounts.models import User
from commissioning.audit.models import AuditEntry
from commissioning.enums import EmailStatus, Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds import services
from commissioning.rounds.models import Invitation, RoundRole
from tests.factories.commissioning import PASSWORD, OrganisationFactory, UserFactory


def invite(client, round_, **data):
    fields = {"full_name": "Nia Newcomer", "email": "nia@example.org", "role": Role.BOARD, "organisation": ""}
    return client.post(reverse("round_people", args=[round_.pk]), {**fields, **data})


@pytest.fixture
def invitation(round_, officer):
    return services.invite_person(
        round_,
        by=officer,
        email="nia@example.org",
        role=Role.BIDDER,
        full_name="Nia Newcomer",
        organisation=OrganisationFactory(name="Foleshill Community Trust"),
    )


@pytest.mark.django_db
def test_invitation_by_officer_records_and_sends_email_with_link(
    client, round_, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    organisation = OrganisationFactory(name="Foleshill Community Trust")

    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, round_, role=Role.BIDDER, organisation=organisation.pk, email="Nia@Example.org")

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organisation) == ("nia@example.org", "bidder", organisation)
    assert invitation.invited_by == officer
    recorded = OutgoingEmail.objects.get(dedup_key=f"invitation:{invitation.pk}")
    assert recorded.to_email == "nia@example.org"
    assert recorded.subject == f"You are invited to {round_.name}"
    assert recorded.round == round_
    assert recorded.status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nia@example.org"]
    assert mail.outbox[0].subject == f"You are invited to {round_.name}"
    link = reverse("invitation_accept", args=[invitation.token])
    assert link in mail.outbox[0].body
    assert "Olive Officer has invited you" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="invitation.sent")
    assert entry.actor == officer
    assert entry.after == {"email": "nia@example.org", "role": "bidder", "organisation": organisation.pk}
    page = client.get(reverse("round_people", args=[round_.pk])).content.decode()
    assert "Invitation sent to nia@example.org." in page
    assert "nia@example.org – Bidder (Foleshill Community Trust)" in page


@pytest.mark.django_db
def test_invitation_with_bad_email_shows_message_and_keeps_input(client, round_, officer):
    client.force_login(officer)

    response = invite(client, round_, email="not-an-address")

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "Enter an email address in the correct format, like name@example.com" in content
    assert 'value="not-an-address"' in content
    assert 'value="Nia Newcomer"' in content
    assert not Invitation.objects.exists()
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_invitation_for_a_role_already_held_is_refused(client, round_, officer, board_member):
    client.force_login(officer)

    response = invite(client, round_, email=board_member.email.upper(), role=Role.BOARD)

    assert f"{board_member.email} is already Board member in this round." in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_invitation_link_sets_password_and_lands_in_round_with_role(client, round_, invitation):
    url = reverse("invitation_accept", args=[invitation.token])
    page = client.get(url).content.decode()
    assert f"You have been invited to {round_.name} as Bidder." in page
    assert "Your login will be nia@example.org." in page
    assert 'value="Nia Newcomer"' in page

    response = client.post(url, {"full_name": "Nia Newcomer", "password": "a-long-passphrase"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("round_detail", args=[round_.pk])
    content = response.content.decode()
    assert f"Welcome to {round_.name}." in content
    assert "Bidder" in content
    user = User.objects.get(email="nia@example.org")
    assert user.check_password("a-long-passphrase")
    assert user.full_name == "Nia Newcomer"
    assert int(client.session["_auth_user_id"]) == user.pk
    role = RoundRole.objects.get(round=round_, user=user)
    assert (role.role, role.organisation) == (Role.BIDDER, invitation.organisation)
    assert list(user.organisations.all()) == [invitation.organisation]
    assert EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert AuditEntry.objects.filter(action="invitation.accepted", actor=user, round=round_).count() == 1
    assert AuditEntry.objects.filter(action="role.assigned", actor=user, round=round_).count() == 1


@pytest.mark.django_db
def test_invitation_password_can_sign_in_later(client, round_, invitation):
    client.post(
        reverse("invitation_accept", args=[invitation.token]),
        {"full_name": "Nia Newcomer", "password": "a-long-passphrase"},
    )
    client.logout()

    response = client.post(reverse("account_login"), {"login": "nia@example.org", "password": "a-long-passphrase"})

    assert response["Location"] == reverse("home")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "This password is too short."),
        ("password123", "This password is too common."),
        ("12345678901234", "This password is entirely numeric."),
        ("nia@example.org", "The password is too similar to the email address."),
        ("", "Enter a password"),
    ],
)
@pytest.mark.django_db
def test_invitation_with_bad_password_shows_message_and_creates_nothing(client, invitation, password, message):
    response = client.post(
        reverse("invitation_accept", args=[invitation.token]), {"full_name": "Nia Newcomer", "password": password}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert message in content
    assert 'value="Nia Newcomer"' in content
    assert not User.objects.filter(email="nia@example.org").exists()
    assert not RoundRole.objects.filter(role=Role.BIDDER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_invitation_used_twice_is_refused_with_message(client, invitation):
    url = reverse("invitation_accept", args=[invitation.token])
    client.post(url, {"full_name": "Nia Newcomer", "password": "a-long-passphrase"})
    client.logout()

    page = client.get(url).content.decode()
    response = client.post(url, {"full_name": "Someone Else", "password": "another-passphrase"})

    assert "This invitation has already been used or has expired." in page
    assert "This invitation has already been used or has expired." in response.content.decode()
    assert RoundRole.objects.filter(role=Role.BIDDER).count() == 1
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_invitation_expired_is_refused_with_message(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("invitation_accept", args=[invitation.token])

    response = client.post(url, {"full_name": "Nia Newcomer", "password": "a-long-passphrase"})

    assert "This invitation has already been used or has expired." in response.content.decode()
    assert not User.objects.filter(email="nia@example.org").exists()


@pytest.mark.django_db
def test_invitation_with_unknown_token_is_not_found(client, db):
    assert client.get(reverse("invitation_accept", args=["no-such-token-at-all-here"])).status_code == 404


@pytest.mark.django_db
def test_invitation_for_existing_account_needs_sign_in_first(client, round_, invitation):
    existing = UserFactory(email="nia@example.org")
    url = reverse("invitation_accept", args=[invitation.token])

    page = client.get(url).content.decode()
    response = client.post(url, {"full_name": "Nia", "password": "a-long-passphrase"})

    assert "You already have an account with this email address." in page
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url.replace('/', '%2F')}"
    assert not RoundRole.objects.filter(user=existing).exists()
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)

    signed_in = client.post(response["Location"], {"login": "nia@example.org", "password": PASSWORD})
    assert signed_in["Location"] == url
    accepted = client.post(url, follow=True)

    assert accepted.redirect_chain[-1][0] == reverse("round_detail", args=[round_.pk])
    assert RoundRole.objects.filter(user=existing, round=round_, role=Role.BIDDER).exists()


@pytest.mark.django_db
def test_invitation_opened_by_wrong_account_is_refused(client, round_, invitation):
    someone_else = UserFactory(email="someone@example.org")
    client.force_login(someone_else)
    url = reverse("invitation_accept", args=[invitation.token])

    page = client.get(url).content.decode()
    response = client.post(url)

    assert "This invitation was sent to nia@example.org, but you are signed in as someone@example.org." in page
    assert "This invitation was sent to nia@example.org. Sign in with that address to accept it." in (
        response.content.decode()
    )
    assert not RoundRole.objects.filter(user=someone_else).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_invitation_page_links_to_login_with_next(client, invitation):
    UserFactory(email="nia@example.org")
    url = reverse("invitation_accept", args=[invitation.token])

    page = client.get(url).content.decode()

    assert re.search(r'href="/accounts/login/\?next=%2Finvitations%2F[^"]+"', page)
