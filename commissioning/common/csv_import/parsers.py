import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def parse_text(max_length=None):
    def parse(text):
        if max_length is not None and len(text) > max_length:
            raise ValueError(
                ngettext(
                    "Use %(max)d character or fewer (this has %(n)d).",
                    "Use %(max)d characters or fewer (this has %(n)d).",
                    max_length,
                )
                % {"max": max_length, "n": len(text)}
            )
        return text

    return parse


def parse_code(max_length=20):
    """A short code such as ``O1`` or ``WK-01``: letters, digits, dots, hyphens, underscores."""
    text_parser = parse_text(max_length)

    def parse(text):
        text = text_parser(text)
        if not re.fullmatch(r"[A-Za-z0-9._-]+", text):
            raise ValueError(_("Use only letters, numbers, dots, hyphens and underscores, with no spaces."))
        return text.upper()

    return parse


def parse_decimal(max_digits=14, decimal_places=3, min_value=None, max_value=None):
    def parse(text):
        cleaned = text.replace(",", "").replace("£", "").strip()
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(_("“%(text)s” is not a number.") % {"text": text}) from None
        if not value.is_finite():
            raise ValueError(_("“%(text)s” is not a number.") % {"text": text})
        exponent = value.as_tuple().exponent
        if exponent < -decimal_places:
            raise ValueError(
                ngettext(
                    "Use no more than %(n)d decimal place.", "Use no more than %(n)d decimal places.", decimal_places
                )
                % {"n": decimal_places}
            )
        if abs(value) >= Decimal(10) ** (max_digits - decimal_places):
            raise ValueError(_("“%(text)s” is too large.") % {"text": text})
        if min_value is not None and value < min_value:
            raise ValueError(_("Enter a number of at least %(min)s.") % {"min": min_value})
        if max_value is not None and value > max_value:
            raise ValueError(_("Enter a number no more than %(max)s.") % {"max": max_value})
        return value

    return parse


def parse_integer(min_value=None, max_value=None):
    def parse(text):
        cleaned = text.replace(",", "").strip()
        if not re.fullmatch(r"-?\d+", cleaned):
            raise ValueError(_("“%(text)s” is not a whole number.") % {"text": text})
        value = int(cleaned)
        if min_value is not None and value < min_value:
            raise ValueError(_("Enter a whole number of at least %(min)d.") % {"min": min_value})
        if max_value is not None and value > max_value:
            raise ValueError(_("Enter a whole number no more than %(max)d.") % {"max": max_value})
        return value

    return parse


_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]


def parse_date():
    """ISO dates (2026-03-31) and the UK forms a spreadsheet writes (31/03/2026, 31 March 2026)."""

    def parse(text):
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("“%(text)s” is not a date. Use the form 2026-03-31 or 31/03/2026.") % {"text": text})

    return parse


_TRUE = {"yes", "y", "true", "1", "higher"}

_FALSE = {"no", "n", "false", "0", "lower"}


def parse_yes_no():
    def parse(text):
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(_("Enter yes or no (not “%(text)s”).") % {"text": text})

    return parse


def parse_email():
    def parse(text):
        validate_email(text)
        return text.lower()

    return parse


def parse_list(item_parser=None, separator=";"):
    """Several values in one cell, separated by ``separator``; empty items are ignored."""
    item_parser = item_parser or parse_text()

    def parse(text):
        return [item_parser(item.strip()) for item in text.split(separator) if item.strip()]

    return parse
