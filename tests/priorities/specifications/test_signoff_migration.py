"""The finance officer's acknowledgement an officer once typed in becomes a confirmed sign-off,
recorded as typed by an officer, and the old fields go."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("commissioning", "0006_round_questions_from_bidders_only"), ("priorities", "0008_announcement_base_url")]
AFTER = [("priorities", "0009_sponsor_signoffs")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_typed_acknowledgement_becomes_a_confirmed_sign_off_recorded_by_an_officer():
    old = _migrate(BEFORE)
    Partnership = old.get_model("commissioning", "Partnership")
    Round = old.get_model("commissioning", "Round")
    User = old.get_model("commissioning", "User")
    Organisation = old.get_model("commissioning", "Organisation")
    Outcome = old.get_model("commissioning", "StrategicOutcome")
    Issue = old.get_model("priorities", "CandidateIssue")
    Priority = old.get_model("priorities", "Priority")
    Specification = old.get_model("priorities", "Specification")
    partnership = Partnership.objects.create(name="Coventry Partnership", place="Coventry")
    round_ = Round.objects.create(
        name="Round",
        partnership=partnership,
        place="Coventry",
        annual_budget_pence=100,
        number_of_years=1,
        start_date=datetime.date(2027, 4, 1),
    )
    officer = User.objects.create(email="officer@example.org", full_name="Priya Shah")
    council = Organisation.objects.create(
        name="Coventry City Council", sector="public", organisation_type="local_authority"
    )
    outcome = Outcome.objects.create(partnership=partnership, code="O1", title="Work")
    issues = [Issue.objects.create(round=round_, name=name, outcome=outcome) for name in ("Jobs", "Crime")]
    acknowledged = Specification.objects.create(
        round=round_,
        priority=Priority.objects.create(round=round_, issue=issues[0], outcome=outcome, title="Jobs", rank=1),
        state="published",
        sponsor_organisation=council,
        mainstreaming_commitment="The council will consider funding it.",
        finance_officer_name="Mark Patel",
        sponsor_acknowledged_by="Mark Patel",
        sponsor_acknowledged_on=datetime.date(2026, 7, 1),
        approved_by=officer,
    )
    draft = Specification.objects.create(
        round=round_,
        priority=Priority.objects.create(round=round_, issue=issues[1], outcome=outcome, title="Crime", rank=2),
    )

    new = _migrate(AFTER)

    Signoff = new.get_model("priorities", "SponsorSignoff")
    (signoff,) = Signoff.objects.all()
    assert signoff.specification_id == acknowledged.pk
    assert (signoff.role, signoff.state, signoff.name, signoff.recorded_by_officer) == (
        "finance",
        "confirmed",
        "Mark Patel",
        True,
    )
    assert (signoff.organisation_id, signoff.asked_by_id) == (council.pk, officer.pk)
    assert signoff.commitment == "The council will consider funding it."
    # Midnight on 1 July 2026 in London is 23:00 UTC the day before.
    assert signoff.answered_at == datetime.datetime(2026, 6, 30, 23, 0, tzinfo=datetime.UTC)
    assert not Signoff.objects.filter(specification_id=draft.pk).exists()
    fields = {field.name for field in new.get_model("priorities", "Specification")._meta.get_fields()}
    assert "sponsor_acknowledged_by" not in fields

    back = _migrate(BEFORE)
    restored = back.get_model("priorities", "Specification").objects.get(pk=acknowledged.pk)
    assert (restored.sponsor_acknowledged_by, restored.sponsor_acknowledged_on) == (
        "Mark Patel",
        datetime.date(2026, 7, 1),
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
