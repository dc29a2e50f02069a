"""The demo's workshops: one confirmed with its dots and priorities, one still open to practise on."""

from commissioning.enums import Stage
from priorities.workshop.demo import DEMO_PRACTICE, DEMO_WORKSHOP
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import CrossCuttingTheme, Dot, Priority, Workshop


def test_demo_runs_a_confirmed_workshop_and_an_open_one(demo_round):
    round_ = demo_round
    assert round_.stage not in (Stage.SETUP, Stage.WORKSHOP)
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
