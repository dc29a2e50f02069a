"""A version's JSON laid out for reading (its page and its receipt): the fields with their
labels, the rows in order, and the budget as a table of partner and cost category by year with
its totals. Pure: the round's years come from the caller, amounts are shown in pounds here with the
year they belong to in the table's heading."""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commissioning.common.money import format_pence
from proposals.submission.changes import FIELD_SECTIONS
from proposals.submission.snapshot import FIELDS
from proposals.writing.enums import CostCategory
from proposals.writing.models import Proposal


@dataclass(frozen=True)
class BudgetRow:
    partner: str
    category: str
    amounts: list  # one text a year
    total: str


def fingerprint(data):
    """A short, stable fingerprint of a version's content (SHA-256 of its JSON), printed on its receipt."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _shown(value):
    return "" if value is None else str(value)


def _uk_date(value):
    return date_format(datetime.date.fromisoformat(value), "j F Y") if value else ""


def budget_table(data, number_of_years):
    """(rows, totals per year as text, the total's pence): one row a partner and category with money."""
    cells, partners = {}, {}
    for line in data.get("budget", []):
        if not 1 <= line["year"] <= number_of_years:
            continue
        key = (line["partner_id"], line["category"])
        partners[line["partner_id"]] = line["partner"]
        cells.setdefault(key, [0] * number_of_years)[line["year"] - 1] += line["amount_pence"]
    order = {category: index for index, category in enumerate(CostCategory.values)}
    partner_order = [row["id"] for row in data.get("partners", [])]
    rows, per_year = [], [0] * number_of_years
    for (partner_id, category), amounts in sorted(
        cells.items(),
        key=lambda item: (
            partner_order.index(item[0][0]) if item[0][0] in partner_order else len(partner_order),
            order.get(item[0][1], len(order)),
        ),
    ):
        if not any(amounts):
            continue
        for index, amount in enumerate(amounts):
            per_year[index] += amount
        rows.append(
            BudgetRow(
                partner=partners[partner_id],
                category=str(dict(CostCategory.choices).get(category, category)),
                amounts=[format_pence(amount) for amount in amounts],
                total=format_pence(sum(amounts)),
            )
        )
    return rows, [format_pence(amount) for amount in per_year], sum(per_year), per_year


def read_version(data, number_of_years):
    """What a version's page and receipt show of ``data``."""
    fields = data.get("fields", {})
    sections = []
    for name in FIELDS:
        section = str(FIELD_SECTIONS[name].label)
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append((str(Proposal._meta.get_field(name).verbose_name), _shown(fields.get(name))))
    rows, year_totals, total_pence, per_year_pence = budget_table(data, number_of_years)
    return {
        "about": data.get("proposal", {}),
        "sections": sections,
        "partners": data.get("partners", []),
        "indicators": [
            {
                **indicator,
                "baseline_date_shown": _uk_date(indicator.get("baseline_date")),
                "target_list": [
                    (year, indicator.get("targets", {}).get(str(year), "")) for year in range(1, number_of_years + 1)
                ],
            }
            for indicator in data.get("indicators", [])
        ],
        "budget_rows": rows,
        "budget_year_totals": year_totals,
        "budget_total": format_pence(total_pence),
        "budget_total_pence": total_pence,
        "budget_per_year_pence": per_year_pence,
        "themes": data.get("themes", []),
        "milestones": data.get("milestones", []),
        "outputs": data.get("outputs", []),
        "risks": data.get("risks", []),
        "attachments": data.get("attachments", []),
        "fingerprint": fingerprint(data),
        "nothing": _("Not given"),
    }
