import pytest

from commissioning import registry
from commissioning.enums import Sector
from tests.factories.commissioning import OrganisationFactory


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Coventry City Council", sector=Sector.PUBLIC)


@pytest.fixture
def trust(db):
    return OrganisationFactory(name="Coventry Primary Care Trust", sector=Sector.PUBLIC)


class FakeMoneyUse:
    """A later stage's money, as it reports it through ``registry.money_use``: {year: pence} for the round, and
    for each specification its own part. Counts its calls, so a test can see the summary ask once."""

    def __init__(self):
        self.by_round = {}
        self.by_specification = {}
        self.calls = 0

    def __call__(self, round_, specification=None):
        self.calls += 1
        if specification is not None:
            return dict(self.by_specification.get(specification.pk, {}))
        return dict(self.by_round.get(round_.pk, {}))


@pytest.fixture
def money_use():
    """A fake source of allocated and of committed money, registered for the test and taken off afterwards."""
    allocated, committed = FakeMoneyUse(), FakeMoneyUse()
    registry.money_use("allocated")(allocated)
    registry.money_use("committed")(committed)
    yield allocated, committed
    registry.forget_money_use("allocated", allocated)
    registry.forget_money_use("committed", committed)
