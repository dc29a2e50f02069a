"""The home page lists, for everyone, the calls for proposals still open and the mailing-list sign-up."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning.enums import Role, Stage
from tests.factories.commissioning import RoundFactory, UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import published, written

pytestmark = pytest.mark.django_db


def open_round(name, *, titles=("Jobs and skills",), stage=Stage.CALL, **spec_fields):
    round_ = RoundFactory(name=name)
    officer = person_with_role(round_, Role.OFFICER)
    for title in titles:
        published(PriorityFactory(round=round_, issue__round=round_, title=title), officer, **spec_fields)
    round_.stage = stage
    round_.save()
    return round_


def test_signed_out_home_page_lists_open_calls_with_their_links(client):
    round_ = open_round("Neighbourhood renewal 2027", titles=("Jobs and skills", "Safer streets"))

    page = client.get(reverse("home")).content.decode()

    assert "Open calls for proposals" in page
    assert "Neighbourhood renewal 2027" in page
    assert "Jobs and skills" in page and "Safer streets" in page
    assert f'href="{reverse("call_public", args=[round_.public_key])}"' in page
    assert f'href="{reverse("mailing_signup", args=[round_.public_key])}"' in page
    assert "£5,000,000 a year, £15,000,000 over three years" in page
    assert "Proposals by" in page
    assert f'href="{reverse("account_signup")}"' in page


def test_closed_drafted_and_later_calls_are_not_listed(client):
    open_round("Still open round", proposal_deadline=timezone.now() + datetime.timedelta(days=40))
    past = open_round("Closed call round")
    past.specifications.update(
        question_deadline=timezone.now() - datetime.timedelta(days=2),
        proposal_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    open_round("Panels round", stage=Stage.PANELS)
    drafting = RoundFactory(name="Drafting round", stage=Stage.SPECIFICATION)
    priority = PriorityFactory(round=drafting, issue__round=drafting, title="Draft only")
    written(priority, person_with_role(drafting, Role.OFFICER))

    page = client.get(reverse("home")).content.decode()

    assert "Still open round" in page
    assert "Closed call round" not in page
    assert "Panels round" not in page
    assert "Draft only" not in page
    # A round still writing its specifications publishes nothing, its name included.
    assert "Drafting round" not in page
    assert f'href="{reverse("mailing_signup", args=[drafting.public_key])}"' not in page


def test_no_open_call_says_so(client):
    page = client.get(reverse("home")).content.decode()

    assert "No calls for proposals are open at the moment." in page


def test_signed_in_person_without_a_round_also_sees_the_open_calls(client):
    open_round("Neighbourhood renewal 2027")
    client.force_login(UserFactory())

    page = client.get(reverse("home")).content.decode()

    assert "You have no part in a round yet." in page
    assert "Open calls for proposals" in page and "Neighbourhood renewal 2027" in page


def test_home_page_queries_do_not_grow_with_open_calls(client, django_assert_num_queries):
    open_round("Round one")
    RoundFactory(name="Coming one", stage=Stage.SPECIFICATION)
    client.get(reverse("home"))  # warm caches (content types)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for n in range(4):
        open_round(f"Round more {n}", titles=("Jobs", "Homes", "Health"))
        RoundFactory(name=f"Coming more {n}", stage=Stage.SPECIFICATION)

    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(reverse("home")).content.decode()
    assert "Round more 3" in page and "Coming more 3" not in page
