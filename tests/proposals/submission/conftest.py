import pytest

from commissioning.enums import Role
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.proposals import bidder_person, published_specification
from tests.proposals.helpers import complete_proposal


@pytest.fixture
def specification(db):
    return published_specification()


@pytest.fixture
def lead_organisation(db):
    return OrganisationFactory(name="Hillfields Youth Trust")


@pytest.fixture
def lead(specification, lead_organisation):
    return bidder_person(specification.round, lead_organisation, full_name="Amira Khan", email="amira@hyt.example.org")


@pytest.fixture
def proposal(specification, lead, lead_organisation):
    return complete_proposal(specification, lead_person=lead, lead_organisation=lead_organisation)


@pytest.fixture
def officer(specification):
    return person_with_role(specification.round, Role.OFFICER, full_name="Olive Officer")
