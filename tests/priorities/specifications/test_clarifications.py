import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commissioning.common.errors import ApplicationError
from commissioning.enums import Role
from priorities.specifications.models import Question, SpecificationFollower
from priorities.specifications.services import clarifications
from tests.factories.commissioning import PASSWORD, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    mail.outbox.clear()
    return spec


def test_bidder_asks_and_officers_are_told(client, round_, officer, spec, django_capture_on_commit_callbacks):
    bidder = person_with_role(round_, Role.BIDDER, full_name="Bea Bidder")
    client.login(email=bidder.email, password=PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("question_ask", args=[round_.pk, spec.priority_id]), {"text": "Can partners be in two bids?"}
        )

    assert response.status_code == 302
    question = Question.objects.get(specification=spec)
    assert question.asked_by == bidder
    assert SpecificationFollower.objects.filter(specification=spec, user=bidder).exists()
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert mail.outbox[0].subject == "New question: Jobs and skills"


def test_question_after_deadline_is_refused_with_message(client, round_, spec):
    bidder = person_with_role(round_, Role.BIDDER)
    spec.question_deadline = timezone.now() - datetime.timedelta(minutes=1)
    spec.save()
    client.login(email=bidder.email, password=PASSWORD)

    response = client.post(reverse("question_ask", args=[round_.pk, spec.priority_id]), {"text": "Too late?"})

    assert response.status_code == 403
    assert "The deadline for questions on this specification was" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize("role", [Role.PANEL, Role.SUBGROUP, Role.SPONSOR])
def test_only_bidders_ask_when_the_round_says_so(client, round_, spec, role):
    round_.questions_from_bidders_only = True
    round_.save()
    user = person_with_role(round_, role)
    client.login(email=user.email, password=PASSWORD)

    response = client.post(reverse("question_ask", args=[round_.pk, spec.priority_id]), {"text": "May I?"})

    assert response.status_code == 403
    assert "takes clarification questions on this call only from registered bidders" in response.content.decode()
    assert not Question.objects.exists()


def test_officers_answer_rather_than_ask(client, round_, officer, spec):
    client.login(email=officer.email, password=PASSWORD)

    response = client.post(reverse("question_ask", args=[round_.pk, spec.priority_id]), {"text": "May I?"})

    assert response.status_code == 403
    assert "Officers answer questions rather than ask them." in response.content.decode()
    assert not Question.objects.exists()


def test_answer_goes_to_followers_and_subscribers_without_asker(
    round_, officer, spec, django_capture_on_commit_callbacks
):
    bidder = person_with_role(round_, Role.BIDDER, full_name="Bea Bidder")
    follower = person_with_role(round_, Role.BIDDER)
    clarifications.follow(spec, user=follower)
    subscriber = SubscriberFactory(round=round_)
    SubscriberFactory(round=round_, email=follower.email)  # the same person twice: one email
    question = clarifications.ask_question(spec, by=bidder, text="Can partners be in two bids?")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        clarifications.answer_question(question, by=officer, answer="Yes, but lead only one.")

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([bidder.email, follower.email, subscriber.email])
    for message in mail.outbox:
        assert "Yes, but lead only one." in message.body
        assert "Bea Bidder" not in message.body and bidder.email not in message.body
    with pytest.raises(ApplicationError):
        clarifications.answer_question(question, by=officer, answer="Again")


def test_unanswered_question_hidden_from_other_bidders(client, round_, officer, spec):
    asker = person_with_role(round_, Role.BIDDER)
    other = person_with_role(round_, Role.BIDDER)
    clarifications.ask_question(spec, by=asker, text="A secret worry")
    client.login(email=other.email, password=PASSWORD)

    response = client.get(reverse("specification_detail", args=[round_.pk, spec.priority_id]))

    assert "A secret worry" not in response.content.decode()
