"""Two officers acting at once cannot together go over the budget (PostgreSQL row lock on the round)."""

from commissioning.common.errors import BudgetExceeded
from commissioning.enums import Role
from commissioning.rounds.models import Round
from commissioning.rounds.services import update_round
from priorities.specifications.enums import SpecificationState
from priorities.specifications.models import Specification
from priorities.specifications.services import budget
from priorities.specifications.services.specifications import submit_specification
from tests.concurrency import at_once
from tests.factories.commissioning import RoundFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import written


def _at_once(*actions):
    return at_once(*actions, refused=lambda error: "over budget" if isinstance(error, BudgetExceeded) else "refused")


def test_submissions_at_once_never_exceed_the_budget(postgresql):
    round_ = RoundFactory(annual_budget_pence=1_000_000_00, number_of_years=1)
    officers = [person_with_role(round_, Role.OFFICER) for _ in range(4)]
    specs = [
        written(PriorityFactory(round=round_, issue__round=round_), officer, annual_pence=400_000_00)
        for officer in officers
    ]

    outcomes = _at_once(
        *[
            lambda spec=spec, officer=officer: submit_specification(spec, by=officer)
            for spec, officer in zip(specs, officers, strict=True)
        ]
    )

    assert sorted(outcomes) == ["done", "done", "over budget", "over budget"]
    states = sorted(Specification.objects.values_list("state", flat=True))
    assert states == [SpecificationState.DRAFT] * 2 + [SpecificationState.SUBMITTED] * 2
    assert budget.allocated(round_) == [800_000_00]


def test_a_budget_cut_and_a_submission_at_once_never_leave_the_round_overspent(postgresql):
    round_ = RoundFactory(annual_budget_pence=1_000_000_00, number_of_years=1)
    officer = person_with_role(round_, Role.OFFICER)
    spec = written(PriorityFactory(round=round_, issue__round=round_), officer, annual_pence=600_000_00)

    outcomes = _at_once(
        lambda: submit_specification(spec, by=officer),
        lambda: update_round(round_, by=officer, annual_budget_pence=500_000_00),
    )

    assert sorted(outcomes) in (["done", "refused"], ["done", "over budget"])
    round_ = Round.objects.get(pk=round_.pk)
    assert budget.allocated(round_) <= [round_.annual_budget_pence]
