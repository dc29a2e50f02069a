"""Form pieces every stage shares: the GOV.UK form mixin with messages that name their field,
the GOV.UK date (and date and time) inputs, and pounds typed by a person.

``GDSFormMixin`` gives a form the crispy helper, and messages in the GOV.UK style for every
field whose message is still Django's generic one ("This field is required." becomes "Enter the
round's name", "Select the outcome"...). The field's phrase comes from its label ("Start date"
gives "the start date"); a form names a field better with ``error_names`` and can still set any
message itself (``error_messages``), which is then kept. Every ``DateField`` and ``DateTimeField``
of such a form becomes a GOV.UK date input (day, month and year; and a time).
"""

import datetime
import re
from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commissioning.common.money import pounds_to_pence

DATE_HINT = _("For example, 27 3 2027")

# Words that already make a phrase of a label, so that "the" is not put before them.
_DETERMINERS = re.compile(r"^(the|your|a|an|this|these|their|its|which|what|who|how|when|whether)\b", re.IGNORECASE)


def phrase_from_label(label):
    """The field as a message names it: "Start date" -> "the start date", "Annual budget (£)" -> "the annual budget"."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", str(label or "")).strip().rstrip(":?").strip()
    if not text:
        return _g("this")
    first_word = text.split()[0]
    if not (len(first_word) > 1 and first_word[1].isupper()):  # keeps "SIC code", "URL" as they are
        text = text[0].lower() + text[1:]
    return text if _DETERMINERS.match(text) else _g("the %(thing)s") % {"thing": text}


def _capitalised(text):
    return text[:1].upper() + text[1:]


def _number(value):
    return number_format(value, force_grouping=True) if isinstance(value, (int, float, Decimal)) else str(value)


# Django's own generic messages, by code, from the classes that Django defines: a message equal
# to one of these was not written for this form and is replaced.
def _django_default(field, code):
    for klass in type(field).__mro__:
        if klass.__module__.startswith("django.") and code in getattr(klass, "default_error_messages", {}):
            return klass.default_error_messages[code]
    return None


def _own_invalid_message(field):
    """Whether one of the field's validators says "invalid" in words written for it, not Django's."""
    return any(
        getattr(validator, "code", None) == "invalid" and validator.message != type(validator).message
        for validator in field.validators
        if hasattr(type(validator), "message")
    )


def _is_choice(field):
    widget = field.widget
    return isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.ModelMultipleChoiceField)) or (
        isinstance(widget, (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple))
    )


def _required_message(field, phrase):
    if isinstance(field, forms.FileField):
        return _g("Choose %(thing)s") % {"thing": phrase}
    if isinstance(field, forms.BooleanField) or _is_choice(field):
        return _g("Select %(thing)s") % {"thing": phrase}
    return _g("Enter %(thing)s") % {"thing": phrase}


def _invalid_message(field, phrase, subject):
    if isinstance(field, forms.EmailField):
        return _g("Enter an email address in the correct format, like name@example.com")
    if isinstance(field, forms.URLField):
        return _g("Enter a web address in the correct format, like https://www.example.org")
    if isinstance(field, (forms.DecimalField, forms.FloatField)):  # before IntegerField, their base class
        return _g("%(thing)s must be a number") % {"thing": subject}
    if isinstance(field, forms.IntegerField):
        return _g("%(thing)s must be a whole number") % {"thing": subject}
    return _g("Enter %(thing)s in the correct format") % {"thing": phrase}


def _limit_messages(field, subject):
    messages = {}
    min_value, max_value = getattr(field, "min_value", None), getattr(field, "max_value", None)
    if min_value is not None:
        messages["min_value"] = _g("%(thing)s must be %(n)s or more") % {"thing": subject, "n": _number(min_value)}
    if max_value is not None:
        messages["max_value"] = _g("%(thing)s must be %(n)s or less") % {"thing": subject, "n": _number(max_value)}
    max_length, min_length = getattr(field, "max_length", None), getattr(field, "min_length", None)
    if max_length is not None:
        messages["max_length"] = ngettext(
            "%(thing)s must be %(n)s character or fewer", "%(thing)s must be %(n)s characters or fewer", max_length
        ) % {"thing": subject, "n": _number(max_length)}
    if min_length is not None:
        messages["min_length"] = ngettext(
            "%(thing)s must be %(n)s character or more", "%(thing)s must be %(n)s characters or more", min_length
        ) % {"thing": subject, "n": _number(min_length)}
    if isinstance(field, forms.DecimalField):
        places = field.decimal_places or 0
        messages["max_digits"] = messages["max_whole_digits"] = _g("%(thing)s is too large") % {"thing": subject}
        messages["max_decimal_places"] = ngettext(
            "%(thing)s must have no more than %(n)d decimal place",
            "%(thing)s must have no more than %(n)d decimal places",
            places,
        ) % {"thing": subject, "n": places}
    return messages


def derived_messages(field, phrase):
    """GOV.UK-style messages for ``field`` named by ``phrase`` ("the start date"), by error code."""
    subject = _capitalised(phrase)
    required = _required_message(field, phrase)
    messages = {"required": required, "blank": required, "null": required}
    if _is_choice(field):
        chosen = _g("Select %(thing)s from the list") % {"thing": phrase}
        messages.update(invalid_choice=chosen, invalid_pk_value=chosen, invalid_list=chosen)
    messages["invalid"] = _invalid_message(field, phrase, subject)
    messages.update(_limit_messages(field, subject))
    # Messages with parameters are %-formatted by Django once more: keep a literal % as typed.
    return {
        code: text if code in ("required", "blank", "null") else text.replace("%", "%%")
        for code, text in messages.items()
    }


# The GOV.UK class that marks an input in error, by widget.
def _error_class(widget):
    if isinstance(widget, (forms.MultiWidget, forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return None  # each part, or the fieldset's form group, carries the error
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea--error"
    if isinstance(widget, forms.Select):
        return "govuk-select--error"
    if isinstance(widget, forms.FileInput):
        return "govuk-file-upload--error"
    if isinstance(widget, forms.widgets.Input):
        return "govuk-input--error"
    return None


class DateInputWidget(forms.MultiWidget):
    """GOV.UK's date input: day, month and year, each a text input with its own label.

    The parts are named ``<name>_day``, ``<name>_month`` and ``<name>_year``; what was typed is
    shown again as it was when the form is refused.
    """

    template_name = "common/widgets/date_input.html"
    parts = ("day", "month", "year")
    part_labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
    part_widths = {"day": 2, "month": 2, "year": 4}

    def __init__(self, attrs=None):
        widgets = {
            part: forms.TextInput(
                attrs={
                    "class": f"govuk-input govuk-date-input__input govuk-input--width-{self.part_widths[part]}",
                    "inputmode": "numeric",
                    "spellcheck": "false",
                }
            )
            for part in self.parts
        }
        super().__init__(widgets, attrs)
        # The parts a message is about ("month"), set by the field when it refuses a value;
        # ``in_error`` set by the form when the field has any error (all parts, if none is named).
        self.error_parts = ()
        self.in_error = False

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.error_parts, copy.in_error = (), False
        return copy

    def _render(self, template_name, context, renderer=None):
        # The project's templates, rather than the form renderer's, hold the GOV.UK markup.
        return mark_safe(render_to_string(template_name, context))

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}_{part}" in data for part in self.parts) and data.get(name):
            # One ISO value ("2027-04-01", "2027-04-01T12:00"), as a script or an older page posts it.
            match = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}:\d{2}))?", str(data.get(name)))
            if match:
                return [match[3], match[2], match[1], match[4] or ""][: len(self.parts)]
            return [data.get(name), "", ""] + [""] * (len(self.parts) - 3)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(self.parts, context["widget"]["subwidgets"], strict=False):
            subwidget["label"] = self.part_labels.get(part, part)
            subwidget["part"] = part
            classes = subwidget["attrs"].get("class", "")
            marked = part in self.error_parts if self.error_parts else self.in_error
            if marked and "govuk-input--error" not in classes:
                subwidget["attrs"]["class"] = f"{classes} govuk-input--error"
            elif not marked:
                subwidget["attrs"]["class"] = classes.replace("govuk-input--error", "").strip()
            # Only the parts at fault are announced as invalid.
            subwidget["attrs"].pop("aria-invalid", None)
            if marked:
                subwidget["attrs"]["aria-invalid"] = "true"
        return context

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


class DateTimeInputWidget(DateInputWidget):
    """The date input followed by a time (hours and minutes, UK time)."""

    parts = ("day", "month", "year", "time")
    part_labels = {**DateInputWidget.part_labels, "time": _("Time")}
    part_widths = {**DateInputWidget.part_widths, "time": 5}

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [local.day, local.month, local.year, local.strftime("%H:%M")]
        return [None, None, None, None]


class _PartsRefused(Exception):
    def __init__(self, message, parts):
        super().__init__(message)
        self.message, self.parts = message, parts


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")
_TIME_WORDS = {"midday": (12, 0), "noon": (12, 0), "12 noon": (12, 0), "midnight": (0, 0)}


class DateInputField(forms.Field):
    """A date typed in GOV.UK's day, month and year fields, with GOV.UK's messages.

    The messages name the field through ``error_name`` ("the start date"), which the form mixin
    sets from the label: "Enter the start date", "The start date must include a month",
    "The start date must be a real date". The hint defaults to "For example, 27 3 2027".
    """

    widget = DateInputWidget

    def __init__(self, *, error_name=None, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(**kwargs)
        self.error_name = error_name

    @property
    def phrase(self):
        return self.error_name or phrase_from_label(self.label) if self.label else (self.error_name or _g("the date"))

    def _refuse(self, message, parts):
        self.widget.error_parts = tuple(parts)
        raise ValidationError(message, code="invalid")

    def _date_parts(self, values):
        day, month, year = (str(v or "").strip() for v in values[:3])
        subject = _capitalised(self.phrase)
        missing = [part for part, text in zip(("day", "month", "year"), (day, month, year), strict=True) if not text]
        if missing:
            # GOV.UK's wording: "must include a month", "a day and month", "a day, month and year".
            names = {"day": _g("day"), "month": _g("month"), "year": _g("year")}
            listed = [names[part] for part in missing]
            wanted = (
                listed[0]
                if len(listed) == 1
                else _g("%(a)s and %(b)s") % {"a": ", ".join(listed[:-1]), "b": listed[-1]}
            )
            wanted = _g("a %(parts)s") % {"parts": wanted}
            raise _PartsRefused(_g("%(thing)s must include %(parts)s") % {"thing": subject, "parts": wanted}, missing)
        not_numbers = [
            part for part, text in zip(("day", "month", "year"), (day, month, year), strict=True) if not text.isdigit()
        ]
        if not_numbers:
            raise _PartsRefused(_g("%(thing)s must be a real date") % {"thing": subject}, not_numbers)
        if len(year) != 4:
            raise _PartsRefused(_g("Year must include 4 numbers"), ["year"])
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise _PartsRefused(
                _g("%(thing)s must be a real date") % {"thing": subject}, ["day", "month", "year"]
            ) from None

    def to_python(self, value):
        self.widget.error_parts = ()
        if isinstance(value, datetime.date):  # a disabled field's initial value
            return value
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        values += [None] * (len(self.widget.parts) - len(values))
        if all(str(v or "").strip() == "" for v in values):
            return None
        try:
            return self._clean_parts(values)
        except _PartsRefused as refusal:
            self._refuse(refusal.message, refusal.parts)

    def _clean_parts(self, values):
        return self._date_parts(values)

    def validate(self, value):
        if value in self.empty_values and self.required:
            message = self.error_messages["required"]
            if message == _django_default(self, "required"):
                message = _g("Enter %(thing)s") % {"thing": self.phrase}
            self.widget.error_parts = ()
            raise ValidationError(message, code="required")

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        return self.prepare_for_compare(initial) != data

    def prepare_for_compare(self, initial):
        return initial


class DateTimeInputField(DateInputField):
    """A date and a time of day (UK time), typed as GOV.UK's date input and a time: "14:00", "2pm", "midday"."""

    widget = DateTimeInputWidget

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("For example, 27 3 2027, then the time, for example 12:00 or 5:30pm (UK time)")
        )
        super().__init__(**kwargs)

    def _time(self, text):
        text = text.strip().lower().replace(" ", "") if text else ""
        subject = _capitalised(self.phrase)
        if not text:
            raise _PartsRefused(_g("%(thing)s must include a time") % {"thing": subject}, ["time"])
        if text in {key.replace(" ", "") for key in _TIME_WORDS}:
            return datetime.time(*_TIME_WORDS.get(text, _TIME_WORDS["noon"]))
        match = _TIME.match(text)
        if match:
            hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
            if half and 1 <= hour <= 12:
                hour = hour % 12 + (12 if half == "pm" else 0)
            elif half:
                hour = 99
            if hour < 24 and minute < 60:
                return datetime.time(hour, minute)
        raise _PartsRefused(_g("%(thing)s must be a real time, like 9:30 or 14:00") % {"thing": subject}, ["time"])

    def _clean_parts(self, values):
        day = self._date_parts(values)
        moment = datetime.datetime.combine(day, self._time(str(values[3] or "")))
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def prepare_for_compare(self, initial):
        if isinstance(initial, datetime.datetime):
            return initial.replace(second=0, microsecond=0)
        return initial


