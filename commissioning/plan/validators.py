"""Checks shared by the plan's forms and its CSV imports."""

from django.utils.translation import gettext as _


def check_baseline_and_target(values):
    """(field, message) pairs for a baseline or target half given, or a target dated before its baseline."""
    errors = []
    for part, label in (("baseline", _("baseline")), ("target", _("target"))):
        value, when = values.get(f"{part}_value"), values.get(f"{part}_date")
        if value is not None and when is None:
            errors.append((f"{part}_date", _("Enter the date of the %(part)s value.") % {"part": label}))
        if when is not None and value is None:
            errors.append((f"{part}_value", _("Enter the %(part)s value, or leave its date empty.") % {"part": label}))
    if values.get("baseline_date") and values.get("target_date") and values["target_date"] <= values["baseline_date"]:
        errors.append(("target_date", _("The target date must be after the baseline date.")))
    return errors
