"""How the audit trail reads changes to the round's funding sources."""

from django.utils.translation import gettext_lazy, ngettext

from commissioning.audit.sentences import Field, Sentence, choice, lookup, lowered, money, money_by_year
from commissioning.funding.models import FundingKind


def contribution(amounts):
    """'£5,000,000 a year for 3 years' when every year is the same, else 'year 1: £4,500,000, year 2: ...'."""
    if not isinstance(amounts, (list, tuple)) or not amounts:
        return money(amounts)
    if len(set(amounts)) == 1:
        return ngettext("%(amount)s a year for %(n)d year", "%(amount)s a year for %(n)d years", len(amounts)) % {
            "amount": money(amounts[0]),
            "n": len(amounts),
        }
    return money_by_year(amounts)


SOURCE_FIELDS = {
    "organisation": Field(gettext_lazy("the agency"), lookup("commissioning.Organisation")),
    "kind": Field(gettext_lazy("pooled or aligned"), lowered(choice(FundingKind))),
    "amounts_pence": Field(gettext_lazy("the amounts"), contribution),
    "note": gettext_lazy("the note"),
}

SENTENCES = {
    "funding.source_added": Sentence(
        gettext_lazy("%(actor)s added %(after_organisation)s's %(after_kind)s contribution of %(after_amounts_pence)s"),
        fields=SOURCE_FIELDS,
        details=False,
    ),
    "funding.source_changed": Sentence(
        gettext_lazy("%(actor)s changed %(before_organisation)s's %(before_kind)s contribution: %(changes)s"),
        fields=SOURCE_FIELDS,
    ),
    "funding.source_removed": Sentence(
        gettext_lazy(
            "%(actor)s removed %(before_organisation)s's %(before_kind)s contribution of %(before_amounts_pence)s"
        ),
        fields=SOURCE_FIELDS,
        details=False,
    ),
}
