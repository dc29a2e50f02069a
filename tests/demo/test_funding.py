"""The demo's funding: the council's pooled contribution and the primary care trust's aligned one."""

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe_entries
from commissioning.funding import selectors
from commissioning.funding.models import FundingSource


def test_the_demo_round_is_funded_by_the_council_pooled_and_the_trust_aligned(demo_round):
    round_ = demo_round
    sources = FundingSource.objects.filter(round=round_).select_related("organisation")
    assert sorted((s.organisation.name, s.kind, s.amounts_pence) for s in sources) == [
        ("Coventry City Council", "pooled", [5_000_000_00] * 3),
        ("Coventry Primary Care Trust", "aligned", [250_000_00] * 3),
    ]
    assert selectors.pooled_mismatches(round_) == []
    trail = AuditEntry.objects.filter(round=round_, action="funding.source_added").order_by("pk")
    assert AuditEntry.objects.filter(action__startswith="funding.").count() == 2
    assert [described.sentence for described in describe_entries(trail)] == [
        "Priya Shah added Coventry City Council's pooled contribution of £5,000,000 a year for 3 years",
        "Priya Shah added Coventry Primary Care Trust's aligned contribution of £250,000 a year for 3 years",
    ]
    summary = selectors.budget_summary(round_)
    assert summary.basis == selectors.Basis.POOLED
    assert [row.available_pence for row in summary.years] == [5_000_000_00] * 3
