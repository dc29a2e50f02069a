"""Two officers adding the same agency's contribution at once: one source, one refusal (PostgreSQL)."""

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from commissioning.funding import services
from commissioning.funding.models import FundingSource
from tests.concurrency import at_once
from tests.factories.commissioning import OrganisationFactory, RoundFactory, person_with_role


def test_the_same_agency_added_twice_at_once_gives_one_source(postgresql):
    round_ = RoundFactory()
    council = OrganisationFactory(name="Coventry City Council")
    first, second = (person_with_role(round_, Role.OFFICER) for _ in range(2))

    def add(by, pence):
        return lambda: services.save_funding_source(
            FundingSource(round=round_), by=by, organisation=council, kind="pooled", amounts_pence=[pence] * 3
        )

    outcomes = at_once(add(first, 100), add(second, 200), refused=lambda error: error.message)

    assert sorted(outcomes) == [
        "Coventry City Council already has a pooled contribution to this round: change that one instead.",
        "done",
    ]
    assert FundingSource.objects.count() == 1
    assert AuditEntry.objects.filter(action="funding.source_added").count() == 1
