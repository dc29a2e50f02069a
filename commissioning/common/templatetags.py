from django import template
from django.utils.formats import number_format

from commissioning.common import money
from commissioning.common.forms import error_summary_items

register = template.Library()

# Money is shown with the period it covers; there is deliberately no filter for a bare amount.


@register.filter
def a_year(pence):
    """'£750,000 a year'."""
    return money.a_year(pence)


@register.filter
def over_years(pence, number_of_years):
    """'£2,250,000 over three years'."""
    return money.over_years(pence, number_of_years)


@register.filter
def in_year(pence, year):
    """'£300,000 in year 1 (2027 to 2028)', for a FundingYear (a round's ``years``)."""
    return money.in_year(pence, year)


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
