"""The data recorded before partnerships existed moves into one partnership: rounds linked,
plans and mailing lists moved, officers and board members kept."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("commissioning", "0002_audit_indexes"), ("priorities", "0004_dot_indexes")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_rounds_plans_lists_and_people_move_into_one_partnership():
    old = _migrate(BEFORE)
    Round = old.get_model("commissioning", "Round")
    User = old.get_model("commissioning", "User")
    RoundRole = old.get_model("commissioning", "RoundRole")
    Outcome = old.get_model("commissioning", "StrategicOutcome")
    Indicator = old.get_model("commissioning", "Indicator")
    Subscriber = old.get_model("priorities", "Subscriber")
    dates = {"annual_budget_pence": 100, "number_of_years": 1, "start_date": datetime.date(2027, 4, 1)}
    first = Round.objects.create(name="First", partnership="Coventry Partnership", place="Coventry", **dates)
    second = Round.objects.create(name="Second", partnership="Coventry Partnership", place="Coventry", **dates)
    officer = User.objects.create(email="officer@example.org")
    board = User.objects.create(email="board@example.org")
    bidder = User.objects.create(email="bidder@example.org")
    RoundRole.objects.create(round=first, user=officer, role="officer")
    RoundRole.objects.create(round=second, user=board, role="board")
    RoundRole.objects.create(round=second, user=bidder, role="bidder")
    old_o1 = Outcome.objects.create(round=first, code="O1", title="Work (2027)")
    Indicator.objects.create(outcome=old_o1, code="WK1", name="Claimants", unit="%")
    new_o1 = Outcome.objects.create(round=second, code="O1", title="Work (2030)")
    Indicator.objects.create(outcome=new_o1, code="WK1", name="Claimants", unit="%")
    Outcome.objects.create(round=first, code="O2", title="Safer streets")
    Subscriber.objects.create(round=first, name="Ann", email="ann@example.org", status="confirmed", token="a")
    Subscriber.objects.create(round=second, name="Ann", email="ann@example.org", status="unsubscribed", token="b")
    Subscriber.objects.create(round=second, name="Bo", email="bo@example.org", status="confirmed", token="c")

    new = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    Partnership = new.get_model("commissioning", "Partnership")
    (partnership,) = Partnership.objects.all()
    assert (partnership.name, partnership.place) == ("Coventry Partnership", "Coventry")
    assert set(new.get_model("commissioning", "Round").objects.values_list("partnership", flat=True)) == {
        partnership.pk
    }
    outcomes = new.get_model("commissioning", "StrategicOutcome").objects.filter(partnership=partnership)
    # The newest round's outcome keeps its code; the older duplicate keeps its data under a marked code.
    assert dict(outcomes.values_list("code", "title")) == {
        "O1": "Work (2030)",
        f"O1-{first.pk}": "Work (2027)",
        "O2": "Safer streets",
    }
    indicators = new.get_model("commissioning", "Indicator").objects.all()
    assert dict(indicators.values_list("code", "outcome__code")) == {"WK1": "O1", f"WK1-{first.pk}": f"O1-{first.pk}"}
    subscribers = new.get_model("priorities", "Subscriber").objects.filter(partnership=partnership)
    assert dict(subscribers.values_list("email", "status")) == {
        "ann@example.org": "unsubscribed",
        "bo@example.org": "confirmed",
    }
    members = new.get_model("commissioning", "PartnershipMember").objects.filter(partnership=partnership)
    assert set(members.values_list("user__email", "role")) == {
        ("officer@example.org", "officer"),
        ("board@example.org", "board"),
    }
