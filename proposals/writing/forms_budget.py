"""The budget as a table: one amount in pounds for each year, organisation and kind of cost.

Each cell is a field named ``cell-<year>-<partner id>-<category>``; a blank cell is nothing. A
refused cell's message names it ("Staff for Hillfields Youth Trust in year 1 (2027 to 2028) ...").
The totals are worked out here from what was typed (a refused cell counting as nothing), the same
way ``budget.totals`` works them out for the saved rows, so that the page always shows them.
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commissioning.common.forms import GOVUKMessagesMixin
from commissioning.common.money import format_pence, pence_to_pounds, pounds_to_pence
from proposals.writing.budget import allocation_problems, totals
from proposals.writing.enums import CostCategory, PartnerState
from proposals.writing.models import MAX_CELL_PENCE
from proposals.writing.saving import budget_audit, write_budget

# Pounds as people type them: 12500, 12,500, £12,500.50 (no exponents, no words).
POUNDS = re.compile(r"^(\d+|\d{1,3}(,\d{3})+)(\.\d*)?$|^\.\d+$")


def cell_name(year, partner_id, category):
    return f"cell-{year}-{partner_id}-{category}"


def pounds_text(pence):
    """Pence as a cell shows them: 1250050 -> '12,500.50', 1250000 -> '12,500', 0 -> ''."""
    if not pence:
        return ""
    pounds = pence_to_pounds(pence)
    whole = int(pounds)
    text = f"{whole:,}"
    return text if pounds == whole else f"{text}.{int(pence) % 100:02d}"


class BudgetCellField(forms.Field):
    """An amount in pounds for one cell (commas and £ allowed), cleaned to whole pence; blank is 0."""

    widget = forms.TextInput

    def __init__(self, *, cell, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.cell = cell
        self.widget.attrs.update(
            {
                "inputmode": "decimal",
                "spellcheck": "false",
                "autocomplete": "off",
                "class": "govuk-input app-budget-cell",
            }
        )

    def _refuse(self, message):
        raise ValidationError(message % {"cell": self.cell}, code="invalid")

    def to_python(self, value):
        text = str(value or "").replace("£", "").replace(" ", "").strip()
        if not text:
            return 0
        negative = text.startswith("-")
        if negative:
            self._refuse(_("%(cell)s cannot be a negative amount"))
        if not POUNDS.match(text):
            self._refuse(_("%(cell)s must be an amount in pounds, like 12,500 or 1250.50"))
        if "." in text and len(text.split(".", 1)[1]) > 2:
            self._refuse(_("%(cell)s must have no more than 2 numbers after the decimal point"))
        whole = text.replace(",", "").split(".", 1)[0].lstrip("0")
        # Far more digits than the largest cell: refused before any arithmetic on them.
        pence = MAX_CELL_PENCE + 1 if len(whole) > len(str(MAX_CELL_PENCE)) else pounds_to_pence(text)
        if pence > MAX_CELL_PENCE:
            raise ValidationError(
                _("%(cell)s must be %(most)s or less") % {"cell": self.cell, "most": format_pence(MAX_CELL_PENCE)},
                code="max_value",
            )
        return pence

    def prepare_value(self, value):
        if isinstance(value, int):
            return pounds_text(value)
        return value


@dataclass
class BudgetRow:
    partner: object
    cells: list  # (bound field, pence shown) for each category
    total: int


@dataclass
class BudgetYear:
    year: object  # FundingYear
    rows: list
    category_totals: list  # (category, pence) for each category
    total: int
    maximum: int

    @property
    def over(self):
        return max(0, self.total - self.maximum)


@dataclass
class BudgetTable:
    years: list  # BudgetYear
    total: int
    maximum: int
    problems: list  # sentences naming each year (and the total) over the maximum

    @property
    def over(self):
        return max(0, self.total - self.maximum)


def shown_partners(proposal):
    """The organisations the budget is written for (read from the proposal's loaded partners): every
    one in the consortium but those that declined, the lead first."""
    partners = [partner for partner in proposal.partners.all() if partner.state != PartnerState.DECLINED]
    return sorted(partners, key=lambda partner: (not partner.is_lead, partner.organisation_name.lower(), partner.pk))


class BudgetForm(GOVUKMessagesMixin, forms.Form):
    """The whole budget of a proposal: ``partners`` (lead first) × the round's years × cost categories."""

    def __init__(self, *args, proposal, **kwargs):
        self.proposal = proposal
        self.partners = shown_partners(proposal)
        self.round = proposal.round
        self.years = self.round.years
        self.categories = list(CostCategory)
        initial = {
            cell_name(line.year, line.partner_id, line.category): line.amount_pence
            for line in proposal.budget_lines.all()
            if 1 <= line.year <= len(self.years)
        }
        super().__init__(*args, initial=initial, **kwargs)
        for year in self.years:
            for partner in self.partners:
                for category in self.categories:
                    cell = _("%(category)s for %(organisation)s in year %(n)d (%(span)s)") % {
                        "category": category.label,
                        "organisation": partner.organisation_name,
                        "n": year.number,
                        "span": year.span,
                    }
                    field = BudgetCellField(cell=cell, label=cell)
                    # What static/js/budget.js adds up as the person types.
                    field.widget.attrs.update(
                        {
                            "data-budget-year": year.number,
                            "data-budget-partner": partner.pk,
                            "data-budget-category": category.value,
                        }
                    )
                    self.fields[cell_name(year.number, partner.pk, category.value)] = field

    def full_clean(self):
        # Each cell writes its own message (naming the cell): nothing for the mixin to rename.
        forms.Form.full_clean(self)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "govuk-input--error" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] += " govuk-input--error"
                widget.attrs["aria-describedby"] = f"{self[name].id_for_label}-error"

    def apply_to(self, locked):
        write_budget(locked, self.cells())

    def audit_after(self):
        return budget_audit(self.proposal, self.cells())

    def cells(self):
        """{(partner_id, year, category): pence} from the cleaned data."""
        return {
            (partner.pk, year.number, category.value): self.cleaned_data.get(
                cell_name(year.number, partner.pk, category.value), 0
            )
            for year in self.years
            for partner in self.partners
            for category in self.categories
        }

    def _shown_pence(self, name):
        """What a cell holds as shown: the typed value when it reads as an amount, else nothing."""
        if not self.is_bound:
            return int(self.initial.get(name) or 0)
        try:
            return self.fields[name].to_python(self.data.get(self.add_prefix(name)))
        except ValidationError:
            return 0

    def table(self):
        """The budget as the page shows it: a BudgetYear for each year of the round, the totals of
        what is typed, and how it stands against the specification's maximum."""
        shown = {name: self._shown_pence(name) for name in self.fields}
        lines = [
            (partner.pk, year.number, category.value, shown[cell_name(year.number, partner.pk, category.value)])
            for year in self.years
            for partner in self.partners
            for category in self.categories
        ]
        sums = totals(lines, len(self.years))
        maxima = self.proposal.specification.allocations_in_round(len(self.years))
        years = [
            BudgetYear(
                year=year,
                rows=[
                    BudgetRow(
                        partner=partner,
                        cells=[
                            (self[name], shown[name])
                            for name in (
                                cell_name(year.number, partner.pk, category.value) for category in self.categories
                            )
                        ],
                        total=sums.per_partner_year.get((partner.pk, year.number), 0),
                    )
                    for partner in self.partners
                ],
                category_totals=[
                    (category, sums.per_category_year.get((category.value, year.number), 0))
                    for category in self.categories
                ],
                total=sums.year(year.number),
                maximum=maximum,
            )
            for year, maximum in zip(self.years, maxima, strict=True)
        ]
        return BudgetTable(
            years=years,
            total=sums.total,
            maximum=sum(maxima),
            problems=allocation_problems(self.proposal.specification, sums.per_year),
        )
