"""The audit trail page: sentences in words, a number of queries that does not grow with the entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.services import audit
from commissioning.enums import Role
from commissioning.rounds import services
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role

pytestmark = pytest.mark.django_db


def _mixed_entries(round_, officer, n, *, start=0):
    """``n`` of each kind of entry whose sentence names a person, an organisation or an amount."""
    for i in range(start, start + n):
        person = UserFactory(full_name=f"Person {i}")
        organisation = OrganisationFactory(name=f"Organisation {i}")
        audit(
            "role.assigned",
            by=officer,
            round_=round_,
            after={"user": person.email, "role": Role.BOARD, "organisation": organisation.pk},
        )
        audit(
            "round.updated",
            by=person,
            round_=round_,
            before={"annual_budget_pence": 1_000_000_00 + i},
            after={"annual_budget_pence": 900_000_00},
        )
        audit("workshop.dot_placed", by=person, round_=round_, after={"issue": 1}, summary="Worklessness")
        audit("mystery.unknown_thing", by=person, round_=round_, after={"partner_pence": 100 * i})


def test_audit_trail_reads_as_sentences_with_money_in_pounds(client, round_, officer):
    round_.annual_budget_pence = 1_200_000_00
    round_.save()
    services.update_round(round_, by=officer, annual_budget_pence=500_000_00)
    board = person_with_role(round_, Role.BOARD, full_name="Bob Board")
    audit("workshop.dot_placed", by=board, round_=round_, after={"participant": 1, "issue": 3}, summary="Worklessness")
    client.force_login(officer)

    page = client.get(reverse("round_audit", args=[round_.pk])).content.decode()

    assert "Olive Officer changed the annual budget from £1,200,000 to £500,000." in page
    assert "Bob Board placed a dot on “Worklessness”." in page
    assert "_pence" not in page
    assert "120000000" not in page
    assert "round.updated" not in page and "workshop.dot_placed" not in page
    assert "{&#x27;" not in page and "{'" not in page


def test_audit_trail_queries_do_not_grow_with_its_entries(client, round_, officer, django_assert_num_queries):
    client.force_login(officer)
    _mixed_entries(round_, officer, 1)
    url = reverse("round_audit", args=[round_.pk])
    client.get(url)  # warm the content types' cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    _mixed_entries(round_, officer, 10, start=1)

    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Person 10 changed the annual budget from £1,000,000.10 to £900,000." in page
    assert "Olive Officer gave Person 10 the role of board member for Organisation 10." in page


def test_audit_trail_is_not_found_for_a_board_member(client, round_, officer, board_member):
    services.update_round(round_, by=officer, annual_budget_pence=500_000_00)
    client.force_login(board_member)

    response = client.get(reverse("round_audit", args=[round_.pk]))

    assert response.status_code == 404
