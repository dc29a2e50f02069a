"""Statements that run on every vote are prepared once per connection on PostgreSQL."""

import inspect

import psycopg
import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.db.backends import utils as backend_utils
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql import base as postgresql
from django.db.backends.postgresql.operations import DatabaseOperations
from django.test.utils import CaptureQueriesContext
from django.utils.functional import cached_property

from commissioning.common.db import fetch_all, fetch_one
from priorities.workshop import voting
from tests.commissioning.test_settings import run_manage
from tests.priorities.workshop.helpers import seat, wall, workshop_with_issues

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

    voting.place_dot(participant, first.pk)
    after_one = _prepared()
    voting.place_dot(participant, second.pk)

    assert any('FROM "priorities_participant"' in statement for statement in after_one)
    assert any(statement.startswith("WITH new_dot AS (INSERT") for statement in after_one)
    assert _prepared() == after_one


@on_postgresql
@pytest.mark.django_db
def test_prepared_statements_are_logged_as_django_queries_while_queries_are_logged():
    with CaptureQueriesContext(connection) as queries:
        assert fetch_one("SELECT %s::int + 1 AS answer", [41]) == (42,)

    assert [query["sql"] for query in queries.captured_queries] == ["SELECT $1::int + 1 AS answer"]
    assert "SELECT $1::int + 1 AS answer" in _prepared()


@on_postgresql
@pytest.mark.django_db
def test_prepared_statements_go_through_execute_wrappers():
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        assert fetch_all("SELECT generate_series(1, %s)", [2]) == [(1,), (2,)]

    assert seen == ["SELECT generate_series(1, %s)"]


@on_postgresql
@pytest.mark.django_db
@pytest.mark.parametrize("logged", [True, False])
def test_a_failing_prepared_statement_raises_djangos_error(logged, monkeypatch):
    monkeypatch.setattr(connections["default"], "force_debug_cursor", logged)
    insert = "INSERT INTO django_content_type (app_label, model) VALUES (%s, %s)"

    with pytest.raises(IntegrityError), transaction.atomic():
        fetch_one(insert, [None, "x"])

    assert fetch_one("SELECT 1", []) == (1,)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_after_a_reconnect_prepared_statements_run_on_the_new_connection():
    assert fetch_one("SELECT %s::int", [1]) == (1,)
    connection.close()

    assert fetch_one("SELECT %s::int", [2]) == (2,)
    assert "SELECT $1::int" in _prepared()


@on_postgresql
@pytest.mark.django_db
def test_with_prepared_statements_off_statements_are_not_prepared(monkeypatch):
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepare_threshold", None)

    assert fetch_one("SELECT %s::int * 2 AS twice", [21]) == (42,)

    assert not any("twice" in statement for statement in _prepared())


@pytest.mark.django_db
def test_on_any_database_statements_run():
    assert fetch_one("SELECT 6 * %s", [7])[0] == 42
    assert [row[0] for row in fetch_all("SELECT 6 * %s UNION ALL SELECT 7", [7])] == [42, 7]


@pytest.mark.parametrize(("setting", "threshold"), [("", "5"), ("off", "None")])
def test_prepared_statements_can_be_turned_off_for_a_connection_pooler(setting, threshold):
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'].get('prepare_threshold'))"
    environment = {"DATABASE_URL": "postgres://user@db.example:5432/commissioning"}
    if setting:
        environment["DATABASE_PREPARED_STATEMENTS"] = setting

    result = run_manage("shell", "--no-imports", "-c", show, **environment)

    assert result.stdout.split()[-1:] == [threshold], result.stderr


def _parameters(function):
    return {name: parameter.kind for name, parameter in inspect.signature(function).parameters.items()}


def test_the_psycopg_apis_prepared_statements_rely_on_are_unchanged():
    keyword = inspect.Parameter.KEYWORD_ONLY
    execute = _parameters(psycopg.Cursor.execute)
    assert list(execute)[:3] == ["self", "query", "params"]
    assert (execute["prepare"], execute["binary"]) == (keyword, keyword)
    assert list(_parameters(psycopg.Cursor._convert_query)) == ["self", "query", "params"]  # noqa: SLF001 -- the private API this test guards
    assert any("_query" in getattr(klass, "__slots__", ()) for klass in psycopg.Cursor.__mro__)
    assert isinstance(psycopg.Cursor.closed, property)
    assert isinstance(psycopg.Cursor.connection, property)
    assert isinstance(psycopg.Connection.prepare_threshold, property)


def test_the_django_apis_prepared_statements_rely_on_are_unchanged():
    for name in (
        "close_if_health_check_failed",
        "ensure_connection",
        "validate_thread_sharing",
        "validate_no_broken_transaction",
        "make_debug_cursor",
        "make_cursor",
    ):
        assert callable(getattr(BaseDatabaseWrapper, name)), name
    assert list(_parameters(BaseDatabaseWrapper.make_debug_cursor)) == ["self", "cursor"]
    assert list(_parameters(BaseDatabaseWrapper.make_cursor)) == ["self", "cursor"]
    assert isinstance(BaseDatabaseWrapper.__dict__["queries_logged"], property)
    assert isinstance(BaseDatabaseWrapper.__dict__["wrap_database_errors"], cached_property)
    assert hasattr(connection, "connection")
    assert isinstance(connection.execute_wrappers, list)
    assert "OPTIONS" in connection.settings_dict
    assert issubclass(postgresql.CursorDebugWrapper, backend_utils.CursorDebugWrapper)
    assert issubclass(backend_utils.CursorDebugWrapper, backend_utils.CursorWrapper)
    assert callable(backend_utils.CursorWrapper._execute_with_wrappers)  # noqa: SLF001 -- the private API this test guards
    assert "cursor._query.query" in inspect.getsource(DatabaseOperations.last_executed_query)


def test_djangos_own_cursor_binds_on_the_client_and_prepares_nothing():
    settings = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "commissioning",
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "OPTIONS": {},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
    }
    default = postgresql.DatabaseWrapper(settings).get_connection_params()
    server_side = postgresql.DatabaseWrapper(
        {**settings, "OPTIONS": {"server_side_binding": True}}
    ).get_connection_params()

    assert issubclass(default["cursor_factory"], psycopg.ClientCursor)
    assert default["prepare_threshold"] is None
    assert not issubclass(server_side["cursor_factory"], psycopg.ClientCursor)
    assert server_side["prepare_threshold"] is None
