"""Scoring's actions at once (PostgreSQL row lock on the panel): a sheet is submitted once."""

import threading

import pytest
from django.db import connection, connections

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from panels.scoring.models import ScoreSheet
from panels.scoring.services import save_scores
from tests.panels.scoring.helpers import every_criterion, scoring_panel


def _at_once(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            action()
            outcomes[index] = "done"
        except ApplicationError:
            outcomes[index] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL (set DATABASE_URL).")


def test_a_sheet_submitted_twice_at_once_is_submitted_once(postgresql):
    setup = scoring_panel()
    proposal, member = setup.proposals[0], setup.first
    scores = every_criterion(setup.criteria, 3)

    outcomes = _at_once(*[lambda: save_scores(member, proposal, scores, by=member.user, submit=True) for _ in range(3)])

    assert sorted(outcomes) == ["done", "refused", "refused"]
    assert ScoreSheet.objects.filter(member=member, proposal=proposal).count() == 1
    assert AuditEntry.objects.filter(action="scoring.submitted").count() == 1
