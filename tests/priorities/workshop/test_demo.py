import pytest

from commissioning.audit.models import AuditEntry
from commissioning.enums import Stage
from commissioning.rounds.demo import DEMO_ROUND_NAME, seed_demo
from commissioning.rounds.models import Round
from priorities.workshop.demo import DEMO_PRACTICE, DEMO_WORKSHOP
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import CrossCuttingTheme, Dot, Priority, Workshop

pytestmark = pytest.mark.django_db


def test_demo_runs_a_confirmed_workshop_and_an_open_one_and_is_idempotent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    round_ = Round.objects.get(name=DEMO_ROUND_NAME)
    assert Workshop.objects.get(round=round_, title=DEMO_WORKSHOP).state == WorkshopState.CONFIRMED
    entries = AuditEntry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()

    assert AuditEntry.objects.count() == entries
    assert round_.stage != Stage.SETUP and round_.stage != Stage.WORKSHOP
    confirmed = Workshop.objects.get(round=round_, title=DEMO_WORKSHOP)
    practice = Workshop.objects.get(round=round_, title=DEMO_PRACTICE)
    assert confirmed.state == WorkshopState.CONFIRMED
    assert practice.state == WorkshopState.VOTING
    assert Dot.objects.filter(workshop=confirmed).count() == 30
    assert not Dot.objects.filter(workshop=practice).exists()
    assert practice.participants.filter(join_code__isnull=False).count() == practice.participants.count() == 10
    assert practice.wall.count() == confirmed.wall.count() == 12
    assert list(Priority.objects.filter(round=round_).values_list("title", "dots")) == [
        ("Worklessness", 6),
        ("Crime and community safety", 5),
        ("Educational attainment", 4),
        ("Young people", 4),
        ("Housing", 3),
        ("Skills", 3),
    ]
    assert list(CrossCuttingTheme.objects.filter(round=round_).values_list("title", flat=True)) == [
        "Health inequalities"
    ]
