"""What funding adds to the round: its money on the round's page (the pooled sources against the budget and
the budget summary), its part of the demo, and how the audit trail reads changes to its sources."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import Stage
from commissioning.funding import demo, selectors, sentences
from commissioning.registry import MONEY, Summary, audit_sentences, demo_seeder, round_summary


@round_summary(Stage.SETUP)
def money_summary(round_, user):
    """The sources in a line, any year the pooled sources disagree with the budget, and the budget summary."""
    if not user.has_perm("commissioning.view_funding", round_):
        return None
    sources = list(selectors.funding_sources(round_))
    html = render_to_string(
        "commissioning/funding/_round_money.html",
        {
            "mismatches": selectors.pooled_mismatches(round_, sources),
            "budget_summary": selectors.budget_summary(round_, sources=sources),
        },
    )
    changes = user.has_perm("commissioning.change_funding", round_)
    label = _("Funding sources") if changes else _("Where the money comes from")
    return Summary(
        group=MONEY,
        lines=[ngettext("%(n)d funding source", "%(n)d funding sources", len(sources)) % {"n": len(sources)}],
        links=[(label, reverse("funding", args=[round_.pk]))],
        blocks=[html],
    )


demo_seeder(Stage.SETUP)(demo.seed_funding)

audit_sentences(sentences.SENTENCES)
