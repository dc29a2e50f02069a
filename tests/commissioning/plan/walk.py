"""The strategic plan's pages for the walking tests (tests/walking/registry.py)."""

from tests.factories.commissioning import IndicatorFactory, StrategicOutcomeFactory
from tests.walking.registry import EVIDENCE, OFFICERS, thing, url


@thing("outcome")
def _outcome(world, side):
    return StrategicOutcomeFactory(round=world.round(side))


@thing("indicator")
def _indicator(world, side):
    return IndicatorFactory(outcome=world.get(side, "outcome"))


url("plan", allow=EVIDENCE)
url("plan_outcome_create", allow=OFFICERS)
url("plan_outcome_edit", pk="outcome", allow=OFFICERS)
url("plan_indicator_create", allow=OFFICERS)
url("plan_indicator_edit", pk="indicator", allow=OFFICERS)
url("plan_import_outcomes", allow=OFFICERS)
url("plan_import_indicators", allow=OFFICERS)
url("plan_import_readings", allow=OFFICERS)
