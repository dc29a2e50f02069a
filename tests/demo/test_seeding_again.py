"""Running `manage.py seed_demo` on a database that holds the demo adds, changes and sends nothing."""

import io

from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db.models import Max

from commissioning.audit.models import AuditEntry
from commissioning.enums import Stage

# Rows that only record that someone signed in, or when, not what the round holds.
IGNORED = {"sessions.Session"}


def _rows():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label not in IGNORED and model._meta.managed
    }


def test_seeding_the_demo_again_adds_nothing(demo_round, django_capture_on_commit_callbacks):
    before = _rows()
    last_entry = AuditEntry.objects.aggregate(last=Max("pk"))["last"]

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())

    assert {label: count for label, count in _rows().items() if count != before[label]} == {}
    assert AuditEntry.objects.aggregate(last=Max("pk"))["last"] == last_entry
    assert mail.outbox == []
    demo_round.refresh_from_db()
    assert demo_round.stage == Stage.AWARD
