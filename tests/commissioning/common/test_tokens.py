"""Links carrying a secret: a damaged or hostile one is a plain 404, answered before any database query."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commissioning.common.errors import ApplicationError
from commissioning.common.tokens import is_token
from commissioning.rounds.models import Invitation
from priorities.specifications.enums import SubscriberStatus
from priorities.specifications.models import Subscriber
from priorities.specifications.services.mailing import confirm_subscription
from tests.factories.priorities import SubscriberFactory

pytestmark = pytest.mark.django_db

PREFIXES = ["/mailing-list/confirm/", "/mailing-list/unsubscribe/", "/invitations/"]
HOSTILE = ["%00", "abc%00def" * 3, "x" * 65, "a" * 5000, "%27%20OR%201=1--aaaaaaaaaaaa", "%E2%80%AEaaaaaaaaaaaaaaaaaa"]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("token", HOSTILE)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_hostile_token_is_404_without_a_query(prefix, token, method, django_assert_num_queries):
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = getattr(client, method)(f"{prefix}{token}/")

    assert response.status_code == 404


def test_real_tokens_still_open_their_pages(round_):
    subscriber = SubscriberFactory(partnership=round_.partnership)
    invitation = Invitation.objects.create(round=round_, email="nia@example.org", role="board")
    client = Client()

    for url in (
        f"/mailing-list/confirm/{subscriber.token}/",
        f"/mailing-list/unsubscribe/{subscriber.token}/",
        f"/invitations/{invitation.token}/",
    ):
        assert client.get(url).status_code == 200, url
    assert is_token(subscriber.token) and is_token(invitation.token)


def test_the_mailing_services_refuse_a_malformed_token_before_looking_it_up(round_):
    SubscriberFactory(partnership=round_.partnership, status=SubscriberStatus.PENDING)

    with CaptureQueriesContext(connection) as captured, pytest.raises(ApplicationError, match="not valid"):
        confirm_subscription("bad\x00token-aaaaaaaaaaaa")

    assert not any("subscriber" in query["sql"] for query in captured.captured_queries)
    assert not Subscriber.objects.filter(status="confirmed").exists()
