"""Organisations: sector, type and registration numbers checked and normalised, kept through the pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import OrganisationType, Sector
from commissioning.organisations.forms import OrganisationForm
from commissioning.organisations.models import Organisation
from commissioning.organisations.validators import (
    validate_charity_number,
    validate_company_number,
    validate_scottish_charity_number,
)
from tests.factories.commissioning import OrganisationFactory

BASE = {"name": "Foleshill Community Trust", "sector": Sector.VOLUNTARY, "organisation_type": OrganisationType.CHARITY}


def form_with(**identifiers):
    return OrganisationForm(data={**BASE, **identifiers})


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("charity_number", "1098765", "1098765"),
        ("charity_number", "209 131", "209131"),
        ("charity_number", " 1 098 765 ", "1098765"),
        ("company_number", "01234567", "01234567"),
        ("company_number", "00012345", "00012345"),
        ("company_number", "sc123456", "SC123456"),
        ("company_number", "SC 123 456", "SC123456"),
        ("company_number", "ni 012345", "NI012345"),
        ("company_number", "oc301234", "OC301234"),
        ("scottish_charity_number", "SC012345", "SC012345"),
        ("scottish_charity_number", "sc 012345", "SC012345"),
    ],
)
@pytest.mark.django_db
def test_organisation_identifier_good_values_are_normalised(field, typed, stored):
    form = form_with(**{field: typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data[field] == stored


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("charity_number", "12345", "Enter a Charity Commission number of 6 or 7 digits"),
        ("charity_number", "12345678", "Enter a Charity Commission number of 6 or 7 digits"),
        ("charity_number", "12345a", "Enter a Charity Commission number of 6 or 7 digits"),
        ("charity_number", "SC012345", "Enter a Charity Commission number of 6 or 7 digits"),
        ("company_number", "1234567", "Enter a Companies House number of 8 characters"),
        ("company_number", "123456789", "Enter a Companies House number of 8 characters"),
        ("company_number", "XX123456", "Enter a Companies House number of 8 characters"),
        ("company_number", "SC12345", "Enter a Companies House number of 8 characters"),
        ("scottish_charity_number", "012345", "Enter a Scottish charity number: SC followed by 6 digits"),
        ("scottish_charity_number", "SC12345", "Enter a Scottish charity number: SC followed by 6 digits"),
        ("scottish_charity_number", "NI012345", "Enter a Scottish charity number: SC followed by 6 digits"),
    ],
)
@pytest.mark.django_db
def test_organisation_identifier_bad_values_are_refused_with_one_message(field, typed, message):
    form = form_with(**{field: typed})

    assert not form.is_valid()
    assert len(form.errors[field]) == 1
    assert form.errors[field][0].startswith(message)


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_charity_number, "12345"),
        (validate_company_number, "1234567"),
        (validate_scottish_charity_number, "SC1234567"),
    ],
)
def test_identifier_validators_refuse_wrong_lengths(validator, value):
    with pytest.raises(ValidationError):
        validator(value)


@pytest.mark.django_db
def test_organisation_identifiers_are_optional():
    form = form_with()

    assert form.is_valid(), form.errors
    assert form.cleaned_data["charity_number"] == ""


@pytest.mark.django_db
def test_organisation_created_through_page_with_audit_entry(client, round_, officer):
    client.force_login(officer)

    response = client.post(
        reverse("organisation_create"),
        {**BASE, "charity_number": "209 131", "company_number": "sc 012345", "website": "https://example.org"},
        follow=True,
    )

    organisation = Organisation.objects.get(name="Foleshill Community Trust")
    assert organisation.charity_number == "209131"
    assert organisation.company_number == "SC012345"
    assert response.redirect_chain[-1][0] == reverse("organisation_list")
    content = response.content.decode()
    assert "Organisation saved." in content
    assert "Charity 209131" in content
    assert "Company SC012345" in content
    entry = AuditEntry.objects.get(action="organisation.created")
    assert entry.actor == officer
    assert entry.before is None
    assert entry.after["company_number"] == "SC012345"
    assert entry.object_id == str(organisation.pk)


@pytest.mark.django_db
def test_organisation_edited_through_page_keeps_leading_zeros_and_audits_change(client, round_, officer):
    client.force_login(officer)
    organisation = OrganisationFactory(name="Old name", company_number="01234567")

    page = client.get(reverse("organisation_edit", args=[organisation.pk])).content.decode()
    client.post(
        reverse("organisation_edit", args=[organisation.pk]),
        {**BASE, "name": "New name", "company_number": "00012345"},
    )

    assert 'value="01234567"' in page
    organisation.refresh_from_db()
    assert (organisation.name, organisation.company_number) == ("New name", "00012345")
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.before["name"] == "Old name"
    assert entry.before["company_number"] == "01234567"
    assert entry.after["name"] == "New name"
    assert entry.after["company_number"] == "00012345"


@pytest.mark.django_db
def test_organisation_with_bad_input_shows_messages_and_keeps_what_was_typed(client, round_, officer):
    client.force_login(officer)

    response = client.post(
        reverse("organisation_create"),
        {
            "name": "Foleshill Trust",
            "sector": "",
            "organisation_type": OrganisationType.CHARITY,
            "charity_number": "12345",
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "Enter a Charity Commission number of 6 or 7 digits, like 1098765." in content
    assert 'value="Foleshill Trust"' in content
    assert 'value="12345"' in content
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="organisation").exists()


@pytest.mark.django_db
def test_organisation_edit_refused_keeps_saved_name_as_heading(client, round_, officer):
    client.force_login(officer)
    organisation = OrganisationFactory(name="Old name")

    response = client.post(
        reverse("organisation_edit", args=[organisation.pk]), {**BASE, "name": "New name", "charity_number": "1"}
    )

    content = response.content.decode()
    assert '<h1 class="govuk-heading-l">Old name</h1>' in content
    assert 'value="New name"' in content
    organisation.refresh_from_db()
    assert organisation.name == "Old name"


@pytest.mark.django_db
def test_organisation_name_must_be_unique(client, round_, officer):
    client.force_login(officer)
    OrganisationFactory(name="Foleshill Community Trust")

    response = client.post(reverse("organisation_create"), BASE)

    assert "Organisation with this Name already exists." in response.content.decode()
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_organisation_person_belongs_to_several(round_, officer):
    first, second = OrganisationFactory(), OrganisationFactory()

    officer.organisations.add(first, second)

    assert set(officer.organisations.all()) == {first, second}
    assert list(first.people.all()) == [officer]
