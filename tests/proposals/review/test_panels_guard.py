"""The round moves on to the selection panels only once every deadline, extensions included, has
passed and every submitted proposal has an eligibility decision; the round page links officers to the lists."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.common.errors import StageBlocked
from commissioning.enums import Role, Stage
from commissioning.registry import blockers_for
from commissioning.rounds import services as round_services
from priorities.specifications.models import Specification
from proposals.review.services import decide_eligibility
from tests.factories.commissioning import person_with_role
from tests.factories.proposals import ProposalFactory, published_specification
from tests.proposals.review.helpers import submitted

pytestmark = pytest.mark.django_db


def deadline_on(spec, when):
    Specification.objects.filter(pk=spec.pk).update(
        question_deadline=when - datetime.timedelta(days=7), proposal_deadline=when
    )
    spec.refresh_from_db()


@pytest.fixture
def spec():
    spec = published_specification()
    deadline_on(spec, timezone.now() - datetime.timedelta(days=1))
    return spec


@pytest.fixture
def officer(spec):
    return person_with_role(spec.round, Role.OFFICER, full_name="Olive Officer")


def test_undecided_proposals_and_open_deadlines_are_named(spec, officer):
    submitted(spec)
    submitted(spec)
    ProposalFactory(specification=spec)  # a draft needs no decision
    later = published_specification(spec.round)
    deadline_on(later, datetime.datetime(2027, 1, 14, 12, 0, tzinfo=datetime.UTC))  # 12:00 in London in winter

    reasons = blockers_for(spec.round, Stage.PANELS)

    assert reasons == [
        f"The deadline for {later.title} has not passed: 14 January 2027 at 12:00.",
        "2 submitted proposals have no eligibility decision.",
    ]


def test_an_extension_keeps_the_round_from_the_panels(spec, officer):
    proposal = submitted(spec, extended_deadline=datetime.datetime(2027, 7, 1, 9, 30, tzinfo=datetime.UTC))
    decide_eligibility(proposal, eligible=True, reason="Meets every criterion.", by=officer)

    reasons = blockers_for(spec.round, Stage.PANELS)

    assert reasons == [f"The deadline for {spec.title} has not passed: 1 July 2027 at 10:30."]


def test_the_round_moves_on_once_everything_is_decided(spec, officer):
    eligible = submitted(spec)
    not_eligible = submitted(spec)
    decide_eligibility(eligible, eligible=True, reason="Meets every criterion.", by=officer)
    decide_eligibility(not_eligible, eligible=False, reason="Outside the area.", by=officer)
    round_ = spec.round

    round_services.move_round_to_stage(round_, Stage.PANELS, by=officer)

    round_.refresh_from_db()
    assert round_.stage == Stage.PANELS
    assert blockers_for(round_, Stage.PANELS) == []


def test_a_blocked_round_stays_at_the_call(spec, officer):
    submitted(spec)
    round_ = spec.round

    with pytest.raises(StageBlocked) as error:
        round_services.move_round_to_stage(round_, Stage.PANELS, by=officer)

    assert error.value.details == ["1 submitted proposal has no eligibility decision."]
    round_.refresh_from_db()
    assert round_.stage == Stage.CALL


def test_round_page_links_officers_to_the_lists_with_counts(client, spec, officer):
    decided = submitted(spec)
    submitted(spec)
    ProposalFactory(specification=spec)
    decide_eligibility(decided, eligible=False, reason="Outside the area.", by=officer)
    client.force_login(officer)

    content = client.get(reverse("round_detail", args=[spec.round_id])).content.decode()

    assert "2 submitted, 1 in draft and 0 withdrawn." in content
    assert "Of the submitted: 0 eligible, 1 not eligible, 1 not yet decided." in content
    assert reverse("review_proposals", args=[spec.round_id]) in content
    assert reverse("review_specification_proposals", args=[spec.round_id, spec.pk]) in content
    assert f"Proposals for {spec.title} (2 submitted)" in content


def test_round_page_shows_no_review_links_to_a_board_member(client, spec):
    submitted(spec)
    client.force_login(person_with_role(spec.round, Role.BOARD))

    content = client.get(reverse("round_detail", args=[spec.round_id])).content.decode()

    assert reverse("review_proposals", args=[spec.round_id]) not in content
