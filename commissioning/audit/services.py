from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

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


def audit(action, *, by, round_=None, obj=None, before=None, after=None, summary=""):
    """Record who did what, when. Call inside the service's transaction; returns the entry."""
    return AuditEntry.objects.create(
        round=round_,
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        summary=str(summary)[:500],
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
    )


class AuditedCsvImport(CsvImport):
    """A CSV import whose run writes one audit entry (``audit_action``) summarising it."""

    audit_action = ""

    def record(self, *, summary, after):
        return audit(self.audit_action, by=self.by, round_=self.round, summary=summary, after=after)
