"""Who may ask a clarification question about a published specification: anyone signed in with a
confirmed email address, unless the round takes questions from its registered bidders only; everyone
else is told why and what to do, never shown a bare 404."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from priorities.specifications.models import Question, SpecificationFollower
from tests.factories.commissioning import PASSWORD, UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import published, written

pytestmark = pytest.mark.django_db

RESTRICTED = "takes clarification questions on this call only from registered bidders"
CONFIRM = "Confirm your email address before you ask a question"


@pytest.fixture
def spec(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    mail.outbox.clear()
    return spec


def detail_url(spec):
    return reverse("specification_detail", args=[spec.round_id, spec.priority_id])


def ask_url(spec):
    return reverse("question_ask", args=[spec.round_id, spec.priority_id])


def test_person_who_created_their_own_account_asks_a_question(
    client, round_, officer, spec, django_capture_on_commit_callbacks
):
    cache.clear()  # allauth counts confirmation emails per address in the cache
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "lena@hillfields.org", "password1": "a-long-passphrase", "password2": "a-long-passphrase"},
        )
    confirm = re.search(r"http\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    client.post(confirm)
    client.post(reverse("account_login"), {"login": "lena@hillfields.org", "password": "a-long-passphrase"})
    mail.outbox.clear()

    page = client.get(detail_url(spec)).content.decode()
    assert "Ask a question" in page
    assert client.get(ask_url(spec)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(spec), {"text": "Can a community group lead?"})

    assert response.status_code == 302
    question = Question.objects.get(specification=spec)
    assert question.asked_by.email == "lena@hillfields.org"
    assert question.text == "Can a community group lead?"
    assert SpecificationFollower.objects.filter(specification=spec, user=question.asked_by).exists()
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_person_with_an_unconfirmed_address_is_told_to_confirm_it(client, spec):
    person = UserFactory(email="unconfirmed@example.org")
    EmailAddress.objects.filter(user=person).update(verified=False)
    client.force_login(person)

    detail = client.get(detail_url(spec)).content.decode()
    ask_page = client.get(ask_url(spec))
    refused = client.post(ask_url(spec), {"text": "May I?"})

    assert CONFIRM in detail and "Ask a question</a>" not in detail
    assert reverse("account_email") in detail
    assert ask_page.status_code == 200
    assert CONFIRM in ask_page.content.decode()
    assert 'name="text"' not in ask_page.content.decode()
    assert refused.status_code == 403
    assert CONFIRM in refused.content.decode()
    assert not Question.objects.exists()


def test_round_for_registered_bidders_only_says_so_and_how_to_register(client, round_, spec):
    round_.questions_from_bidders_only = True
    round_.save()
    client.force_login(UserFactory())

    detail = client.get(detail_url(spec)).content.decode()
    refused = client.post(ask_url(spec), {"text": "May I?"})

    assert RESTRICTED in detail
    assert f"ask a partnership officer of {round_.partnership} to add your organisation to this round as a bidder" in (
        detail
    )
    assert refused.status_code == 403
    assert RESTRICTED in refused.content.decode()
    assert not Question.objects.exists()


def test_registered_bidder_still_asks_when_the_round_restricts_questions(client, round_, spec):
    round_.questions_from_bidders_only = True
    round_.save()
    bidder = person_with_role(round_, Role.BIDDER)
    client.login(email=bidder.email, password=PASSWORD)

    response = client.post(ask_url(spec), {"text": "Is match funding needed?"})

    assert response.status_code == 302
    assert Question.objects.get().asked_by == bidder


def test_signed_out_reader_is_shown_how_to_ask(client, spec):
    page = client.get(detail_url(spec)).content.decode()
    response = client.get(ask_url(spec))

    assert f'href="{reverse("account_login")}?next={ask_url(spec)}"' in page
    assert f'href="{reverse("account_signup")}?next={ask_url(spec)}"' in page
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_nobody_outside_the_round_asks_about_a_draft(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Safer streets")
    draft = written(priority, officer)
    client.force_login(UserFactory())

    response = client.post(ask_url(draft), {"text": "What is this?"})

    assert response.status_code == 404
    assert not Question.objects.exists()


def test_officer_chooses_questions_from_registered_bidders_only_on_the_round_form(client, round_, officer):
    client.force_login(officer)
    form = client.get(reverse("round_edit", args=[round_.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields if name != "questions_from_bidders_only"}

    response = client.post(reverse("round_edit", args=[round_.pk]), {**data, "questions_from_bidders_only": "on"})

    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.questions_from_bidders_only is True
    entry = AuditEntry.objects.get(action="round.updated")
    assert entry.before["questions_from_bidders_only"] is False
    assert entry.after["questions_from_bidders_only"] is True
