import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from priorities.specifications.models import Subscriber
from tests.factories.commissioning import PASSWORD
from tests.factories.priorities import SubscriberFactory

pytestmark = pytest.mark.django_db


def _upload(client, round_, text):
    return client.post(
        reverse("mailing_import", args=[round_.pk]),
        {"file": SimpleUploadedFile("list.csv", text.encode(), content_type="text/csv")},
    )


def test_import_adds_confirmed_subscribers_and_respects_unsubscribes(client, round_, officer):
    SubscriberFactory(round=round_, email="gone@example.org", status="unsubscribed")
    client.login(email=officer.email, password=PASSWORD)

    response = _upload(client, round_, "name,email,organisation\nAnn,ann@example.org,VAC\nGone,gone@example.org,\n")

    assert response.status_code == 302
    assert Subscriber.objects.get(email="ann@example.org").status == "confirmed"
    assert Subscriber.objects.get(email="gone@example.org").status == "unsubscribed"


def test_import_with_a_bad_row_is_refused_whole(client, round_, officer):
    client.login(email=officer.email, password=PASSWORD)

    response = _upload(client, round_, "name,email,organisation\nAnn,ann@example.org,\nBob,not-an-email,\n")

    assert response.status_code == 200
    content = response.content.decode()
    assert '<td class="govuk-table__cell">3</td>' in content
    assert "Nothing was changed" in content
    assert not Subscriber.objects.exists()


def test_import_refused_to_subgroup_member(client, round_, people):
    client.login(email=people["subgroup"].email, password=PASSWORD)

    response = _upload(client, round_, "name,email,organisation\nAnn,ann@example.org,\n")

    assert response.status_code == 404
    assert not Subscriber.objects.exists()
