"""Two sub-groups saving at once cannot both pass the budget check (PostgreSQL row lock on the round)."""

import threading

import pytest
from django.db import connection, connections

from commissioning.common.errors import BudgetExceeded
from commissioning.rounds.models import Round
from priorities.specifications.models import Specification
from priorities.specifications.services.specifications import save_specification
from tests.factories.commissioning import RoundFactory, UserFactory
from tests.factories.priorities import PriorityFactory


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_never_exceed_the_budget():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL (set DATABASE_URL).")
    round_ = RoundFactory(annual_budget_pence=1_000_000_00, number_of_years=1)
    user = UserFactory()
    priorities = [PriorityFactory(round=round_, issue__round=round_) for _ in range(4)]
    barrier = threading.Barrier(len(priorities))
    outcomes = []

    def save(priority):
        try:
            barrier.wait()
            save_specification(priority, by=user, fields={"allocations_pence": [400_000_00]})
            outcomes.append("saved")
        except BudgetExceeded:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(priority,)) for priority in priorities]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "refused", "saved", "saved"]
    total = sum(sum(amounts) for amounts in Specification.objects.values_list("allocations_pence", flat=True))
    assert total == 800_000_00
    assert total <= Round.objects.get(pk=round_.pk).annual_budget_pence
