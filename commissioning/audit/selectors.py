from commissioning.audit.models import AuditEntry


def audit_trail(round_):
    return AuditEntry.objects.filter(round=round_).select_related("actor", "content_type")
