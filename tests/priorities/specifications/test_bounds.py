"""Numbers typed into a specification and a round: bounded, with a message, never a 500."""

import pytest
from django.urls import reverse

from priorities.specifications.models import Specification
from tests.factories.commissioning import PASSWORD
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import subgroup_member
from tests.priorities.specifications.test_views import _form_data

pytestmark = pytest.mark.django_db

HUGE = str(2**31)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minimum_partners", HUGE, "Enter a number of partners no more than 50."),
        ("minimum_partners", "0", "A partnership has at least 1 organisation, the lead."),
        ("steering_group_places", HUGE, "Enter a number of places no more than 50."),
        ("steering_group_places", "-1", "The number of places cannot be negative."),
        ("allocation_year_1", "9" * 30, "Enter a smaller amount."),
    ],
)
def test_specification_numbers_out_of_bounds_get_a_message(client, round_, field, value, message):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    assert client.login(email=member.email, password=PASSWORD)

    response = client.post(
        reverse("specification_edit", args=[round_.pk, priority.pk]),
        _form_data(priority, **{field: value}, milestones="Kept text"),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Kept text" in content
    assert not Specification.objects.filter(priority=priority).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number_of_years", HUGE, "A round lasts at most 10 years."),
        ("annual_budget", "9" * 30, "Enter a smaller amount."),
    ],
)
def test_round_numbers_out_of_bounds_get_a_message(client, round_, officer, field, value, message):
    client.force_login(officer)
    data = {
        "name": "Kept name",
        "place": "Coventry",
        "annual_budget": "5,000,000",
        "number_of_years": "3",
        "start_date": round_.start_date.isoformat(),
        field: value,
    }

    response = client.post(reverse("round_edit", args=[round_.pk]), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    round_.refresh_from_db()
    assert round_.name != "Kept name"


@pytest.mark.parametrize("pk", [str(2**31), str(2**63), "9" * 40])
def test_an_id_past_the_columns_range_is_404(client, round_, officer, pk):
    client.force_login(officer)

    for url in (f"/rounds/{pk}/", f"/rounds/{round_.pk}/priorities/{pk}/specification/", f"/rounds/{pk}/call/"):
        assert client.get(url).status_code == 404, url
