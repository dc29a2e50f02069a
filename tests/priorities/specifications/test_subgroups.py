"""Sub-groups: the people added are emailed, their round page links to their specification, and the list
says "Add members" until there are some."""

import pytest
from django.urls import reverse

from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from tests.factories.commissioning import PASSWORD, person_with_role
from tests.factories.priorities import PriorityFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def test_person_added_to_a_subgroup_is_emailed_a_link_to_their_specification(
    client, round_, officer, mailoutbox, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    person = person_with_role(round_, Role.SUBGROUP, full_name="Owen Davies")
    _login(client, officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("subgroup_members", args=[round_.pk, priority.pk]), {"user": person.pk})

    assert response.status_code == 302
    email = OutgoingEmail.objects.get(to_email=person.email)
    assert email.subject == "You are on the sub-group for “Worklessness”"
    assert "Dear Owen Davies" in email.body_text
    assert "Olive Officer has added you to the sub-group" in email.body_text
    link = f"http://testserver{reverse('specification_detail', args=[round_.pk, priority.pk])}"
    assert f"Your specification: {link}" in email.body_text
    assert [message.to for message in mailoutbox] == [[person.email]]


def test_adding_a_person_twice_sends_one_email(client, round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    person = person_with_role(round_, Role.SUBGROUP)
    _login(client, officer)
    url = reverse("subgroup_members", args=[round_.pk, priority.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"user": person.pk})
        second = client.post(url, {"user": person.pk})

    assert second.status_code == 200  # refused on the page
    assert OutgoingEmail.objects.filter(to_email=person.email).count() == 1


def test_round_page_links_a_subgroup_member_straight_to_their_specification(client, round_, officer):
    mine = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    other = PriorityFactory(round=round_, issue__round=round_, title="Housing")
    person = person_with_role(round_, Role.SUBGROUP)
    from priorities.specifications.services.specifications import add_subgroup_member  # noqa: PLC0415

    add_subgroup_member(mine, person, by=officer)
    _login(client, person)

    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    mine_url = reverse("specification_detail", args=[round_.pk, mine.pk])
    assert f'<a class="govuk-link" href="{mine_url}">Your specification: Worklessness</a>' in page
    assert "Your specification: Housing" not in page
    assert client.get(mine_url).status_code == 200
    assert reverse("specification_detail", args=[round_.pk, other.pk]) not in page


def test_specification_list_says_add_members_until_a_subgroup_has_some(client, round_, officer):
    empty = PriorityFactory(round=round_, issue__round=round_, title="Housing")
    staffed = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    from priorities.specifications.services.specifications import add_subgroup_member  # noqa: PLC0415

    add_subgroup_member(staffed, person_with_role(round_, Role.SUBGROUP), by=officer)
    _login(client, officer)

    page = client.get(reverse("specification_list", args=[round_.pk])).content.decode()

    empty_link = reverse("subgroup_members", args=[round_.pk, empty.pk])
    staffed_link = reverse("subgroup_members", args=[round_.pk, staffed.pk])
    assert f'href="{empty_link}">Add members<span' in page
    assert f'href="{staffed_link}">Change members<span' in page
