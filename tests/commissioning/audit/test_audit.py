"""The audit trail: an entry is stored whole and read back as written."""

from decimal import Decimal

import pytest
from django.db.models import Q

from commissioning.audit.models import AuditEntry
from commissioning.audit.services import audit


@pytest.mark.django_db
def test_audit_entry_is_stored_whole_and_read_back_as_written(round_, officer):
    written = audit(
        "test.action",
        by=officer,
        round_=round_,
        obj=round_,
        after={"budget": Decimal("1.50"), "when": round_.start_date, "who": officer},
        summary="x" * 600,
    )

    stored = AuditEntry.objects.get(pk=written.pk)
    assert (stored.actor, stored.round, stored.action) == (officer, round_, "test.action")
    assert stored.content_type.model_class() is type(round_)
    assert stored.object_id == str(round_.pk)
    assert stored.object_repr == str(round_)
    assert stored.after == {"budget": "1.50", "when": round_.start_date.isoformat(), "who": officer.pk}
    assert AuditEntry.objects.filter(Q(before__isnull=True), pk=written.pk).exists()
    assert len(stored.summary) == 500
    assert stored.created_at == written.created_at
