"""A round's public pages are addressed by a random key and answer 404 until something of it is published."""

import pytest
from django.test import Client
from django.urls import reverse

from commissioning.common.tokens import is_token
from priorities.specifications.models import Subscriber
from tests.factories.commissioning import RoundFactory
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import approved, published

pytestmark = pytest.mark.django_db


def _public_urls(round_, priority):
    return [
        reverse("call_public", args=[round_.public_key]),
        reverse("mailing_signup", args=[round_.public_key]),
        reverse("specification_public", args=[round_.public_key, priority.pk]),
        reverse("specification_public_pdf", args=[round_.public_key, priority.pk]),
        f"/rounds/{round_.pk}/call/",
        f"/rounds/{round_.pk}/mailing-list/sign-up/",
    ]


@pytest.mark.parametrize("how_far", ["nothing written", "approved, not published"])
def test_a_round_with_nothing_published_has_no_public_page_and_its_name_is_not_shown(round_, officer, how_far):
    round_.name = "Secret regeneration round"
    round_.save()
    priority = PriorityFactory(round=round_, issue__round=round_)
    if how_far != "nothing written":
        approved(priority, officer)
    client = Client()

    for url in _public_urls(round_, priority):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Secret regeneration round" not in response.content.decode(), url
    signup = client.post(
        reverse("mailing_signup", args=[round_.public_key]), {"name": "Ann", "email": "ann@example.org"}
    )
    assert signup.status_code == 404
    assert not Subscriber.objects.exists()
    assert "Secret regeneration round" not in client.get(reverse("home")).content.decode()


def test_a_published_round_answers_at_its_key_and_its_old_id_addresses_redirect_there(
    round_, officer, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    with django_capture_on_commit_callbacks(execute=True):
        published(priority, officer)
    client = Client()
    call_url = reverse("call_public", args=[round_.public_key])

    page = client.get(call_url).content.decode()

    assert round_.name in page
    assert f'href="{reverse("specification_public", args=[round_.public_key, priority.pk])}"' in page
    assert f'href="{reverse("specification_public_pdf", args=[round_.public_key, priority.pk])}"' in page
    assert f'href="{reverse("mailing_signup", args=[round_.public_key])}"' in page
    assert f"/rounds/{round_.pk}/" not in page
    assert (
        "Jobs and skills"
        in client.get(reverse("specification_public", args=[round_.public_key, priority.pk])).content.decode()
    )
    pdf = client.get(reverse("specification_public_pdf", args=[round_.public_key, priority.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    old = client.get(f"/rounds/{round_.pk}/call/")
    assert (old.status_code, old["Location"]) == (301, call_url)
    old_signup = client.get(f"/rounds/{round_.pk}/mailing-list/sign-up/")
    assert (old_signup.status_code, old_signup["Location"]) == (
        301,
        reverse("mailing_signup", args=[round_.public_key]),
    )


def test_a_key_shows_only_its_own_rounds_priorities(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    published(priority, officer)
    other = RoundFactory()
    other_priority = PriorityFactory(round=other, issue__round=other)
    published(other_priority, officer)

    response = Client().get(reverse("specification_public", args=[round_.public_key, other_priority.pk]))

    assert response.status_code == 404


def test_public_keys_are_random_and_unique(db):
    first, second = RoundFactory(), RoundFactory()

    assert first.public_key != second.public_key
    assert is_token(first.public_key) and len(first.public_key) >= 22
