"""Officers edit a question (take out a name, a phone number) before its answer is published:
the published answer and its emails carry the edited wording, the audit trail keeps the original."""

import pytest
from django.core import mail
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role
from priorities.specifications.models import Question
from priorities.specifications.personal_details import find_personal_details
from priorities.specifications.services import clarifications
from tests.factories.commissioning import PASSWORD, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import published

pytestmark = pytest.mark.django_db

ASKED = "I'm Bea Bidder of Hillfields Trust, ring me on 07700 900123: can one partner join two consortia?"
EDITED = "Can one partner join two consortia?"


@pytest.fixture
def spec(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    mail.outbox.clear()
    return spec


@pytest.fixture
def asker(round_):
    return person_with_role(round_, Role.BIDDER, full_name="Bea Bidder")


@pytest.fixture
def question(spec, asker):
    question = clarifications.ask_question(spec, by=asker, text=ASKED)
    mail.outbox.clear()
    return question


def answer_url(question):
    return reverse("question_answer", args=[question.round_id, question.pk])


def test_officer_edits_question_and_answers_and_emails_carry_the_edited_text(
    client, round_, officer, spec, asker, question, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(round=round_)
    client.login(email=officer.email, password=PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url(question), {"text": EDITED, "answer": "Yes, as a partner in both."})

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == EDITED
    assert question.answer == "Yes, as a partner in both."
    assert sorted(m.to[0] for m in mail.outbox) == sorted([asker.email, subscriber.email])
    for message in mail.outbox:
        assert EDITED in message.body
        assert "07700 900123" not in message.body and "Bea Bidder" not in message.body
        assert "07700" not in message.alternatives[0][0]
    edit = AuditEntry.objects.get(action="question.edited", object_id=str(question.pk))
    assert edit.before == {"text": ASKED}
    assert edit.after == {"text": EDITED}
    assert edit.actor == officer
    assert AuditEntry.objects.get(action="question.asked", object_id=str(question.pk)).after["text"] == ASKED
    page = client.get(reverse("specification_detail", args=[round_.pk, spec.priority_id])).content.decode()
    assert EDITED in page and "07700 900123" not in page


def test_officer_saves_an_edit_without_answering_and_nothing_is_sent(
    client, officer, question, django_capture_on_commit_callbacks
):
    client.login(email=officer.email, password=PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url(question), {"text": EDITED, "answer": "", "save_question": "1"})

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == EDITED
    assert not question.is_answered
    assert mail.outbox == []
    assert AuditEntry.objects.get(action="question.edited").before == {"text": ASKED}
    page = client.get(answer_url(question)).content.decode()
    assert "Question saved. It is published only with its answer." in page
    assert EDITED in page


def test_answer_page_warns_of_the_askers_name_and_phone_number(client, officer, question):
    client.login(email=officer.email, password=PASSWORD)

    page = client.get(answer_url(question)).content.decode()

    assert "The question may tell readers who asked it." in page
    assert "The asker&#x27;s name: “Bea Bidder”" in page
    assert "A phone number: “07700 900123”" in page


def test_publishing_without_an_answer_keeps_both_texts_typed(client, officer, question):
    client.login(email=officer.email, password=PASSWORD)

    response = client.post(answer_url(question), {"text": EDITED, "answer": "  "})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the answer." in page and "govuk-error-summary" in page
    assert EDITED in page
    question.refresh_from_db()
    assert question.text == ASKED
    assert not AuditEntry.objects.filter(action="question.edited").exists()


def test_emptying_the_question_is_refused_with_a_message(client, officer, question):
    client.login(email=officer.email, password=PASSWORD)

    response = client.post(answer_url(question), {"text": "", "answer": "Yes."})

    assert "Enter the question as it will be published." in response.content.decode()
    question.refresh_from_db()
    assert question.text == ASKED and not question.is_answered


def test_answered_question_can_no_longer_be_edited(officer, question):
    clarifications.answer_question(question, by=officer, answer="Yes.")

    with pytest.raises(ApplicationError):
        clarifications.edit_question(question, by=officer, text="Something else")

    question.refresh_from_db()
    assert question.text == ASKED
    assert not AuditEntry.objects.filter(action="question.edited").exists()


@pytest.mark.parametrize("who", ["officer", "superuser"])
@pytest.mark.parametrize("posted", [{"text": "Something else", "answer": "No."}, {"text": "Something else"}])
def test_an_answered_questions_page_takes_no_more_changes(client, officer, question, django_user_model, who, posted):
    clarifications.answer_question(question, by=officer, answer="Yes.")
    person = officer
    if who == "superuser":
        person = django_user_model.objects.create_superuser(email="root@example.org", password="x" * 12)
    client.force_login(person)
    entries = AuditEntry.objects.count()

    page = client.get(answer_url(question)).content.decode()
    response = client.post(answer_url(question), posted)

    assert 'name="answer"' not in page
    assert (response.status_code, response.url) == (302, answer_url(question))
    assert "This question has already been answered and the answer sent." in client.get(response.url).content.decode()
    question.refresh_from_db()
    assert (question.text, question.answer) == (ASKED, "Yes.")
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("role", [Role.BIDDER, Role.BOARD, Role.SUBGROUP, Role.SPONSOR])
def test_only_officers_edit_questions(client, round_, question, role):
    user = person_with_role(round_, role)
    client.login(email=user.email, password=PASSWORD)

    response = client.post(answer_url(question), {"text": "Rewritten", "save_question": "1"})

    assert response.status_code == 404
    assert Question.objects.get(pk=question.pk).text == ASKED


def test_personal_details_found_in_a_question():
    text = "Call Sam Okafor on +44 (0)24 7683 1234 or 07700-900-123, or write to sam@example.org."

    found = find_personal_details(text, asker_name="Sam Okafor", asker_email="sam@example.org")

    assert [(d.kind, d.text) for d in found] == [
        ("the asker's name", "Sam Okafor"),
        ("the asker's email address", "sam@example.org"),
        ("a phone number", "+44 (0)24 7683 1234"),
        ("a phone number", "07700-900-123"),
    ]
    assert find_personal_details("Can a budget of 750000 a year cover 2027 to 2030?", asker_name="Sam Okafor") == []


def test_email_addresses_are_found_beside_long_runs_of_letters_and_at_signs():
    # Text pasted in from elsewhere: long runs with no address in them, then addresses in their usual shapes.
    runs = "a" * 5_000 + " " + "x@" * 2_000 + " " + "b." * 2_000
    text = f"{runs} Write to jo.smith+bids@mail.example.co.uk (or ops@example.org)."

    found = find_personal_details(text)

    assert [d.text for d in found] == ["jo.smith+bids@mail.example.co.uk", "ops@example.org"]
    assert find_personal_details("j" * 65 + "@example.org") == []  # no local part is longer than 64
