from django.db import transaction

from commissioning.audit.services import audit, snapshot
from commissioning.organisations.models import Organisation

ORGANISATION_FIELDS = [
    "name",
    "sector",
    "organisation_type",
    "charity_number",
    "company_number",
    "scottish_charity_number",
    "website",
]


def save_organisation(organisation, *, by):
    """Create or update an organisation (identifiers normalised by its form)."""
    with transaction.atomic():
        creating = organisation.pk is None
        before = None if creating else snapshot(Organisation.objects.get(pk=organisation.pk), ORGANISATION_FIELDS)
        organisation.full_clean()
        organisation.save()
        audit(
            "organisation.created" if creating else "organisation.updated",
            by=by,
            obj=organisation,
            before=before,
            after=snapshot(organisation, ORGANISATION_FIELDS),
        )
    return organisation
