"""The organisations' pages for the walking tests (tests/walking/registry.py)."""

from tests.factories.commissioning import OrganisationFactory
from tests.walking.registry import thing, url

# Organisations are shared by every round: officers of any round keep them.
KEEPERS = {"officer", "elsewhere", "superuser"}


@thing("organisation")
def _organisation(world, side):
    return OrganisationFactory()


url("organisation_list", allow=KEEPERS, scoped=False)
url("organisation_create", allow=KEEPERS, scoped=False)
url("organisation_edit", pk="organisation", allow=KEEPERS, scoped=False)
