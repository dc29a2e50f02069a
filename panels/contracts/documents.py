"""The contract PDF (kind ``panels.contract``), whose subject is the ContractVersion sent."""

from decimal import Decimal

from django.utils import timezone

from commissioning.common.money import funding_years
from panels.contracts.models import ContractVersion
from panels.contracts.selectors import VERSION_ROWS
from panels.contracts.services import PDF_KIND

KIND = PDF_KIND


def build_contract(document):
    version = (
        ContractVersion.objects.select_related(
            "contract__round",
            "contract__proposal__specification",
            "contract__lead_organisation",
            "contract__monitored_by",
            "contract__sponsor_organisation",
        )
        .prefetch_related(*VERSION_ROWS)
        .get(pk=document.object_id)
    )
    contract = version.contract
    return "pdf/panels/contracts/contract.html", {
        **contract_context(version),
        "round": contract.round,
        "made_at": timezone.now(),
    }


def contract_context(version):
    """What the page and the PDF show of a version: its years with their values, rows and schedules."""
    years = funding_years(version.start_date, len(version.amounts_pence))
    by_number = {year.number: year for year in years}
    return {
        "version": version,
        "number_of_years": len(years),
        "instalments": [(row, by_number.get(row.year, years[-1])) for row in version.instalments.all()],
        "contract": version.contract,
        "years": [(year, version.amount_in_year(year.number)) for year in years],
        "indicators": [
            (row, list(zip(years, [Decimal(t) if t else None for t in row.targets], strict=False)))
            for row in version.indicators.all()
        ],
        "subgroup": list(version.contract.monitored_by.subgroup_members.select_related("user")),
    }
