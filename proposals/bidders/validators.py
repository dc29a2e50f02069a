import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The shape of every UK postcode (outward code, a space, inward code), GIR 0AA included.
_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$")


def normalise_postcode(value):
    """'cv1 5rr' -> 'CV1 5RR'; anything that is not a postcode is returned upper-cased, unspaced."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if _POSTCODE.match(compact):
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


def validate_uk_postcode(value):
    if not _POSTCODE.match(re.sub(r"\s+", "", value or "").upper()):
        raise ValidationError(_("Enter a real postcode, like CV1 5RR."), code="postcode")
