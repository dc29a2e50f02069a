"""Signing in by email, password reset, sign-up with email verification, rate limits and
two-factor authentication for officers, through the account pages themselves."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from commissioning.accounts.models import User
from commissioning.enums import EmailStatus
from commissioning.outbox.models import OutgoingEmail
from tests.factories.commissioning import PASSWORD, PartnershipMemberFactory, UserFactory

WRONG_PASSWORD_MESSAGE = "The email address and/or password you specified are not correct."
RATE_LIMIT_MESSAGE = "Too many failed login attempts. Try again later."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Login rate limits are counted in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def link_in(text, prefix):
    match = re.search(re.escape(prefix) + r"\S+", text)
    assert match, f"no {prefix} link in: {text}"
    return match.group(0)


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user):
    secret = generate_totp_secret()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return secret


@pytest.mark.django_db
def test_login_by_email_signs_the_person_in(client):
    user = UserFactory(email="olive@example.org")

    response = sign_in(client, "Olive@Example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_login_with_wrong_password_shows_message_and_keeps_email(client):
    UserFactory(email="olive@example.org")

    response = sign_in(client, "olive@example.org", "not-the-password")

    content = response.content.decode()
    assert response.status_code == 200
    assert WRONG_PASSWORD_MESSAGE in content
    assert content.count('class="govuk-error-summary"') == 1
    assert content.index('class="govuk-error-summary"') < content.index("<h1")  # first thing read, above the heading
    assert 'value="olive@example.org"' in content
    assert "<title>Error:" in content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_after_repeated_failures_is_refused_even_with_right_password(client):
    UserFactory(email="olive@example.org")
    for _ in range(5):
        assert WRONG_PASSWORD_MESSAGE in sign_in(client, "olive@example.org", "guess-again-123").content.decode()

    response = sign_in(client, "olive@example.org")

    assert RATE_LIMIT_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_email_is_recorded_then_sent_by_the_task(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="olive@example.org")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("account_reset_password"), {"email": "olive@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    recorded = OutgoingEmail.objects.get(to_email="olive@example.org")
    assert recorded.subject == f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Password Reset Email"
    assert recorded.status == EmailStatus.PENDING
    assert mail.outbox == []  # nothing leaves inside the request

    for callback in callbacks:
        callback()

    recorded.refresh_from_db()
    assert recorded.status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["olive@example.org"]
    assert mail.outbox[0].subject == recorded.subject

    reset_url = link_in(mail.outbox[0].body, "/accounts/password/reset/key/")
    form_page = client.get(reset_url, follow=True)
    assert 'class="govuk-input' in form_page.content.decode()
    set_response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url,
        {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"},
    )
    assert set_response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("account_reset_password_done")
    assert not User.objects.filter(email="nobody@example.org").exists()


@pytest.mark.django_db
def test_signup_then_email_verification_lets_the_person_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "New.Person@example.org", "password1": "a-long-passphrase", "password2": "a-long-passphrase"},
        )

    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    address = EmailAddress.objects.get(user=user)
    assert not address.verified
    assert "_auth_user_id" not in client.session
    sent = mail.outbox[-1]
    assert sent.to == ["new.person@example.org"]
    assert sent.subject == f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Please Confirm Your Email Address"
    assert OutgoingEmail.objects.filter(to_email="new.person@example.org", status=EmailStatus.SENT).count() == 1

    confirm_url = link_in(sent.body, "/accounts/confirm-email/")
    page = client.get(confirm_url)
    assert "Confirm Email Address" in page.content.decode()
    client.post(confirm_url)

    address.refresh_from_db()
    assert address.verified
    assert sign_in(client, "new.person@example.org", "a-long-passphrase")["Location"] == reverse("home")


@pytest.mark.django_db
def test_signup_with_bad_input_shows_messages_and_creates_nothing(client):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.org", "password1": "short", "password2": "short"}
    )

    content = response.content.decode()
    assert content.count("There is a problem") == 1
    assert content.index("There is a problem") < content.index("<h1")
    assert "This password is too short." in content
    assert 'value="new@example.org"' in content
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.django_db
def test_login_before_verifying_email_is_held_at_verification(client):
    user = UserFactory(email="unverified@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)

    response = sign_in(client, "unverified@example.org")

    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_officer_without_two_factor_is_sent_to_set_it_up_when_required(client, settings, round_, officer):
    settings.REQUIRE_OFFICER_2FA = True
    client.force_login(officer)

    response = client.get(reverse("round_detail", args=[round_.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_board_member_is_not_asked_for_two_factor(client, settings, round_, board_member):
    settings.REQUIRE_OFFICER_2FA = True
    client.force_login(board_member)

    response = client.get(reverse("round_detail", args=[round_.pk]))

    assert response.status_code == 200
    assert round_.name in response.content.decode()


@pytest.mark.django_db
def test_officer_with_authenticator_app_passes_when_required(client, settings, round_, officer):
    settings.REQUIRE_OFFICER_2FA = True
    with_totp(officer)
    client.force_login(officer)

    response = client.get(reverse("round_detail", args=[round_.pk]))

    assert response.status_code == 200
    assert round_.name in response.content.decode()


@pytest.mark.django_db
def test_officer_without_two_factor_passes_when_not_required(client, settings, round_, officer):
    settings.REQUIRE_OFFICER_2FA = False
    client.force_login(officer)

    assert client.get(reverse("round_detail", args=[round_.pk])).status_code == 200


@pytest.mark.django_db
def test_login_with_authenticator_app_asks_for_the_code(client, officer):
    secret = with_totp(officer)

    response = sign_in(client, officer.email)

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Two-Factor Authentication" in page
    assert 'class="govuk-input' in page

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert "Incorrect code." in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert int(client.session["_auth_user_id"]) == officer.pk


@pytest.mark.django_db
def test_totp_activation_asks_for_password_again_then_activates(client, officer):
    sign_in(client, officer.email)
    first = client.get(reverse("mfa_activate_totp"), follow=True)
    assert first.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert '<label for="id_password" class="govuk-label">' in first.content.decode()
    client.post(first.redirect_chain[-1][0], {"password": PASSWORD})

    page = client.get(reverse("mfa_activate_totp"))
    content = page.content.decode()
    assert page.status_code == 200
    assert 'class="govuk-heading-l"' in content
    assert '<label class="govuk-label" for="authenticator_secret">' in content
    secret = page.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assert codes.status_code == 200
    assert 'class="govuk-textarea' in codes.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
@pytest.mark.django_db
def test_account_pages_for_visitors_use_the_service_layout(client, url_name):
    response = client.get(reverse(url_name))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-template"' in content
    assert 'class="app-header"' in content
    assert 'class="govuk-heading-l"' in content
    assert 'name="viewport" content="width=device-width' in content
    assert "Menu:" not in content  # allauth's own bare layout is not used


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("account_email", 'class="govuk-radios__input"'),
        ("account_change_password", 'class="govuk-input'),
        ("account_logout", 'class="govuk-button"'),
        ("mfa_index", "govuk-heading-m"),
        ("mfa_generate_recovery_codes", 'class="govuk-button"'),
    ],
)
@pytest.mark.django_db
def test_account_pages_for_signed_in_people_use_the_service_layout(client, url_name, expected):
    user = UserFactory()
    sign_in(client, user.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse(url_name))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-heading-l"' in content
    assert expected in content
    assert "Menu:" not in content


@pytest.mark.django_db
def test_officer_without_two_factor_can_still_reach_account_pages_and_sign_out(client, settings, officer):
    settings.REQUIRE_OFFICER_2FA = True
    client.force_login(officer)

    logout_page = client.get(reverse("account_logout"))
    client.post(reverse("account_logout"))

    assert logout_page.status_code == 200
    assert "_auth_user_id" not in client.session


def _superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def _staff():
    return UserFactory(is_staff=True)


def _partnership_officer():
    return PartnershipMemberFactory(role="officer").user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_person", [_superuser, _staff, _partnership_officer], ids=["superuser", "staff", "partnership-officer"]
)
@pytest.mark.parametrize("url_name", ["admin:index", "home", "organisation_list"])
def test_everyone_with_officer_rights_sets_up_two_factor_before_any_page_when_required(
    client, settings, make_person, url_name
):
    settings.REQUIRE_OFFICER_2FA = True
    client.force_login(make_person())

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_superuser_with_two_factor_reaches_the_admin_when_required(client, settings):
    settings.REQUIRE_OFFICER_2FA = True
    admin = _superuser()
    with_totp(admin)
    client.force_login(admin)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Site administration" in response.content.decode()


@pytest.mark.django_db
def test_superuser_without_two_factor_reaches_the_admin_when_not_required(client, settings):
    settings.REQUIRE_OFFICER_2FA = False
    client.force_login(_superuser())

    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_partnership_board_member_is_not_asked_for_two_factor(client, settings):
    settings.REQUIRE_OFFICER_2FA = True
    client.force_login(PartnershipMemberFactory(role="board").user)

    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_wrong_passwords_lock_that_account_only_not_everyone_at_the_address(client):
    UserFactory(email="olive@example.org")
    UserFactory(email="bob@example.org")
    for _ in range(5):
        assert WRONG_PASSWORD_MESSAGE in sign_in(client, "olive@example.org", "guess-again-123").content.decode()

    neighbour = Client()  # another person on the venue's Wi-Fi: the same address
    response = sign_in(neighbour, "bob@example.org")

    assert response.status_code == 302
    assert "_auth_user_id" in neighbour.session
    assert RATE_LIMIT_MESSAGE in sign_in(Client(), "olive@example.org").content.decode()


@pytest.mark.django_db
def test_a_room_of_200_on_one_network_each_mistyping_once_all_sign_in():
    people = [UserFactory(email=f"room{n}@example.org") for n in range(200)]
    signed_in = 0
    for person in people:
        browser = Client(REMOTE_ADDR="192.0.2.10")
        assert WRONG_PASSWORD_MESSAGE in sign_in(browser, person.email, "typo-in-it-123").content.decode()
        response = sign_in(browser, person.email)
        signed_in += response.status_code == 302 and int(browser.session["_auth_user_id"]) == person.pk

    assert signed_in == 200


@pytest.mark.django_db
def test_sign_in_limits_per_client_ignore_the_forwarded_header_unless_a_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/10m/ip,5/5m/key"}
    for n in range(3):
        UserFactory(email=f"tried{n}@example.org")
        sign_in(Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"), f"tried{n}@example.org", "wrong-password-1")
    UserFactory(email="next@example.org")

    response = sign_in(Client(HTTP_X_FORWARDED_FOR="198.51.100.99"), "next@example.org")

    assert RATE_LIMIT_MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_sign_in_limits_per_client_use_the_trusted_proxys_header(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/10m/ip,5/5m/key"}
    behind_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(3):
        UserFactory(email=f"tried{n}@example.org")
        guesser = Client(HTTP_X_FORWARDED_FOR="203.0.113.7", **behind_proxy)
        sign_in(guesser, f"tried{n}@example.org", "wrong-password-1")
    UserFactory(email="next@example.org")
    UserFactory(email="other@example.org")

    guesser = Client(HTTP_X_FORWARDED_FOR="203.0.113.7", **behind_proxy)
    other_person = Client(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.5", **behind_proxy)

    assert RATE_LIMIT_MESSAGE in sign_in(guesser, "next@example.org").content.decode()
    assert sign_in(other_person, "other@example.org").status_code == 302


@pytest.mark.django_db
def test_the_admin_signs_in_through_the_sites_sign_in_so_the_second_factor_is_asked(client):
    admin = _superuser()
    with_totp(admin)

    page = client.get(reverse("admin:login"))
    client.post(reverse("admin:login"), {"username": admin.email, "password": PASSWORD})
    password_alone_signed_in = "_auth_user_id" in client.session
    signed_in = sign_in(client, admin.email)

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_login") + "?next=")
    assert not password_alone_signed_in
    assert signed_in["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
