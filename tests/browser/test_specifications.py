"""A sub-group member writes, an officer approves and publishes, the public reads, a bidder asks."""

from django.urls import reverse

from commissioning.enums import Role
from priorities.specifications.models import Question, Specification
from tests.browser.conftest import html
from tests.factories.commissioning import RoundFactory, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import confirm_all, subgroup_member, written


def test_specification_from_draft_to_published_and_questioned(
    new_page, page, login, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db
):
    round_ = RoundFactory()
    officer = person_with_role(round_, Role.OFFICER)
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    member = subgroup_member(priority)
    SubscriberFactory(round=round_)
    written(priority, member)

    login(page, member)
    page.goto(reverse("specification_edit", args=[round_.pk, priority.pk]))
    assert_accessible(page)
    page.get_by_label("Outcome sought").fill("20 sessions delivered to young people.")
    page.get_by_role("button", name="Save draft").click()
    assert "reads partly as outputs" in html(page)
    assert_accessible(page)
    page.get_by_role("button", name="Submit for approval").click()
    assert page.locator("#state").inner_text() == "Submitted for approval"

    officer_page = new_page()
    login(officer_page, officer)
    officer_page.goto(reverse("specification_detail", args=[round_.pk, priority.pk]))
    officer_page.get_by_role("link", name="Approve").click()
    assert_accessible(officer_page)
    assert "Waiting" in html(officer_page)
    confirm_all(Specification.objects.get(priority=priority))
    officer_page.reload()
    officer_page.get_by_role("button", name="Approve").click()
    officer_page.get_by_role("button", name="Publish to the mailing list").click()
    assert officer_page.locator("#state").inner_text() == "Published"
    assert Specification.objects.get(priority=priority).state == "published"

    public = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    public.goto(reverse("call_public", args=[round_.public_key]))
    assert "Jobs and skills" in html(public)
    assert_accessible(public)
    assert_no_horizontal_scroll(public)

    bidder = person_with_role(round_, Role.BIDDER)
    bidder_page = new_page()
    login(bidder_page, bidder)
    bidder_page.goto(reverse("specification_detail", args=[round_.pk, priority.pk]))
    assert_accessible(bidder_page)
    bidder_page.get_by_role("link", name="Ask a question").click()
    assert_accessible(bidder_page)
    bidder_page.get_by_label("Your question").fill("Can a partner join two consortia?")
    bidder_page.get_by_role("button", name="Send question").click()
    assert Question.objects.filter(specification__priority=priority).count() == 1
