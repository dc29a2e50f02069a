"""Headers every answer carries: the Content-Security-Policy, and Cache-Control for private answers."""

import re

import pytest
from django.urls import reverse

from commissioning.enums import Role
from priorities.workshop.enums import WorkshopState
from tests.factories.commissioning import RoundFactory, person_with_role
from tests.factories.priorities import SubscriberFactory
from tests.priorities.workshop.helpers import workshop_with_issues

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def test_pages_carry_a_policy_that_allows_only_this_sites_scripts(client):
    response = client.get(reverse("home"))

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe" in source for source in policy["script-src"] + policy["style-src"])


def test_pages_have_no_inline_script_nor_event_handler(client):
    officer = person_with_role(RoundFactory(), Role.OFFICER)
    client.force_login(officer)
    html = client.get(reverse("round_detail", args=[officer.round_roles.get().round_id])).content.decode()

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.findall(r"\son[a-z]+\s*=", html) == []
    assert 'name="htmx-config"' in html


def test_a_signed_in_persons_pages_and_downloads_are_never_stored(client):
    round_ = RoundFactory()
    officer = person_with_role(round_, Role.OFFICER)
    workshop = workshop_with_issues(round_, issues=2, state=WorkshopState.CONFIRMED)
    client.force_login(officer)

    page = client.get(reverse("round_detail", args=[round_.pk]))
    csv = client.get(reverse("workshop_results_csv", args=[round_.pk, workshop.pk]))

    assert page.status_code == 200
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    for response in (page, csv):
        parts = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= parts
        assert "public" not in parts


def test_a_page_reached_through_a_secret_link_is_never_stored_even_signed_out(client):
    subscriber = SubscriberFactory()

    response = client.get(reverse("mailing_unsubscribe", args=[subscriber.token]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_pages_for_people_signed_out_stay_cacheable(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
