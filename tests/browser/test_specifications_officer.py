"""The officer's pages around specifications, and the mailing list's public pages, under axe-core."""

from django.urls import reverse

from commissioning.enums import Role
from priorities.specifications.models import Subscriber
from priorities.specifications.services import clarifications
from tests.browser.conftest import html
from tests.factories.commissioning import RoundFactory, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import published


def test_officer_pages_and_mailing_list_pages(new_page, page, login, assert_accessible, transactional_db):
    round_ = RoundFactory()
    officer = person_with_role(round_, Role.OFFICER)
    member = person_with_role(round_, Role.SUBGROUP, full_name="Sam Subgroup")
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    spec = published(priority, officer)
    question = clarifications.ask_question(spec, by=person_with_role(round_, Role.BIDDER), text="Two consortia?")
    subscriber = SubscriberFactory(round=round_)

    login(page, officer)
    page.goto(reverse("subgroup_members", args=[round_.pk, priority.pk]))
    assert_accessible(page)
    page.get_by_label("Sub-group member").select_option(label="Sam Subgroup")
    page.get_by_role("button", name="Add to the sub-group").click()
    assert priority.subgroup_members.filter(user=member).exists()

    page.goto(reverse("specification_list", args=[round_.pk]))
    assert_accessible(page)
    page.goto(reverse("mailing_list", args=[round_.pk]))
    assert_accessible(page)
    page.goto(reverse("question_list", args=[round_.pk]))
    assert_accessible(page)
    page.goto(reverse("question_answer", args=[round_.pk, question.pk]))
    assert_accessible(page)
    page.get_by_label("Answer").fill("Yes, as a partner.")
    page.get_by_role("button", name="Publish the answer").click()
    question.refresh_from_db()
    assert question.answer == "Yes, as a partner."

    visitor = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    visitor.goto(reverse("mailing_signup", args=[round_.public_key]))
    assert_accessible(visitor)
    visitor.get_by_label("Your name").fill("Ann Reader")
    visitor.get_by_label("Email address").fill("ann.reader@example.org")
    visitor.get_by_role("button", name="Sign up").click()
    assert "Check your email" in html(visitor)
    assert Subscriber.objects.get(email="ann.reader@example.org").status == "pending"

    visitor.goto(reverse("mailing_unsubscribe", args=[subscriber.token]))
    assert_accessible(visitor)
    without_js = new_page(java_script_enabled=False)
    without_js.goto(reverse("mailing_unsubscribe", args=[subscriber.token]))
    without_js.get_by_role("button", name="Unsubscribe").click()
    assert "You have unsubscribed" in html(without_js)
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
