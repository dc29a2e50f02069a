"""A form is offered only when its service would accept it, to everyone, superusers included: the views
read the same state table (ACTION_STATES) and predicates as the services."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.common.errors import InvalidTransition
from commissioning.enums import Role
from priorities.specifications.enums import ACTION_STATES, SpecificationState
from priorities.specifications.models import Question, Specification
from priorities.specifications.services import specifications as services
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import approved, confirm_all, published, subgroup_member, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, full_name="Sue Superuser")


def _priority(round_):
    return PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")


def _in_state(priority, officer, state):
    member = subgroup_member(priority)
    spec = written(priority, member)
    if state == SpecificationState.SUBMITTED:
        services.submit_specification(spec, by=member)
    elif state == SpecificationState.APPROVED:
        spec = _approve(spec, member, officer)
    elif state == SpecificationState.PUBLISHED:
        spec = services.publish_specification(_approve(spec, member, officer), by=officer)
    return Specification.objects.get(pk=spec.pk)


def _approve(spec, member, officer):
    services.submit_specification(spec, by=member)
    confirm_all(spec)
    return services.approve_specification(spec, by=officer)


def test_a_superuser_is_not_offered_the_question_form_on_an_unpublished_specification(
    client, round_, officer, superuser
):
    priority = _priority(round_)
    approved(priority, officer)
    client.force_login(superuser)

    response = client.get(reverse("question_ask", args=[round_.pk, priority.pk]))

    assert response.status_code == 404
    assert client.post(reverse("question_ask", args=[round_.pk, priority.pk]), {"text": "?"}).status_code == 404
    assert not Question.objects.exists()


@pytest.mark.parametrize("who", ["superuser", "bidder"])
def test_after_the_deadline_the_question_page_explains_instead_of_offering_the_form(
    client, round_, officer, superuser, who
):
    priority = _priority(round_)
    spec = published(priority, officer)
    Specification.objects.filter(pk=spec.pk).update(question_deadline=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(superuser if who == "superuser" else person_with_role(round_, Role.BIDDER))

    page = client.get(reverse("question_ask", args=[round_.pk, priority.pk])).content.decode()

    assert "The deadline for questions on this specification was" in page
    assert 'name="text"' not in page
    detail = client.get(reverse("specification_detail", args=[round_.pk, priority.pk])).content.decode()
    assert "The deadline for questions has passed." in detail
    assert reverse("question_ask", args=[round_.pk, priority.pk]) not in detail


@pytest.mark.parametrize(
    ("url_name", "action"), [("specification_approve", "approve"), ("specification_return", "return")]
)
@pytest.mark.parametrize(
    "state",
    [SpecificationState.DRAFT, SpecificationState.SUBMITTED, SpecificationState.APPROVED, SpecificationState.PUBLISHED],
)
def test_the_approve_and_return_forms_are_offered_exactly_when_the_service_accepts(
    client, round_, officer, superuser, url_name, action, state
):
    priority = _priority(round_)
    spec = _in_state(priority, officer, state)
    client.force_login(superuser)

    response = client.get(reverse(url_name, args=[round_.pk, priority.pk]), follow=True)

    offered = not response.redirect_chain
    assert offered == (state in ACTION_STATES[action])
    if not offered:
        assert "so it cannot be" in response.content.decode()
        accept = {
            "approve": lambda: services.approve_specification(spec, by=superuser),
            "return": lambda: services.return_to_draft(spec, by=superuser, reason="Why"),
        }[action]
        with pytest.raises(InvalidTransition):
            accept()


@pytest.mark.parametrize("state", [SpecificationState.DRAFT, SpecificationState.APPROVED])
def test_the_amendment_form_is_404_before_publication_even_for_a_superuser(client, round_, officer, superuser, state):
    priority = _priority(round_)
    _in_state(priority, officer, state)
    client.force_login(superuser)

    assert client.get(reverse("specification_amend", args=[round_.pk, priority.pk])).status_code == 404


def test_the_edit_form_is_not_offered_after_submission_even_for_a_superuser(client, round_, officer, superuser):
    priority = _priority(round_)
    _in_state(priority, officer, SpecificationState.SUBMITTED)
    client.force_login(superuser)

    response = client.get(reverse("specification_edit", args=[round_.pk, priority.pk]), follow=True)

    assert "Only a draft can be edited." in response.content.decode()
    assert 'name="outcome_sought"' not in response.content.decode()


@pytest.mark.parametrize("who", ["superuser", "officer"])
@pytest.mark.parametrize(
    ("url_name", "state", "data", "reason"),
    [
        ("specification_approve", SpecificationState.DRAFT, {}, "so it cannot be approved"),
        ("specification_return", SpecificationState.PUBLISHED, {"reason": "Why"}, "so it cannot be returned"),
        ("specification_edit", SpecificationState.SUBMITTED, {"title": "Renamed"}, "Only a draft can be edited."),
    ],
)
def test_a_post_the_state_does_not_allow_goes_back_with_the_reason_and_changes_nothing(
    client, round_, officer, superuser, who, url_name, state, data, reason
):
    priority = _priority(round_)
    spec = _in_state(priority, officer, state)
    client.force_login(superuser if who == "superuser" else officer)

    response = client.post(reverse(url_name, args=[round_.pk, priority.pk]), data)

    detail = reverse("specification_detail", args=[round_.pk, priority.pk])
    assert (response.status_code, response.url) == (302, detail)
    assert reason in client.get(detail).content.decode()
    after = Specification.objects.get(pk=spec.pk)
    assert (after.state, after.version, after.title) == (spec.state, spec.version, spec.title)


def test_an_amendment_posted_before_publication_is_404_even_for_a_superuser(client, round_, officer, superuser):
    priority = _priority(round_)
    spec = _in_state(priority, officer, SpecificationState.APPROVED)
    client.force_login(superuser)

    response = client.post(reverse("specification_amend", args=[round_.pk, priority.pk]), {"note": "Changed"})

    assert response.status_code == 404
    assert Specification.objects.get(pk=spec.pk).version == spec.version
