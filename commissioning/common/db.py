"""Running the few statements that every vote in a busy room runs, as cheaply as PostgreSQL allows.

On PostgreSQL each statement is prepared once per connection (planning can cost more than running
it) and run on one cursor kept with the connection, so that a vote spends its time in the database
rather than in the layers around it. Errors are Django's as usual. While queries are logged (DEBUG,
tests) or something wraps query execution (``connection.execute_wrapper``), statements go through
Django's own cursor wrapper so that they are logged and wrapped like any other. Elsewhere (SQLite),
or with prepared statements turned off (``DATABASE_PREPARED_STATEMENTS=off``, for a connection
pooler that cannot keep them), an ordinary cursor runs them.

Why not Django's ``server_side_binding`` option: it applies to the whole site. Django's psycopg
backend binds parameters on the client (its cursor is a ``psycopg.ClientCursor``, which never
prepares) unless ``OPTIONS["server_side_binding"]`` is true; then every query of every page is
bound on the server, with the ORM's known differences there (Django tickets #20516 and #34255).
Even then Django prepares nothing by itself: it passes ``prepare_threshold=None`` to psycopg
unless ``OPTIONS`` gives one, and a threshold prepares whatever statements of the site happen to
run that often on a connection. The voting path wants exactly its two statements (the ballot read
and the dot with its audit entry) prepared the first time, once per connection, while every other
query keeps client-side binding. So the settings give a ``prepare_threshold`` (without it psycopg
prepares nothing, even when asked) and this module runs its statements on its own server-binding
cursor that asks for ``prepare=True``.

That needs APIs that neither Django nor psycopg documents as public; tests/commissioning/test_db.py
fails when one of them changes:

- psycopg: subclassing ``psycopg.Cursor`` and overriding ``execute(query, params, *, prepare,
  binary)``; the cursor's private ``_convert_query(query, params)`` and ``_query``, which Django's
  PostgreSQL ``DatabaseOperations.last_executed_query`` reads (``cursor._query.query``) to log a
  query; ``cursor.closed`` and ``cursor.connection``.
- Django's connection wrapper (``BaseDatabaseWrapper``): ``connection`` (the psycopg connection
  itself), ``settings_dict["OPTIONS"]``, ``close_if_health_check_failed()``,
  ``ensure_connection()``, ``validate_thread_sharing()``, ``validate_no_broken_transaction()``,
  ``wrap_database_errors``, ``queries_logged``, ``execute_wrappers`` (the list behind
  ``execute_wrapper()``), ``make_debug_cursor()`` (the PostgreSQL ``CursorDebugWrapper``, a
  ``django.db.backends.utils.CursorDebugWrapper``) and ``make_cursor()`` (``CursorWrapper``,
  whose ``execute`` runs the execute wrappers). The kept cursor is stored on the wrapper as
  ``_prepared_statement_cursor``, a name of this module's own.
"""

import weakref

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections


class _PreparingCursor(psycopg.Cursor):
    """Binds parameters on the server and asks for each statement to be prepared."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)


class _LoggedPreparingCursor(_PreparingCursor):
    """While queries are logged, keeps each statement where Django's query log reads it."""

    def execute(self, query, params=None, **options):
        super().execute(query, params, **options)
        self._query = self._convert_query(query, params)
        return self


def fetch_all(sql, params):
    """The rows of one statement, prepared on PostgreSQL."""
    return _run(sql, params, all_rows=True)


def fetch_one(sql, params):
    """The first row of one statement (or None), prepared on PostgreSQL."""
    return _run(sql, params, all_rows=False)


def _run(sql, params, *, all_rows):
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql" or db.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if all_rows else cursor.fetchone()
    db.close_if_health_check_failed()
    db.ensure_connection()
    if db.queries_logged or db.execute_wrappers:
        cursor = _LoggedPreparingCursor(db.connection)
        wrapped = db.make_debug_cursor(cursor) if db.queries_logged else db.make_cursor(cursor)
        with wrapped:
            wrapped.execute(sql, params)
            return wrapped.fetchall() if all_rows else wrapped.fetchone()
    db.validate_thread_sharing()
    db.validate_no_broken_transaction()
    cursor = _kept_cursor(db)
    with db.wrap_database_errors:
        cursor.execute(sql, params)
        return cursor.fetchall() if all_rows else cursor.fetchone()


# The cursor kept for each Django connection; an entry goes when its connection object goes.
_kept_cursors = weakref.WeakKeyDictionary()


def _kept_cursor(db):
    """One cursor per open connection: a new connection (after a reconnect) gets a new one."""
    cursor = _kept_cursors.get(db)
    if cursor is None or cursor.closed or cursor.connection is not db.connection:
        cursor = _PreparingCursor(db.connection)
        _kept_cursors[db] = cursor
    return cursor
