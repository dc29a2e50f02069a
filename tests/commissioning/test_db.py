"""Statements that run on every vote are prepared once per connection on PostgreSQL."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from commissioning.db import prepared_cursor
from priorities.services import workshop as services
from tests.commissioning.test_settings import run_manage
from tests.priorities.workshop_helpers import seat, wall, workshop_with_issues

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")


def _prepared():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name LIKE '_pg3_%%'")
        return [row[0] for row in cursor.fetchall()]


@on_postgresql
@pytest.mark.django_db
def test_placing_dots_prepares_the_ballot_read_and_the_write_once(round_):
    workshop = workshop_with_issues(round_, issues=3)
    participant = seat(workshop)
    first, second = wall(workshop)[:2]

    services.place_dot(participant, first.pk)
    after_one = _prepared()
    services.place_dot(participant, second.pk)

    assert any('FROM "priorities_participant"' in statement for statement in after_one)
    assert any(statement.startswith("WITH new_dot AS (INSERT") for statement in after_one)
    assert _prepared() == after_one


@on_postgresql
@pytest.mark.django_db
def test_a_prepared_cursor_is_a_django_cursor_logged_and_with_django_errors():
    with CaptureQueriesContext(connection) as queries, prepared_cursor() as cursor:
        cursor.execute("SELECT %s::int + 1 AS answer", [41])
        assert cursor.fetchone() == (42,)

    assert queries.captured_queries[0]["sql"] == "SELECT $1::int + 1 AS answer"
    assert "SELECT $1::int + 1 AS answer" in _prepared()
    with pytest.raises(IntegrityError), transaction.atomic(), prepared_cursor() as cursor:
        cursor.execute("INSERT INTO django_content_type (app_label, model) VALUES (%s, %s)", [None, "x"])


@on_postgresql
@pytest.mark.django_db
def test_with_prepared_statements_off_statements_are_not_prepared(monkeypatch):
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepare_threshold", None)

    with prepared_cursor() as cursor:
        cursor.execute("SELECT %s::int * 2 AS twice", [21])
        assert cursor.fetchone() == (42,)

    assert not any("twice" in statement for statement in _prepared())


@pytest.mark.django_db
def test_on_any_database_a_prepared_cursor_runs_statements():
    with prepared_cursor() as cursor:
        cursor.execute("SELECT 6 * %s", [7])
        assert cursor.fetchone()[0] == 42


@pytest.mark.parametrize(("setting", "threshold"), [("", "5"), ("off", "None")])
def test_prepared_statements_can_be_turned_off_for_a_connection_pooler(setting, threshold):
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'].get('prepare_threshold'))"
    environment = {"DATABASE_URL": "postgres://user@db.example:5432/commissioning"}
    if setting:
        environment["DATABASE_PREPARED_STATEMENTS"] = setting

    result = run_manage("shell", "--no-imports", "-c", show, **environment)

    assert result.stdout.split()[-1:] == [threshold], result.stderr
