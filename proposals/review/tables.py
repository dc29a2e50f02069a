"""The officers' proposal list as a django-tables2 table, drawn with the GOV.UK table template."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableQuerysetData

from commissioning.common.money import format_pence
from proposals.review.selectors import year_field

TEMPLATE = "proposals/review/govuk_table.html"


class AmountColumn(tables.Column):
    """Pence shown as pounds; the column's header names the period (a year, or the whole round)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "attrs", {"th": {"class": "govuk-table__header--numeric"}, "td": {"class": "govuk-table__cell--numeric"}}
        )
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_pence(value)


class KeysFirst(TableQuerysetData):
    """The list's rows, a page at a time: first the keys of the page's proposals, sorted and sliced in
    the database without the per-proposal amounts the list shows, then those amounts for that page's
    proposals only, so that a far page no longer sums the budgets of every proposal it skips.

    ``sums`` maps a column's name to the same amount as an aggregate (``requested_sums``): sorted on
    that column, the keys are sorted on the aggregate, one grouped join for the whole round."""

    def __init__(self, data, *, sums=None):
        super().__init__(data)
        self.sums = sums or {}

    def _keys(self):
        keys, ordering = self.data, []
        for field in self.data.query.order_by:
            name = field.lstrip("-") if isinstance(field, str) else None
            if name in self.sums:
                keys = keys.annotate(**{f"sort_{name}": self.sums[name]})
                field = field.replace(name, f"sort_{name}")
            ordering.append(field)
        return keys.order_by(*ordering, "pk").values_list("pk", flat=True)

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return super().__getitem__(key)
        keys = list(self._keys()[key])
        rows = {row.pk: row for row in self.data.filter(pk__in=keys).order_by()}
        return [rows[pk] for pk in keys if pk in rows]


class ProposalTable(tables.Table):
    title = tables.Column(
        verbose_name=_("Proposal"),
        linkify=lambda record: reverse("review_proposal", args=[record.round_id, record.pk]),
    )
    priority = tables.Column(
        verbose_name=_("Priority"), accessor="specification__priority__title", order_by="specification__priority__rank"
    )
    lead = tables.Column(
        verbose_name=_("Lead organisation"), accessor="lead_organisation__name", order_by="lead_organisation__name"
    )
    state = tables.Column(verbose_name=_("State"))
    eligibility = tables.Column(verbose_name=_("Eligibility"))
    total_pence = AmountColumn(verbose_name=_("Requested in total"))
    similar_count = tables.Column(verbose_name=_("Similar proposals"))

    class Meta:
        template_name = TEMPLATE
        attrs = {"id": "proposals"}
        empty_text = _("No proposals match these filters.")
        per_page = 25

    def __init__(self, data, *, round_, show_priority=True, **kwargs):
        years = [(year_field(year.number), AmountColumn(verbose_name=str(year.label))) for year in round_.years]
        sequence = ["title", "priority", "lead", "state", "eligibility", *(name for name, _column in years)]
        super().__init__(
            data,
            extra_columns=years,
            sequence=[*sequence, "total_pence", "similar_count"],
            exclude=() if show_priority else ("priority",),
            **kwargs,
        )
        self.caption = _("Proposals")
        # Right-aligned, as GOV.UK tables align numbers; read by the template once a cell, cheaply.
        self.numeric_columns = {*(name for name, _column in years), "total_pence", "similar_count"}

    def render_state(self, record):
        return record.get_state_display()

    def render_eligibility(self, record):
        return record.get_eligibility_display()
