from django import template
from django.utils.formats import number_format

from commissioning.common.forms import error_summary_items
from commissioning.common.money import format_pence

register = template.Library()


@register.filter
def money(pence):
    """Whole pence shown the UK way: £1,250,000 (or £12.50)."""
    return format_pence(pence)


@register.filter
def number(value, places=None):
    """A decimal shown with thousands separators and without needless trailing zeros."""
    if value is None or value == "":
        return ""
    if places is None:
        value = value.normalize() if hasattr(value, "normalize") else value
        text = f"{value:f}" if hasattr(value, "normalize") else str(value)
        places = len(text.split(".")[1]) if "." in text else 0
    return number_format(value, decimal_pos=int(places), force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def error_links(form):
    """(input id, message) for each error of a form or formset, for the GOV.UK error summary."""
    return error_summary_items(form) if form else []
