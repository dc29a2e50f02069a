"""Moving a round on: the round page asks first, says what cannot be undone, and a stage that
is not built yet can never be entered."""

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Stage
from commissioning.rounds.models import Round
from tests.commissioning.rounds.helpers import load_plan


@pytest.mark.django_db
def test_round_advance_page_asks_for_confirmation_and_changes_nothing(client, round_, officer):
    load_plan(round_)
    client.force_login(officer)

    response = client.get(reverse("round_advance", args=[round_.pk]))

    content = response.content.decode()
    assert "Move the round on to “Priority workshop”?" in content
    assert "This cannot be undone." in content
    assert "it cannot go back to “Set-up”" in content
    assert "Yes, move on to “Priority workshop”" in content
    assert f'method="post" action="{reverse("round_advance", args=[round_.pk])}"' in content
    round_.refresh_from_db()
    assert round_.stage == Stage.SETUP
    assert not AuditEntry.objects.filter(action="round.stage_changed").exists()


@pytest.mark.django_db
def test_round_page_move_on_button_leads_to_the_confirmation(client, round_, officer):
    load_plan(round_)
    client.force_login(officer)

    content = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert f'method="get" action="{reverse("round_advance", args=[round_.pk])}"' in content
    assert "Move on to “Priority workshop”" in content


@pytest.mark.django_db
def test_round_advance_page_lists_blockers_without_a_button(client, round_, officer):
    client.force_login(officer)

    content = client.get(reverse("round_advance", args=[round_.pk])).content.decode()

    assert "Before the round can move on:" in content
    assert "Add the strategic plan&#x27;s outcomes." in content
    assert "Yes, move on" not in content


@pytest.mark.django_db
def test_round_cannot_move_past_a_call_with_nothing_published(client, round_, officer):
    Round.objects.filter(pk=round_.pk).update(stage=Stage.CALL)
    client.force_login(officer)

    page = client.get(reverse("round_advance", args=[round_.pk])).content.decode()
    response = client.post(reverse("round_advance", args=[round_.pk]), follow=True)

    assert "No specification has been published for proposals." in page
    assert "Yes, move on" not in page
    content = response.content.decode()
    assert "The round cannot move on to “Selection panels” yet." in content
    assert "No specification has been published for proposals." in content
    round_.refresh_from_db()
    assert round_.stage == Stage.CALL
    assert not AuditEntry.objects.filter(action="round.stage_changed").exists()


@pytest.mark.parametrize("stage", [Stage.PANELS, Stage.AWARD, Stage.MONITORING])
@pytest.mark.django_db
def test_no_stage_after_the_call_can_be_entered(client, round_, officer, stage):
    Round.objects.filter(pk=round_.pk).update(stage=stage)
    client.force_login(officer)

    client.post(reverse("round_advance", args=[round_.pk]))

    round_.refresh_from_db()
    assert round_.stage == stage


@pytest.mark.django_db
def test_round_advance_page_is_not_found_for_a_board_member(client, round_, board_member):
    load_plan(round_)
    client.force_login(board_member)

    assert client.get(reverse("round_advance", args=[round_.pk])).status_code == 404
