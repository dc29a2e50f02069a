"""The round's funding pages for the walking tests (tests/walking/registry.py)."""

from commissioning.organisations.models import Organisation
from tests.factories.decisions import FundingSourceFactory
from tests.walking.registry import EVIDENCE, OFFICERS, thing, url


@thing("funding_source")
def _funding_source(world, side):
    return FundingSourceFactory(round=world.round(side))


def _source_data(world, side):
    # An organisation that exists already: building one here would itself change the tables watched.
    round_ = world.round(side)
    organisation = Organisation.objects.order_by("pk").values_list("pk", flat=True).first()
    data = {"organisation": organisation or "", "kind": "aligned", "note": "A stranger"}
    data.update({f"amount_year_{year.number}": "1" for year in round_.years})
    return data


url("funding", allow=EVIDENCE)
url("funding_source_create", allow=OFFICERS, data=_source_data)
url("funding_source_edit", pk="funding_source", allow=OFFICERS, data=_source_data)
url("funding_source_remove", pk="funding_source", allow=OFFICERS)
