"""The demo round's funding, the Coventry case: the city council pools £5,000,000 a year for the round's
three years, and the primary care trust aligns £250,000 a year of its own. Safe to run twice."""

from commissioning.enums import Role
from commissioning.funding import services
from commissioning.funding.models import FundingKind, FundingSource
from commissioning.organisations.models import Organisation

# (agency, pooled or aligned, pence a year, note)
SOURCES = [
    (
        "Coventry City Council",
        FundingKind.POOLED,
        5_000_000_00,
        "Neighbourhood renewal money, pooled under the partnership's agreement.",
    ),
    (
        "Coventry Primary Care Trust",
        FundingKind.ALIGNED,
        250_000_00,
        "Health improvement money the trust spends itself against the round's outcomes.",
    ),
]


def seed_funding(round_, *, stdout=None):
    officer = round_.roles.filter(role=Role.OFFICER).select_related("user").order_by("pk").first()
    by = officer.user if officer else None
    for name, kind, pence, note in SOURCES:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            continue
        if FundingSource.objects.filter(round=round_, organisation=organisation, kind=kind).exists():
            continue
        services.save_funding_source(
            FundingSource(round=round_),
            by=by,
            organisation=organisation,
            kind=kind,
            amounts_pence=[pence] * round_.number_of_years,
            note=note,
        )
        if stdout is not None:
            stdout.write(f"Funding: {name} ({kind.label.lower()}).\n")
