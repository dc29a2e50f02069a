import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.enums import Role
from commissioning.rounds.models import RoundRole
from priorities.specifications.enums import SpecificationState
from priorities.specifications.models import Specification, SpecificationVersion, Subscriber
from priorities.specifications.services import specifications as services
from priorities.specifications.services.specifications import save_specification
from priorities.workshop.models import Priority
from tests.factories.commissioning import PASSWORD, IndicatorFactory, RoundFactory, UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import complete_fields, confirm_all, published, subgroup_member, written

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _form_data(priority, **overrides):
    fields = complete_fields(priority)
    data = {
        name: value
        for name, value in fields.items()
        if name
        not in (
            "allocations_pence",
            "strategic_outcome",
            "sponsor_organisation",
            "question_deadline",
            "proposal_deadline",
        )
    }
    data["client_group_consulted"] = "on"
    data["strategic_outcome"] = priority.outcome.pk
    data["sponsor_organisation"] = fields["sponsor_organisation"].pk
    data["question_deadline"] = fields["question_deadline"].strftime("%Y-%m-%dT%H:%M")
    data["proposal_deadline"] = fields["proposal_deadline"].strftime("%Y-%m-%dT%H:%M")
    for number in range(1, priority.round.number_of_years + 1):
        data[f"allocation_year_{number}"] = "1,000,000"
    data.update(overrides)
    return data


def test_subgroup_member_of_the_priority_saves_a_draft(client, round_):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    _login(client, member)

    response = client.post(reverse("specification_edit", args=[round_.pk, priority.pk]), _form_data(priority))

    assert response.status_code == 302
    spec = Specification.objects.get(priority=priority)
    assert spec.allocations_pence == [1_000_000_00] * 3
    assert spec.version == 1


