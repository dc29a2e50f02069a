from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.enums import OrganisationType, Sector
from commissioning.organisations.validators import (
    validate_charity_number,
    validate_company_number,
    validate_scottish_charity_number,
)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    organisation_type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    charity_number = models.CharField(
        _("Charity Commission number"), max_length=7, blank=True, validators=[validate_charity_number]
    )
    company_number = models.CharField(
        _("Companies House number"), max_length=8, blank=True, validators=[validate_company_number]
    )
    scottish_charity_number = models.CharField(
        _("Scottish charity number"), max_length=8, blank=True, validators=[validate_scottish_charity_number]
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