def _gds_date_field(field):
    """The GOV.UK date (or date and time) field standing for a Django one, keeping what it was given."""
    klass = DateTimeInputField if isinstance(field, forms.DateTimeField) else DateInputField
    help_text = field.help_text
    if not help_text or re.search(r"\d{4}-\d{2}-\d{2}", str(help_text)):
        help_text = None  # the GOV.UK hint stands for an ISO example
    kwargs = {
        "required": field.required,
        "label": field.label,
        "initial": field.initial,
        "disabled": field.disabled,
        "validators": list(field.validators),
    }
    if help_text:
        kwargs["help_text"] = help_text
    replacement = klass(**kwargs)
    for code, message in field.error_messages.items():
        if message != _django_default(field, code):
            replacement.error_messages[code] = message
    return replacement


class GOVUKMessagesMixin:
    """Messages that name their field, GOV.UK date inputs and error classes, for any form (allauth's too).

    ``error_names`` maps a field to the phrase its messages use ("the round's name"); without it
    the phrase comes from the label. Messages a form sets itself are kept.
    """

    error_names = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if isinstance(field, (forms.DateField, forms.DateTimeField)) and not isinstance(field, DateInputField):
                self.fields[name] = _gds_date_field(field)

    def error_phrase(self, name):
        """The phrase that names field ``name`` in its messages."""
        field = self.fields[name]
        return str(
            self.error_names.get(name) or getattr(field, "error_name", None) or phrase_from_label(field.label or name)
        )

    def _name_fields_in_messages(self):
        for name, field in self.fields.items():
            phrase = self.error_phrase(name)
            if isinstance(field, DateInputField):
                field.error_name = phrase
            for code, message in derived_messages(field, phrase).items():
                current, default = field.error_messages.get(code), _django_default(field, code)
                # A validator's own "invalid" message (a code's format, say) is kept: only Django's is replaced.
                if (current is None and (code != "invalid" or not _own_invalid_message(field))) or (
                    current is not None and current == default
                ):
                    field.error_messages[code] = message

    def full_clean(self):
        # Named here rather than in __init__, so that fields a form adds or changes after the mixin are named too.
        self._name_fields_in_messages()
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            error_class = _error_class(widget)
            if error_class:
                classes = widget.attrs.get("class", "").split()
                if error_class not in classes:
                    widget.attrs["class"] = " ".join([*classes, error_class])
            elif isinstance(widget, DateInputWidget):
                widget.in_error = True


