"""The organisation list makes the same number of queries for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.commissioning import OrganisationFactory

MANY = 30


def add_organisations(round_, officer, n):
    for _ in range(n):
        OrganisationFactory(charity_number="1098765", company_number="01234567")


@pytest.mark.django_db
def test_organisation_list_queries_do_not_grow_with_rows(client, round_, officer, django_assert_num_queries):
    url = reverse("organisation_list")
    client.force_login(officer)
    add_organisations(round_, officer, 1)
    client.get(url)  # warm caches that are not per request (content types, sessions)
    with CaptureQueriesContext(connection) as one_row:
        first = client.get(url)
    assert first.status_code == 200

    add_organisations(round_, officer, MANY)
    with django_assert_num_queries(len(one_row.captured_queries)):
        many = client.get(url)

    assert many.status_code == 200
    rows_before = first.content.decode().count('<tr class="govuk-table__row">')
    rows_after = many.content.decode().count('<tr class="govuk-table__row">')
    assert rows_after >= rows_before + MANY
