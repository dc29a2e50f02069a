import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import StageBlocked
from commissioning.enums import Stage
from commissioning.rounds import services


@pytest.mark.django_db
def test_round_detail_shows_pipeline_and_blockers_to_officer(client, round_, officer):
    client.force_login(officer)

    response = client.get(reverse("round_detail", args=[round_.pk]))

    content = response.content.decode()
    assert round_.name in content
    assert "Priority workshop" in content
    assert "Add the strategic plan&#x27;s outcomes." in content


@pytest.mark.django_db
def test_round_cannot_enter_workshop_without_plan(round_, officer):
    with pytest.raises(StageBlocked) as error:
        services.advance_round(round_, by=officer)

    assert "Add the strategic plan's outcomes." in error.value.details
    round_.refresh_from_db()
    assert round_.stage == Stage.SETUP
    assert not AuditEntry.objects.filter(action="round.stage_changed").exists()
