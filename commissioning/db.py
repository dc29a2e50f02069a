"""Database helpers for the few statements that run on every vote in a busy room."""

import psycopg
from django.db import connection


class _PreparingCursor(psycopg.Cursor):
    """Binds parameters on the server and asks for each statement to be prepared."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)


class _LoggedPreparingCursor(_PreparingCursor):
    """While queries are logged (DEBUG, tests), keeps the statement where Django's log reads it."""

    def execute(self, query, params=None, **options):
        super().execute(query, params, **options)
        self._query = self._convert_query(query, params)
        return self


def prepared_cursor():
    """A cursor whose statements PostgreSQL plans once per connection and then reuses.

    Planning a statement can cost more than running it; a statement that runs hundreds of times a
    second is better planned once. The cursor is wrapped as any Django cursor is, so errors,
    query logging and execute wrappers behave the same. Elsewhere (SQLite), or with prepared
    statements turned off (``DATABASE_PREPARED_STATEMENTS=off``, for a connection pooler that
    cannot keep them), it is an ordinary cursor.
    """
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.queries_logged:
        return connection.make_debug_cursor(_LoggedPreparingCursor(connection.connection))
    return connection.make_cursor(_PreparingCursor(connection.connection))
