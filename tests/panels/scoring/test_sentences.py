"""How the audit trail reads scoring."""

import pytest

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe
from panels.scoring.enums import RecommendationKind
from panels.scoring.services import recommend
from tests.panels.scoring.helpers import scoring_panel, submitted

pytestmark = pytest.mark.django_db


def test_a_submission_and_a_recommendation_read_as_sentences():
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.first, proposal, [2] * 7)
    recommend(
        proposal,
        setup.panel,
        kind=RecommendationKind.FUND_WITH_CONDITIONS,
        reasons="Promising.",
        conditions="A sponsor's letter.",
        by=setup.chair.user,
    )

    submission = describe(AuditEntry.objects.get(action="scoring.submitted"))
    recommendation = describe(AuditEntry.objects.get(action="scoring.recommended"))

    assert submission.sentence == "Fay First submitted their scores of “Proposal 1” (50.0 out of 100)"
    assert recommendation.sentence == "Chloe Chair recommended “Proposal 1”: Fund with conditions"