class GDSFormMixin(GOVUKMessagesMixin):
    """A crispy helper with the GOV.UK error summary and one submit button, and GOV.UK messages."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
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


def _input_id(bound_field):
    """The id of the input an error summary link for ``bound_field`` goes to."""
    widget = bound_field.field.widget
    if isinstance(widget, DateInputWidget):
        first = widget.error_parts[0] if widget.error_parts else widget.parts[0]
        return f"{bound_field.auto_id}_{widget.parts.index(first)}"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        # crispy-forms-gds numbers the radios and checkboxes of a field from 1.
        return f"id_{bound_field.html_name}_1"
    return bound_field.id_for_label or bound_field.auto_id


def _field_order(form):
    names = list(form.fields)
    layout = getattr(getattr(form, "helper", None), "layout", None)
    if layout is not None:
        laid_out = [pointer.name for pointer in layout.get_field_names() if pointer.name in form.fields]
        names = laid_out + [name for name in names if name not in laid_out]
    return names


def error_summary_items(form):
    """(input id, message) for each error of ``form`` (or of each form of a formset), in the page's order.

    A field's link goes to its input: the first radio or checkbox of a group, the day of a date
    (or the part a message is about). Errors of the whole form go to its first input.
    """
    if hasattr(form, "forms"):  # a formset
        items = []
        first = next((f for f in form.forms if f.visible_fields()), None)
        for error in form.non_form_errors():
            items.append((_input_id(first.visible_fields()[0]) if first else "", error))
        for member in form.forms:
            items.extend(error_summary_items(member))
        return items
    if not form.is_bound or not form.errors:
        return []
    visible = {bound.name: bound for bound in form.visible_fields()}
    order = [name for name in _field_order(form) if name in visible]
    items = []
    if order:
        first_id = _input_id(visible[order[0]])
        items.extend((first_id, error) for error in form.non_field_errors())
    for name in order:
        bound = visible[name]
        items.extend((_input_id(bound), error) for error in bound.errors)
    return items
