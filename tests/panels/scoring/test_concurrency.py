"""Scoring's actions at once (PostgreSQL row lock on the panel): a sheet is submitted once."""

from commissioning.audit.models import AuditEntry
from panels.scoring.models import ScoreSheet
from panels.scoring.services import save_scores
from tests.concurrency import at_once
from tests.panels.scoring.helpers import every_criterion, scoring_panel

_at_once = at_once


def test_a_sheet_submitted_twice_at_once_is_submitted_once(postgresql):
    setup = scoring_panel()
    proposal, member = setup.proposals[0], setup.first
    scores = every_criterion(setup.criteria, 3)

    outcomes = _at_once(*[lambda: save_scores(member, proposal, scores, by=member.user, submit=True) for _ in range(3)])

    assert sorted(outcomes) == ["done", "refused", "refused"]
    assert ScoreSheet.objects.filter(member=member, proposal=proposal).count() == 1
    assert AuditEntry.objects.filter(action="scoring.submitted").count() == 1
