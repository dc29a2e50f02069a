"""Registering an organisation to bid: a new one or one the person acts for, once per round, by people
with a confirmed address while the call is open; from the public page of the call."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role, Stage
from commissioning.organisations.models import Organisation
from commissioning.rounds.models import RoundRole
from proposals.bidders.models import Bidder
from proposals.bidders.services import AlreadyRegistered, register_bidder
from tests.factories.commissioning import OrganisationFactory, RoundFactory, UserFactory
from tests.factories.proposals import published_specification

pytestmark = pytest.mark.django_db

DETAILS = {
    "address": "12 Priory Street\nCoventry",
    "postcode": "cv1 5fb",
    "contact_name": "Amira Khan",
    "contact_email": "Amira@Example.org",
    "contact_phone": "024 7600 0000",
}
NEW = {
    "name": "Hillfields Youth Trust",
    "sector": "voluntary",
    "organisation_type": "charity",
    "charity_number": "1098765",
    "company_number": "",
    "scottish_charity_number": "",
    "website": "",
}


@pytest.fixture
def call_round():
    return published_specification().round


def test_registering_a_new_organisation_makes_it_a_bidder_with_the_person_acting_for_it(call_round):
    person = UserFactory()

    bidder = register_bidder(call_round, by=person, organisation_fields=NEW, details=DETAILS)

    organisation = Organisation.objects.get(name="Hillfields Youth Trust")
    assert bidder.organisation == organisation
    assert (bidder.postcode, bidder.contact_email, bidder.registered_by) == ("CV1 5FB", "amira@example.org", person)
    assert list(organisation.people.all()) == [person]
    role = RoundRole.objects.get(round=call_round, user=person)
    assert (role.role, role.organisation) == (Role.BIDDER, organisation)
    entry = AuditEntry.objects.get(action="bidder.registered")
    assert (entry.actor, entry.round, entry.after["organisation"]) == (person, call_round, "Hillfields Youth Trust")
    assert AuditEntry.objects.filter(action="organisation.created").count() == 1


def test_a_person_registers_a_second_organisation_and_keeps_the_first_on_their_role(call_round):
    person = UserFactory()
    first, second = OrganisationFactory(name="First"), OrganisationFactory(name="Second")
    person.organisations.add(first, second)

    register_bidder(call_round, by=person, organisation=first, details=DETAILS)
    register_bidder(call_round, by=person, organisation=second, details=DETAILS)

    assert set(Bidder.objects.filter(round=call_round).values_list("organisation__name", flat=True)) == {
        "First",
        "Second",
    }
    assert list(
        RoundRole.objects.filter(round=call_round, user=person).values_list("organisation__name", flat=True)
    ) == ["First"]


def test_an_organisation_registers_once_per_round_with_a_clear_message(call_round):
    organisation = OrganisationFactory(name="Foleshill Women's Centre")
    first, colleague = UserFactory(), UserFactory()
    first.organisations.add(organisation)
    colleague.organisations.add(organisation)
    register_bidder(call_round, by=first, organisation=organisation, details=DETAILS)

    with pytest.raises(AlreadyRegistered, match="Foleshill Women's Centre is already registered to bid"):
        register_bidder(call_round, by=colleague, organisation=organisation, details=DETAILS)

    assert Bidder.objects.filter(round=call_round).count() == 1
    assert not RoundRole.objects.filter(user=colleague).exists()


@pytest.mark.parametrize(
    "why", ["not acting for it", "email not confirmed", "round not at the call", "nothing published"]
)
def test_registration_is_refused_and_nothing_is_saved(why):
    round_ = RoundFactory(stage=Stage.CALL) if why == "nothing published" else published_specification().round
    person = UserFactory()
    organisation = OrganisationFactory()
    if why != "not acting for it":
        person.organisations.add(organisation)
    if why == "email not confirmed":
        EmailAddress.objects.filter(user=person).update(verified=False)
    if why == "round not at the call":
        round_.stage = Stage.PANELS
        round_.save(update_fields=["stage"])

    with pytest.raises(ApplicationError):
        register_bidder(round_, by=person, organisation=organisation, details=DETAILS)

    assert not Bidder.objects.exists()
    assert not RoundRole.objects.filter(user=person).exists()


def test_the_public_call_offers_registration_and_the_page_registers_a_new_organisation(client, call_round):
    person = UserFactory()
    call = client.get(reverse("call_public", args=[call_round.public_key]))
    register_url = reverse("bidder_register", args=[call_round.pk])
    assert f'href="{register_url}"' in call.content.decode()
    assert "Register to bid" in call.content.decode()
    client.force_login(person)

    response = client.post(
        register_url,
        {
            "choose-organisation": "new",
            "organisation-name": "Wood End Hub",
            "organisation-sector": "community",
            "organisation-organisation_type": "community_group",
            "organisation-charity_number": " 109 8765 ",
            "bidder-address": "3 Wood End Road",
            "bidder-postcode": "cv2 1aa",
            "bidder-contact_name": "Sam Lee",
            "bidder-contact_email": "sam@woodend.example.org",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("bidder_dashboard", args=[call_round.pk])
    bidder = Bidder.objects.get(round=call_round)
    assert (bidder.organisation.name, bidder.organisation.charity_number, bidder.postcode) == (
        "Wood End Hub",
        "1098765",
        "CV2 1AA",
    )


def test_a_bad_postcode_and_charity_number_are_named_and_what_was_typed_is_kept(client, call_round):
    client.force_login(UserFactory())

    response = client.post(
        reverse("bidder_register", args=[call_round.pk]),
        {
            "choose-organisation": "new",
            "organisation-name": "Wood End Hub",
            "organisation-sector": "community",
            "organisation-organisation_type": "community_group",
            "organisation-charity_number": "12",
            "bidder-address": "3 Wood End Road",
            "bidder-postcode": "not a postcode",
            "bidder-contact_name": "Sam Lee",
            "bidder-contact_email": "sam@woodend.example.org",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a real postcode, like CV1 5RR." in page
    assert "Enter a Charity Commission number of 6 or 7 digits" in page
    assert 'value="Wood End Hub"' in page
    assert 'value="3 Wood End Road"' not in page  # a textarea keeps it as its content
    assert "3 Wood End Road</textarea>" in page
    assert not Bidder.objects.exists()
    assert not Organisation.objects.filter(name="Wood End Hub").exists()


def test_choosing_an_organisation_already_registered_says_so_on_the_page(client, call_round):
    organisation = OrganisationFactory(name="Foleshill Women's Centre")
    first, colleague = UserFactory(), UserFactory()
    first.organisations.add(organisation)
    colleague.organisations.add(organisation)
    register_bidder(call_round, by=first, organisation=organisation, details=DETAILS)
    client.force_login(colleague)

    response = client.post(
        reverse("bidder_register", args=[call_round.pk]),
        {
            "choose-organisation": str(organisation.pk),
            "bidder-address": "1 Road",
            "bidder-postcode": "CV1 5RR",
            "bidder-contact_name": "Jo",
            "bidder-contact_email": "jo@example.org",
        },
    )

    assert response.status_code == 200
    assert "is already registered to bid in" in response.content.decode()
    assert Bidder.objects.count() == 1


def test_a_person_whose_address_is_not_confirmed_is_told_to_confirm_it(client, call_round):
    person = UserFactory()
    EmailAddress.objects.filter(user=person).update(verified=False)
    client.force_login(person)
    url = reverse("bidder_register", args=[call_round.pk])

    page = client.get(url).content.decode()
    refused = client.post(url, {"choose-organisation": "new", "organisation-name": "X"})

    assert "Confirm your email address before you register an organisation" in page
    assert refused.status_code == 403
    assert not Organisation.objects.filter(name="X").exists()
