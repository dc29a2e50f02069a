"""The sponsor's pages: the sign-off page (only for the person asked), their home page, and what the
specification page shows of their answers and of a return."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role, Sector
from commissioning.rounds.models import Invitation
from priorities.specifications.enums import SignoffRole, SignoffState
from priorities.specifications.selectors import current_signoffs
from priorities.specifications.services import signoffs as signoff_services
from priorities.specifications.services import specifications as services
from tests.factories.commissioning import (
    PASSWORD,
    OrganisationFactory,
    RoundFactory,
    UserFactory,
    person_with_role,
)
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import sponsor_person, subgroup_member, written

pytestmark = pytest.mark.django_db

FINANCE = "mark.patel@example.gov.uk"


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.fixture
def priority(round_):
    return PriorityFactory(round=round_, issue__round=round_, title="Worklessness")


@pytest.fixture
def submitted(priority, officer):
    spec = written(priority, officer)
    services.submit_specification(spec, by=officer)
    return spec


@pytest.fixture
def finance(submitted):
    return sponsor_person(FINANCE, "Mark Patel", submitted.sponsor_organisation)


def _signoff_url(spec, role):
    return reverse("sponsor_signoff", args=[spec.round_id, current_signoffs(spec)[role].pk])


def test_the_finance_officer_reads_the_commitment_and_confirms(client, submitted, finance):
    url = _signoff_url(submitted, SignoffRole.FINANCE)
    _login(client, finance)

    page = client.get(url).content.decode()
    response = client.post(url, {"confirm": "1"}, follow=True)

    assert "The council will consider funding it from its main budget." in page
    assert "Confirm the commitment" in page
    signoff = current_signoffs(submitted)[SignoffRole.FINANCE]
    assert (signoff.state, signoff.answered_by) == (SignoffState.CONFIRMED, finance)
    assert "you have confirmed Coventry City Council" in response.content.decode()
    assert "Confirm the commitment" not in response.content.decode()


def test_declining_without_a_reason_asks_for_one_and_keeps_the_request(client, submitted, finance):
    url = _signoff_url(submitted, SignoffRole.FINANCE)
    _login(client, finance)

    empty = client.post(url, {"reason": ""})
    declined = client.post(url, {"reason": "The 2028 budget is not agreed."}, follow=True)

    assert empty.status_code == 200
    assert "Say why you cannot confirm the commitment." in empty.content.decode()
    assert "The 2028 budget is not agreed." in declined.content.decode()
    signoff = current_signoffs(submitted)[SignoffRole.FINANCE]
    assert (signoff.state, signoff.reason) == (SignoffState.DECLINED, "The 2028 budget is not agreed.")


def test_nobody_else_opens_or_answers_a_sign_off(client, round_, submitted, finance, officer):
    """A colleague at the sponsor, an officer and a person asked by another sponsor get a 404; an
    unconfirmed account with the same address is told to confirm it; nothing changes."""
    url = _signoff_url(submitted, SignoffRole.FINANCE)
    colleague = UserFactory()
    colleague.organisations.add(submitted.sponsor_organisation)
    police = OrganisationFactory(name="West Midlands Police", sector=Sector.PUBLIC)
    other = written(
        PriorityFactory(round=round_, issue__round=round_),
        officer,
        sponsor_organisation=police,
        sponsor_contact_email="ruth.green@example.police.uk",
        finance_officer_email="paul.simmons@example.police.uk",
    )
    services.submit_specification(other, by=officer)
    police_finance = sponsor_person("paul.simmons@example.police.uk", "Paul Simmons", police)
    assert client.get(_signoff_url(other, SignoffRole.FINANCE)).status_code == 302  # signed out: to sign in

    for person in (colleague, officer, police_finance):
        client.logout()
        _login(client, person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirm": "1"}).status_code == 404
        assert client.post(url, {"reason": "No."}).status_code == 404
    EmailAddress.objects.filter(user=finance).update(verified=False)
    client.logout()
    _login(client, finance)
    assert "Confirm your email address first" in client.get(url).content.decode()
    assert "Confirm your email address first" in client.post(url, {"confirm": "1"}).content.decode()

    assert current_signoffs(submitted)[SignoffRole.FINANCE].state == SignoffState.PENDING


def _without_csrf_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_an_unconfirmed_address_is_told_to_confirm_it_and_learns_nothing_of_the_specification(
    client, round_, submitted, finance, officer
):
    url = _signoff_url(submitted, SignoffRole.FINANCE)
    other_round = RoundFactory(name="Other round")
    EmailAddress.objects.filter(user=finance).update(verified=False)
    _login(client, finance)

    page = client.get(url)
    confirmed = client.post(url, {"confirm": "1"})
    declined = client.post(url, {"reason": "No."})
    not_asked = client.get(_signoff_url(submitted, SignoffRole.CONTACT))
    missing = client.get(reverse("sponsor_signoff", args=[other_round.pk, 999_999]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Confirm your email address first" in text
    assert f"Your address, {FINANCE}, is not confirmed yet." in text
    assert f'href="{reverse("account_email")}"' in text and "Send the confirmation email again" in text
    for secret in (submitted.title, "main budget", "Coventry City Council", round_.name, "Confirm the commitment"):
        assert secret not in text
    for other in (confirmed, declined, not_asked, missing):
        assert other.status_code == 200
        assert _without_csrf_token(other) == _without_csrf_token(page)
    signoff = current_signoffs(submitted)[SignoffRole.FINANCE]
    assert (signoff.state, signoff.reason) == (SignoffState.PENDING, "")
    EmailAddress.objects.filter(user=finance).update(verified=True)
    assert "Confirm the commitment" in client.get(url).content.decode()


def test_someone_without_an_account_registers_through_the_invitation_and_lands_on_their_sign_off(client, submitted):
    invitation = Invitation.objects.get(email="helen.carr@example.gov.uk")
    url = _signoff_url(submitted, SignoffRole.CONTACT)
    link = reverse("invitation_accept", args=[invitation.token]) + "?next=" + url

    response = client.post(
        link, {"full_name": "Helen Carr", "password": "a-long-pass-phrase-27", "password2": "a-long-pass-phrase-27"}
    )

    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Confirm the commitment" in page


def test_an_outside_link_after_the_invitation_is_not_followed(client, submitted):
    invitation = Invitation.objects.get(email="helen.carr@example.gov.uk")
    link = reverse("invitation_accept", args=[invitation.token]) + "?next=https://elsewhere.example/"

    response = client.post(
        link, {"full_name": "Helen Carr", "password": "a-long-pass-phrase-27", "password2": "a-long-pass-phrase-27"}
    )

    assert response["Location"] == reverse("round_detail", args=[submitted.round_id])


def test_the_sponsor_home_page_lists_what_the_organisation_sponsors_and_what_waits(client, round_, submitted, finance):
    colleague = UserFactory()
    colleague.organisations.add(submitted.sponsor_organisation)
    outsider = UserFactory()
    outsider.organisations.add(OrganisationFactory(name="West Midlands Police", sector=Sector.PUBLIC))

    _login(client, finance)
    mine = client.get(reverse("home")).content.decode()
    client.logout()
    _login(client, colleague)
    theirs = client.get(reverse("home")).content.decode()
    client.logout()
    _login(client, outsider)
    other = client.get(reverse("home")).content.decode()

    assert "Your organisation&#x27;s sponsorships" in mine
    assert "Worklessness" in mine
    assert "Submitted for approval" in mine
    assert _signoff_url(submitted, SignoffRole.FINANCE) in mine
    assert "Worklessness" in theirs
    assert _signoff_url(submitted, SignoffRole.FINANCE) not in theirs
    assert "Nothing is waiting for you." in theirs
    assert "sponsorships" not in other
    assert "Worklessness" not in other


def test_the_sponsor_home_page_queries_do_not_grow_with_the_specifications(client, round_, officer, finance):
    _login(client, finance)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for _n in range(3):
        spec = written(PriorityFactory(round=round_, issue__round=round_), officer)
        services.submit_specification(spec, by=officer)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("home")).content.decode()

    assert page.count("Confirm the sponsor's commitment for") == 4
    assert len(many) == len(one)


def test_the_sponsor_organisation_reads_its_draft_and_others_do_not(client, round_, submitted, finance):
    url = reverse("specification_detail", args=[round_.pk, submitted.priority_id])
    colleague = UserFactory()
    colleague.organisations.add(submitted.sponsor_organisation)
    outsider = UserFactory()
    outsider.organisations.add(OrganisationFactory(name="West Midlands Police", sector=Sector.PUBLIC))

    _login(client, colleague)
    assert client.get(url).status_code == 200
    client.logout()
    _login(client, outsider)
    assert client.get(url).status_code == 404


def test_the_specification_page_shows_confirmations_and_a_decline_with_its_reason(
    client, round_, submitted, finance, officer
):
    contact = sponsor_person("helen.carr@example.gov.uk", "Helen Carr", submitted.sponsor_organisation)
    signoff_services.confirm_signoff(current_signoffs(submitted)[SignoffRole.CONTACT], by=contact)
    signoff_services.decline_signoff(
        current_signoffs(submitted)[SignoffRole.FINANCE], by=finance, reason="The 2028 budget is not agreed."
    )
    _login(client, officer)

    page = client.get(reverse("specification_detail", args=[round_.pk, submitted.priority_id])).content.decode()
    refused = client.post(reverse("specification_approve", args=[round_.pk, submitted.priority_id]), follow=True)

    assert "Helen Carr (Coventry City Council) confirmed the commitment on" in page
    assert "Mark Patel (Coventry City Council) declined on" in page
    assert "The 2028 budget is not agreed." in page
    assert "Ask the sponsor to confirm now" in page
    assert "Mark Patel (finance officer, who declined)" in refused.content.decode()


def test_an_officer_asks_the_sponsor_from_the_page(client, round_, priority, officer):
    spec = written(priority, officer)
    _login(client, officer)

    client.post(reverse("specification_ask_sponsor", args=[round_.pk, priority.pk]))

    assert {signoff.state for signoff in current_signoffs(spec).values()} == {SignoffState.PENDING}
    assert len(current_signoffs(spec)) == 2


def test_a_subgroup_member_cannot_ask_the_sponsor(client, round_, priority, officer):
    member = subgroup_member(priority)
    spec = written(priority, member)
    _login(client, member)

    response = client.post(reverse("specification_ask_sponsor", args=[round_.pk, priority.pk]))

    assert response.status_code == 404
    assert current_signoffs(spec) == {}


def test_a_returned_specification_shows_the_reason_until_it_is_resubmitted(client, round_, priority, officer):
    member = subgroup_member(priority)
    spec = written(priority, member)
    services.submit_specification(spec, by=member)
    services.return_to_draft(spec, by=officer, reason="Name the indicators the activity will move.")
    url = reverse("specification_detail", args=[round_.pk, priority.pk])
    _login(client, member)

    returned = client.get(url).content.decode()
    client.post(reverse("specification_submit", args=[round_.pk, priority.pk]))
    resubmitted = client.get(url).content.decode()

    assert "Returned to the sub-group" in returned
    assert "Name the indicators the activity will move." in returned
    assert str(officer) in returned
    assert "Name the indicators the activity will move." not in resubmitted


def test_the_approve_page_shows_who_is_still_to_confirm(client, round_, submitted, officer):
    person_with_role(round_, Role.OFFICER)
    _login(client, officer)

    page = client.get(reverse("specification_approve", args=[round_.pk, submitted.priority_id])).content.decode()

    assert "Helen Carr (Coventry City Council) was asked on" in page
    assert "has not answered yet" in page


def test_the_audit_trail_reads_who_confirmed(client, round_, submitted, finance, officer):
    signoff_services.confirm_signoff(current_signoffs(submitted)[SignoffRole.FINANCE], by=finance)
    _login(client, officer)

    page = client.get(reverse("round_audit", args=[round_.pk])).content.decode()

    assert "Mark Patel (Coventry City Council) confirmed the sponsor&#x27;s commitment for “Worklessness”" in page
    assert "specification.signoff" not in page


@pytest.mark.parametrize("answer", [{"confirm": "1"}, {"reason": "The budget is not agreed."}])
def test_an_answer_given_cannot_be_given_again_and_the_page_says_so(client, submitted, finance, answer):
    url = _signoff_url(submitted, SignoffRole.FINANCE)
    signoff_services.confirm_signoff(current_signoffs(submitted)[SignoffRole.FINANCE], by=finance)
    answered = current_signoffs(submitted)[SignoffRole.FINANCE]
    entries = AuditEntry.objects.count()
    _login(client, finance)

    page = client.get(url).content.decode()
    response = client.post(url, answer)

    assert "Confirm the commitment" not in page and 'name="reason"' not in page
    assert (response.status_code, response.url) == (302, url)
    assert "This has already been answered (confirmed)." in client.get(url).content.decode()
    signoff = current_signoffs(submitted)[SignoffRole.FINANCE]
    assert (signoff.state, signoff.answered_at, signoff.reason) == (
        SignoffState.CONFIRMED,
        answered.answered_at,
        answered.reason,
    )
    assert AuditEntry.objects.count() == entries
