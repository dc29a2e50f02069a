from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.organisations.models import Organisation
from commissioning.rounds.models import Round
from proposals.bidders.validators import validate_uk_postcode


class Bidder(models.Model):
    """An organisation registered to bid in one round: where it is and who to contact.

    The people who act for it are the organisation's people (``Organisation.people``)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="bidders")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bids")
    address = models.TextField(_("Address"), max_length=500)
    postcode = models.CharField(_("Postcode"), max_length=8, validators=[validate_uk_postcode])
    contact_name = models.CharField(_("Main contact's name"), max_length=200)
    contact_email = models.EmailField(_("Main contact's email address"))
    contact_phone = models.CharField(_("Main contact's telephone number"), max_length=30, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="unique_bidder_per_round"),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.round}"