def test_a_draft_over_the_budget_saves_and_submitting_it_names_the_year(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    indicator = IndicatorFactory(outcome=priority.outcome)
    _login(client, member)

    response = client.post(
        reverse("specification_edit", args=[round_.pk, priority.pk]),
        _form_data(priority, allocation_year_2="6,000,000", indicators=[indicator.pk]),
    )

    assert response.status_code == 302
    spec = Specification.objects.get(priority=priority)
    assert spec.allocations_pence == [1_000_000_00, 6_000_000_00, 1_000_000_00]
    response = client.post(reverse("specification_submit", args=[round_.pk, priority.pk]), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages[-2:] == [
        "The maximum allocation is over the round's budget in 1 year.",
        "Year 2 (2028 to 2029) would be £1,000,000 over the round's budget of £5,000,000 a year. Other "
        "specifications already hold £0 that year, so this one can have at most £5,000,000 that year.",
    ]
    spec.refresh_from_db()
    assert spec.state == SpecificationState.DRAFT


def test_edit_page_shows_each_years_budget_allocated_and_left(client, round_, officer):
    submitted_priority = PriorityFactory(round=round_, issue__round=round_)
    spec = written(submitted_priority, officer, annual_pence=1_200_000_00)
    services.submit_specification(spec, by=officer)
    written(PriorityFactory(round=round_, issue__round=round_), officer, annual_pence=3_000_000_00)  # a draft
    priority = PriorityFactory(round=round_, issue__round=round_)
    _login(client, officer)

    content = client.get(reverse("specification_edit", args=[round_.pk, priority.pk])).content.decode()

    for year in ["Year 1 (2027 to 2028)", "Year 2 (2028 to 2029)", "Year 3 (2029 to 2030)"]:
        assert (
            f"{year}: a budget of £5,000,000, of which other specifications hold £1,200,000; £3,800,000 left."
            in content
        )


def test_edit_page_reads_the_budget_in_the_same_queries_for_one_year_or_ten(client, officer, django_assert_num_queries):
    counts = []
    for years in (1, 10):
        round_ = RoundFactory(number_of_years=years)
        RoundRole.objects.create(round=round_, user=officer, role=Role.OFFICER)
        for _ in range(3):
            other = PriorityFactory(round=round_, issue__round=round_)
            services.submit_specification(written(other, officer, annual_pence=100_000_00), by=officer)
        priority = PriorityFactory(round=round_, issue__round=round_)
        _login(client, officer)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("specification_edit", args=[round_.pk, priority.pk]))
        assert response.content.decode().count("of which other specifications hold £300,000") == years
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_submission_missing_several_things_shows_each_in_the_error_summary(client, round_):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    spec = written(priority, member, client_group="", evaluation_requirements="")
    _login(client, member)

    response = client.post(reverse("specification_submit", args=[round_.pk, priority.pk]), follow=True)

    refusal = [
        "The specification is not ready to submit.",
        "Name the client group.",
        "Say how proposals must show the activity will be evaluated.",
    ]
    assert [str(message) for message in response.context["messages"]] == refusal
    summaries = response.content.decode().split('class="govuk-error-summary"')[1:]
    assert [text for text in refusal if any(text in summary for summary in summaries)] == refusal
    spec.refresh_from_db()
    assert spec.state == SpecificationState.DRAFT


def test_outcome_written_as_outputs_warns_but_saves(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    _login(client, officer)

    client.post(
        reverse("specification_edit", args=[round_.pk, priority.pk]),
        _form_data(priority, outcome_sought="20 sessions delivered and the number of people attending."),
    )
    response = client.get(reverse("specification_detail", args=[round_.pk, priority.pk]))

    assert Specification.objects.filter(priority=priority).exists()
    content = response.content.decode()
    assert "reads partly as outputs" in content
    assert "sessions delivered" in content


@pytest.mark.parametrize("role", ["other_subgroup", Role.BIDDER, Role.PANEL, Role.BOARD, "outsider"])
def test_edit_refused_to_others_leaves_database_unchanged(client, round_, officer, role):
    priority = PriorityFactory(round=round_, issue__round=round_)
    spec = written(priority, officer)
    if role == "other_subgroup":
        user = subgroup_member(PriorityFactory(round=round_, issue__round=round_))
    elif role == "outsider":
        user = UserFactory()
    else:
        user = person_with_role(round_, role)
    _login(client, user)

    response = client.post(
        reverse("specification_edit", args=[round_.pk, priority.pk]), _form_data(priority, milestones="Hacked")
    )

    assert response.status_code == 404
    spec.refresh_from_db()
    assert spec.milestones != "Hacked"
    assert SpecificationVersion.objects.filter(specification=spec).count() == 1


@pytest.mark.parametrize("role", [Role.BIDDER, Role.PANEL, "outsider"])
def test_draft_hidden_from_bidders_panels_and_outsiders(client, round_, officer, role):
    priority = PriorityFactory(round=round_, issue__round=round_)
    written(priority, officer)
    user = UserFactory() if role == "outsider" else person_with_role(round_, role)
    _login(client, user)

    detail = client.get(reverse("specification_detail", args=[round_.pk, priority.pk]))
    listing = client.get(reverse("call_public", args=[round_.public_key]))

    assert detail.status_code == 404
    assert priority.title not in listing.content.decode()


def test_draft_readable_by_other_subgroup_members(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    written(priority, officer)
    other = subgroup_member(PriorityFactory(round=round_, issue__round=round_))
    _login(client, other)

    response = client.get(reverse("specification_detail", args=[round_.pk, priority.pk]))

    assert response.status_code == 200
    assert "Edit the draft" not in response.content.decode()


def test_published_specification_is_public_with_pdf(client, round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        published(priority, officer)

    listing = client.get(reverse("call_public", args=[round_.public_key]))
    detail = client.get(reverse("specification_detail", args=[round_.pk, priority.pk]))
    pdf = client.get(reverse("specification_pdf", args=[round_.pk, priority.pk]))

    assert priority.title in listing.content.decode()
    assert "Fewer young people in Hillfields" in detail.content.decode()
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_subgroup_cannot_approve_or_publish(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    spec = written(priority, member)
    _login(client, member)
    client.post(reverse("specification_submit", args=[round_.pk, priority.pk]))

    confirm_all(spec)
    approve = client.post(reverse("specification_approve", args=[round_.pk, priority.pk]))
    publish = client.post(reverse("specification_publish", args=[round_.pk, priority.pk]))

    assert approve.status_code == 404
    assert publish.status_code == 404
    spec.refresh_from_db()
    assert spec.state == SpecificationState.SUBMITTED


def test_officer_approves_and_publishes_through_pages(client, round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    SubscriberFactory(round=round_, email="reader@example.net")
    spec = written(priority, officer)
    _login(client, officer)
    client.post(reverse("specification_submit", args=[round_.pk, priority.pk]))
    confirm_all(spec)
    client.post(reverse("specification_approve", args=[round_.pk, priority.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("specification_publish", args=[round_.pk, priority.pk]))

    spec.refresh_from_db()
    assert spec.state == SpecificationState.PUBLISHED
    log = client.get(reverse("specification_send_log", args=[round_.pk, priority.pk]))
    assert "reader@example.net" in log.content.decode()
    assert "Sent" in log.content.decode()


def test_version_diff_shows_changed_fields_side_by_side(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    written(priority, officer)
    save_specification(priority, by=officer, fields={"milestones": "Quarterly reports."})
    _login(client, officer)

    response = client.get(reverse("specification_version", args=[round_.pk, priority.pk, 2]))

    content = response.content.decode()
    assert "Key milestones and outputs" in content
    assert "Steering group meets by month 3." in content
    assert "Quarterly reports." in content
    assert "Outcome sought" not in content.split("<tbody")[1]


def test_officer_assigns_subgroup_member(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    person = person_with_role(round_, Role.SUBGROUP)
    _login(client, officer)

    client.post(reverse("subgroup_members", args=[round_.pk, priority.pk]), {"user": person.pk})

    assert priority.subgroup_members.filter(user=person).exists()


def _page_query_counts(client, round_):
    counts = {}
    for name in ("specification_list", "call_public", "mailing_list"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(name, args=[round_.public_key if name == "call_public" else round_.pk]))
        assert response.status_code == 200
        counts[name] = len(ctx)
    latest = Priority.objects.filter(round=round_).order_by("-rank").first()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("specification_send_log", args=[round_.pk, latest.pk]))
    assert response.status_code == 200
    counts["send_log"] = len(ctx)
    return counts


def _add_rows(round_, officer, n, django_capture_on_commit_callbacks):
    for _ in range(n):
        priority = PriorityFactory(round=round_, issue__round=round_)
        subgroup_member(priority)
        SubscriberFactory(round=round_)
        with django_capture_on_commit_callbacks(execute=True):
            published(priority, officer, annual_pence=100_000_00)


def test_list_pages_query_count_is_flat(client, round_, officer, django_capture_on_commit_callbacks):
    _add_rows(round_, officer, 1, django_capture_on_commit_callbacks)
    _login(client, officer)
    _page_query_counts(client, round_)  # warm what outlives a request on every page before counting
    one = _page_query_counts(client, round_)

    _add_rows(round_, officer, 7, django_capture_on_commit_callbacks)
    many = _page_query_counts(client, round_)

    assert one == many


def test_signup_confirm_and_one_click_unsubscribe(
    client, round_, officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        published(PriorityFactory(round=round_, issue__round=round_), officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("mailing_signup", args=[round_.public_key]),
            {"name": "Ann", "email": "Ann@Example.org", "organisation": ""},
        )
    subscriber = Subscriber.objects.get(partnership=round_.partnership)
    assert subscriber.status == "pending"
    assert mailoutbox[0].to == ["ann@example.org"]
    assert f"/mailing-list/confirm/{subscriber.token}/" in mailoutbox[0].body

    client.post(reverse("mailing_confirm", args=[subscriber.token]))
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"

    page = client.get(reverse("mailing_unsubscribe", args=[subscriber.token]))
    assert "Unsubscribe" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"

    one_click = Client(enforce_csrf_checks=True).post(
        reverse("mailing_unsubscribe", args=[subscriber.token]), {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_officer_amends_through_page_and_public_sees_only_published_versions(
    client, round_, officer, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(round=round_, issue__round=round_)
    SubscriberFactory(round=round_, email="reader@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    _login(client, officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("specification_amend", args=[round_.pk, priority.pk]),
            _form_data(priority, milestones="Mid-point review.", note="Added a review."),
        )

    assert response.status_code == 302
    spec.refresh_from_db()
    assert spec.state == SpecificationState.AMENDED
    assert spec.milestones == "Mid-point review."
    client.logout()
    versions = client.get(reverse("specification_versions", args=[round_.pk, priority.pk])).content.decode()
    assert f"Version {spec.version}," in versions
    assert f"Version {spec.published_version}," in versions
    assert spec.published_version == 1 and spec.version == 2
    draft_diff = client.get(reverse("specification_version", args=[round_.pk, priority.pk, 2]))
    assert "Mid-point review." in draft_diff.content.decode()


def test_amend_refused_to_subgroup_member(client, round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    _login(client, member)

    response = client.post(
        reverse("specification_amend", args=[round_.pk, priority.pk]),
        _form_data(priority, milestones="Changed", note="Mine"),
    )

    assert response.status_code == 404
    spec.refresh_from_db()
    assert spec.state == SpecificationState.PUBLISHED
    assert spec.amendment_count == 0


def test_round_page_summarises_specifications(client, round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    written(priority, officer)
    _login(client, officer)

    content = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert "0 of 1 priority has a published specification." in content
    assert reverse("mailing_list", args=[round_.pk]) in content
