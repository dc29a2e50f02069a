"""The rounds' list pages (people, audit trail, send log, home) make the same number of queries for one row
as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds import services
from commissioning.rounds.models import Invitation, RoundRole
from tests.factories.commissioning import OrganisationFactory, RoundFactory, UserFactory

MANY = 30


def add_people(round_, officer, n):
    for _ in range(n):
        organisation = OrganisationFactory()
        RoundRole.objects.create(round=round_, user=UserFactory(), role=Role.BIDDER, organisation=organisation)
        Invitation.objects.create(
            round=round_, email=f"{organisation.pk}@example.org", role=Role.PANEL, organisation=organisation
        )


def add_audit_entries(round_, officer, n):
    for i in range(n):
        services.audit("note", by=UserFactory(), round_=round_, obj=round_, before={"i": i}, after={"i": i + 1})


def add_emails(round_, officer, n):
    start = OutgoingEmail.objects.count()
    for i in range(start, start + n):
        OutgoingEmail.objects.create(
            round=round_, dedup_key=f"list-{i}", to_email=f"p{i}@example.org", subject=f"Message {i}", body_text="x"
        )


def add_rounds(round_, officer, n):
    for _ in range(n):
        RoundRole.objects.create(round=RoundFactory(), user=officer, role=Role.BOARD)


LISTS = [
    ("round_people", lambda round_: reverse("round_people", args=[round_.pk]), add_people),
    ("round_audit", lambda round_: reverse("round_audit", args=[round_.pk]), add_audit_entries),
    ("round_outbox", lambda round_: reverse("round_outbox", args=[round_.pk]), add_emails),
    ("home", lambda round_: reverse("home"), add_rounds),
]


@pytest.mark.parametrize(("name", "url", "add_rows"), LISTS, ids=[item[0] for item in LISTS])
@pytest.mark.django_db
def test_list_page_queries_do_not_grow_with_rows(
    client, round_, officer, django_assert_num_queries, name, url, add_rows
):
    client.force_login(officer)
    add_rows(round_, officer, 1)
    client.get(url(round_))  # warm caches that are not per request (content types, sessions)
    with CaptureQueriesContext(connection) as one_row:
        first = client.get(url(round_))
    assert first.status_code == 200

    add_rows(round_, officer, MANY)
    with django_assert_num_queries(len(one_row.captured_queries)):
        many = client.get(url(round_))

    assert many.status_code == 200
    rows_before, rows_after = (_rows(response.content.decode()) for response in (first, many))
    assert rows_after >= rows_before + MANY


def _rows(page):
    """A list's rows, whether a table's or a summary list's (the audit trail's)."""
    return page.count('<tr class="govuk-table__row">') + page.count('<div class="govuk-summary-list__row">')
