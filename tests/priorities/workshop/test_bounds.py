"""Numbers and codes typed at a workshop: each has bounds, and anything outside them gets a message, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from priorities.workshop import services
from priorities.workshop.enums import VotingMethod
from priorities.workshop.models import MAX_PAPER_COUNT, PaperCount, Workshop
from priorities.workshop.services import IssueCounts
from tests.priorities.workshop.helpers import seat, wall, workshop_with_issues
from tests.priorities.workshop.test_room import _form

pytestmark = pytest.mark.django_db

HUGE = str(2**31)


def _url(name, workshop):
    return reverse(name, args=[workshop.round_id, workshop.pk])


@pytest.mark.parametrize("value", [HUGE, str(2**63), str(MAX_PAPER_COUNT + 1)])
@pytest.mark.parametrize("field", ["total", "voluntary"])
def test_a_paper_count_over_the_bound_gets_a_message(client, round_, officer, value, field):
    workshop = workshop_with_issues(round_, voting_method=VotingMethod.PAPER)
    first = wall(workshop)[0]
    client.force_login(officer)

    response = client.post(_url("workshop_paper", workshop), {f"{field}_{first.pk}": value})

    assert response.status_code == 200
    content = response.content.decode()
    assert f"A count can be at most {MAX_PAPER_COUNT:,}" in content or f"at most {MAX_PAPER_COUNT}" in content
    assert f'value="{value}"' in content
    assert not PaperCount.objects.exists()


def test_the_paper_count_service_refuses_a_count_over_the_bound(round_, officer):
    workshop = workshop_with_issues(round_, voting_method=VotingMethod.PAPER)
    first = wall(workshop)[0]

    with pytest.raises(services.WorkshopError, match="at most"):
        services.record_paper_counts(workshop, {first: IssueCounts(2**31, None)}, by=officer)

    assert not PaperCount.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [("dots_per_participant", "at most 20 dots"), ("priorities_to_select", "Select at most 50 priorities")],
)
def test_workshop_settings_over_their_bounds_get_a_message(client, round_, officer, field, message):
    workshop = workshop_with_issues(round_, issues=3)
    client.force_login(officer)

    response = client.post(reverse("workshop_create", args=[round_.pk]), _form(wall(workshop), **{field: HUGE}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Workshop.objects.count() == 1


@pytest.mark.parametrize("code", ["\x00", "ABC\x00DEFG", "ABCDEFG0", "A" * 20, "'; DROP TABLE--"])
def test_a_join_code_that_cannot_be_one_is_refused_without_a_lookup(client, round_, code):
    workshop = workshop_with_issues(round_)
    seat(workshop)

    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("workshop_join"), {"code": code})
        page = client.get(reverse("workshop_join"), {"code": code})

    assert response.status_code == 200 and page.status_code == 200
    assert not any("participant" in query["sql"] for query in captured.captured_queries)
    assert "workshop code" in response.content.decode()


@pytest.mark.parametrize(("day", "message"), [("9999-11-23", "on or before"), ("1900-11-23", "on or after")])
def test_an_implausible_workshop_date_gets_a_message(client, round_, officer, day, message):
    workshop = workshop_with_issues(round_, issues=3)
    client.force_login(officer)

    response = client.post(reverse("workshop_create", args=[round_.pk]), _form(wall(workshop), date=day))

    assert response.status_code == 200
    assert f"Enter a date {message}" in response.content.decode()
    assert Workshop.objects.count() == 1
