import functools
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.common.csv_import.engine import CsvImport


def _jsonable(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj, fields):
    """The named fields of ``obj`` as JSON-ready values, for an audit entry's before/after."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


_AUDIT_FIELDS = [
    "round",
    "actor",
    "action",
    "summary",
    "content_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "created_at",
]


def audit_columns(action, *, actor_id, round_id=None, obj=None, before=None, after=None, summary=""):
    """An audit entry's column values by attribute name (``round_id``, ``actor_id``, ...), ready for
    ``audit_insert``: a write that runs on every vote builds no model instance for it."""
    return {
        "round_id": round_id,
        "actor_id": actor_id,
        "action": action,
        "summary": str(summary)[:500],
        "content_type_id": ContentType.objects.get_for_model(obj).pk if obj is not None else None,
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": str(obj)[:300] if obj is not None else "",
        "before": _jsonable(before),
        "after": _jsonable(after),
        "created_at": timezone.now(),
    }


def audit_insert(columns, *, source=None, expressions=None):
    """The SQL and parameters of one INSERT that writes an entry's ``columns`` (``audit_columns``),
    returning its id and object id.

    With ``source`` (a FROM clause), each field named in ``expressions`` takes that SQL expression
    over it instead of the entry's own value: a statement that writes an object and its entry at
    once uses it for what only the database knows yet, such as the object's id.
    """
    sql, fields = _audit_statement(source, tuple(sorted((expressions or {}).items())))
    return sql, [field.get_db_prep_save(columns[field.attname], connection) for field in fields]


@functools.cache
def _audit_statement(source, expressions):
    """The INSERT's text and the fields that take parameters; the same for every entry alike."""
    quote = connection.ops.quote_name
    expressions = dict(expressions)
    fields = [AuditEntry._meta.get_field(name) for name in _AUDIT_FIELDS]
    values = [expressions.get(field.name, "%s") for field in fields]
    table = quote(AuditEntry._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    if source:
        sql = f"INSERT INTO {table} ({columns}) SELECT {', '.join(values)} FROM {source}"  # noqa: S608 - model names
    else:
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(values)})"  # noqa: S608 - names from the model
    return f"{sql} RETURNING id, {quote('object_id')}", [field for field in fields if field.name not in expressions]


def audit(action, *, by, round_=None, obj=None, before=None, after=None, summary=""):
    """Record who did what, when, in one INSERT. Call inside the service's transaction; returns the entry."""
    columns = audit_columns(
        action,
        actor_id=by.pk if getattr(by, "is_authenticated", False) else None,
        round_id=round_.pk if round_ is not None else None,
        obj=obj,
        before=before,
        after=after,
        summary=summary,
    )
    sql, params = audit_insert(columns)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk = cursor.fetchone()[0]
    entry = AuditEntry(pk=pk, **columns)
    entry._state.adding = False
    return entry


class AuditedCsvImport(CsvImport):
    """A CSV import whose run writes one audit entry (``audit_action``) summarising it."""

    audit_action = ""

    def record(self, *, summary, after):
        return audit(self.audit_action, by=self.by, round_=self.round, summary=summary, after=after)
