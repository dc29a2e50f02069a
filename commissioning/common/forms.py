from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.money import pounds_to_pence


class GDSFormMixin:
    """A crispy helper with the GOV.UK error summary and one submit button."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        # The browser's own validation would stop the form before our error summary and messages appear.
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", self.submit_label))


class PoundsField(forms.DecimalField):
    """Pounds typed by a person (commas and £ allowed), cleaned to whole pence."""

    default_error_messages = {
        "invalid": _("Enter an amount of money in pounds, like 5,000,000 or 1250.50."),
        "min_value": _("Enter an amount greater than £0."),
        "max_digits": _("Enter a smaller amount."),
        "max_whole_digits": _("Enter a smaller amount."),
        "max_decimal_places": _("Enter pounds and pence only, with no more than 2 numbers after the decimal point."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0.01"))
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace("£", "").strip()
        return super().to_python(value)

    def clean(self, value):
        pounds = super().clean(value)
        return None if pounds is None else pounds_to_pence(pounds)
