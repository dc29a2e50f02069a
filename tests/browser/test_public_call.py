"""The call open to the city: the signed-out home page lists open calls and the mailing-list sign-up;
an officer takes a name and a phone number out of a question before publishing its answer."""

import pytest
from django.core import mail
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role, Stage
from priorities.specifications.enums import SubscriberStatus
from priorities.specifications.models import Question, Subscriber
from priorities.specifications.services import clarifications
from tests.browser.conftest import PHONE, html
from tests.factories.commissioning import RoundFactory, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import published

ASKED = "This is Bea Bidder from Hillfields Trust, 07700 900123. Can one partner join two consortia?"
EDITED = "Can one partner join two consortia?"


@pytest.fixture
def open_call(transactional_db):
    round_ = RoundFactory(name="Neighbourhood renewal 2027", place="Coventry")
    officer = person_with_role(round_, Role.OFFICER, full_name="Olive Officer")
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    spec = published(priority, officer)
    round_.stage = Stage.CALL
    round_.save()
    mail.outbox.clear()
    return round_, officer, spec


def test_signed_out_home_page_lists_open_calls_and_the_mailing_list_sign_up(
    new_page, live_server, open_call, assert_accessible, assert_no_horizontal_scroll
):
    round_, _officer, _spec = open_call
    RoundFactory(name="Safer streets 2028", stage=Stage.SPECIFICATION)

    page = new_page()
    page.goto(reverse("home"))
    open_calls = page.locator(".govuk-summary-card")
    assert open_calls.count() == 1
    assert "Neighbourhood renewal 2027" in open_calls.inner_text()
    assert "Jobs and skills" in open_calls.inner_text()
    assert "Proposals by" in open_calls.inner_text()
    assert "£5,000,000 a year, £15,000,000 over three years" in open_calls.inner_text()
    assert "Safer streets 2028" not in html(page)
    assert_accessible(page)

    page.get_by_role("link", name="Get emails about this call (Neighbourhood renewal 2027)").click()
    assert page.url.endswith(reverse("mailing_signup", args=[round_.public_key]))
    assert_accessible(page)
    page.get_by_label("Your name").fill("Sam Smith")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("button", name="Sign up").click()
    assert "sam@example.org" in html(page)
    subscriber = Subscriber.objects.get(email="sam@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]
    # The link goes back to the server the person used, whatever its port.
    assert f"{live_server.url}/mailing-list/confirm/{subscriber.token}/" in mail.outbox[0].body

    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(reverse("home"))
    assert phone.get_by_role("heading", name="Open calls for proposals").is_visible()
    assert_accessible(phone)
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("link", name="Neighbourhood renewal 2027", exact=True).click()
    assert phone.url.endswith(reverse("call_public", args=[round_.public_key]))
    assert "Jobs and skills" in html(phone)

    no_script = new_page(java_script_enabled=False)
    no_script.goto(reverse("home"))
    assert "Jobs and skills" in html(no_script)


def test_officer_edits_a_question_before_publishing_its_answer(
    new_page, open_call, login, assert_accessible, assert_no_horizontal_scroll
):
    round_, officer, spec = open_call
    asker = person_with_role(round_, Role.BIDDER, full_name="Bea Bidder")
    question = clarifications.ask_question(spec, by=asker, text=ASKED)
    subscriber = SubscriberFactory(round=round_)
    mail.outbox.clear()

    page = new_page()
    login(page, officer)
    page.goto(reverse("question_list", args=[round_.pk]))
    page.get_by_role("link", name="Answer").first.click()
    assert "The question may tell readers who asked it." in html(page)
    assert_accessible(page)
    page.get_by_label("The question, as it will be published").fill(EDITED)
    page.get_by_label("Answer").fill("Yes, as a partner in both; it may lead only one.")
    page.get_by_role("button", name="Publish the answer").click()
    assert "Answer published" in html(page)

    question.refresh_from_db()
    assert question.text == EDITED and question.is_answered
    answer_emails = [m for m in mail.outbox if m.subject.startswith("Question answered")]
    assert sorted(m.to[0] for m in answer_emails) == sorted([asker.email, subscriber.email])
    for message in answer_emails:
        assert EDITED in message.body
        assert "07700 900123" not in message.body and "Bea Bidder" not in message.body

    reader = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    reader.goto(reverse("specification_detail", args=[round_.pk, spec.priority_id]))
    questions = reader.locator("#questions ~ .govuk-inset-text").inner_text()
    assert EDITED in questions and "07700" not in questions
    assert_accessible(reader)
    assert_no_horizontal_scroll(reader)

    page.goto(reverse("round_audit", args=[round_.pk]))
    assert "07700 900123" in page.locator("main").inner_text()
    assert AuditEntry.objects.get(action="question.edited").before == {"text": ASKED}
    assert Question.objects.get(pk=question.pk).text == EDITED


def test_answer_page_fits_a_phone(new_page, open_call, login, assert_accessible, assert_no_horizontal_scroll):
    round_, officer, spec = open_call
    question = clarifications.ask_question(spec, by=person_with_role(round_, Role.BIDDER), text=ASKED)

    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(phone, officer)
    phone.goto(reverse("question_answer", args=[round_.pk, question.pk]))
    phone.get_by_label("The question, as it will be published").fill(EDITED)
    phone.get_by_role("button", name="Save the question without answering").click()
    assert "Question saved" in html(phone)
    assert_accessible(phone)
    assert_no_horizontal_scroll(phone)
    assert Question.objects.get(pk=question.pk).text == EDITED
