"""Two officers deciding at once (PostgreSQL, real threads): the lock on the round lets only one
decision through when both together would go over the specification's maximum."""

import pytest

from commissioning.common.errors import BudgetExceeded
from panels.decisions.enums import DecisionKind
from panels.decisions.models import Decision
from panels.decisions.services import record_decision
from tests.concurrency import at_once
from tests.panels.decisions.helpers import POUND, award_round


def _decide(proposal, by):
    return lambda: record_decision(
        proposal, kind=DecisionKind.FUND, reasons="Strong.", amounts=[60_000 * POUND] * 3, by=by
    )


@pytest.mark.parametrize("attempt", range(3))
def test_two_officers_deciding_at_once_never_fund_over_the_maximum(postgresql, attempt):
    setup = award_round(proposals=2, maximum=(100_000, 100_000, 100_000))

    outcomes = at_once(
        _decide(setup.proposals[0], setup.officer),
        _decide(setup.proposals[1], setup.second),
        done="decided",
        refused=lambda error: "over" if isinstance(error, BudgetExceeded) else error.message,
    )

    assert sorted(outcomes) == ["decided", "over"]
    assert Decision.objects.count() == 1
    assert Decision.objects.get().amounts_pence == [60_000 * POUND] * 3
