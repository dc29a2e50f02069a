import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CHARITY = re.compile(r"^\d{6,7}$")

_COMPANY = re.compile(r"^(\d{8}|(SC|NI|OC|SO|NC|R0|IP|SP|NP|RS|SL|FC|LP|GE|ZC|CE|CS)\d{6})$")

_SCOTTISH_CHARITY = re.compile(r"^SC\d{6}$")


def normalise_identifier(value):
    """Upper-case and drop spaces, keeping leading zeros (identifiers are text, not numbers)."""
    return re.sub(r"\s+", "", value or "").upper()


def validate_charity_number(value):
    if not _CHARITY.match(normalise_identifier(value)):
        raise ValidationError(
            _("Enter a Charity Commission number of 6 or 7 digits, like 1098765."), code="charity_number"
        )


def validate_company_number(value):
    if not _COMPANY.match(normalise_identifier(value)):
        raise ValidationError(
            _("Enter a Companies House number of 8 characters, like 01234567 or SC123456, keeping leading zeros."),
            code="company_number",
        )


def validate_scottish_charity_number(value):
    if not _SCOTTISH_CHARITY.match(normalise_identifier(value)):
        raise ValidationError(
            _("Enter a Scottish charity number: SC followed by 6 digits, like SC012345."),
            code="scottish_charity_number",
        )
