import pytest
from django.urls import reverse

from priorities.specifications.enums import SubscriberStatus
from tests.factories.commissioning import PASSWORD
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import published

pytestmark = pytest.mark.django_db


def _amend_page(client, round_, officer, priority):
    assert client.login(email=officer.email, password=PASSWORD)
    return client.get(reverse("specification_amend", args=[round_.pk, priority.pk])).content.decode()


def test_amend_page_warns_that_saving_publishes_and_emails_the_whole_list(
    client, round_, officer, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(round=round_, issue__round=round_)
    SubscriberFactory.create_batch(3, round=round_)
    SubscriberFactory(round=round_, status=SubscriberStatus.UNSUBSCRIBED)
    with django_capture_on_commit_callbacks(execute=True):
        published(priority, officer)

    page = _amend_page(client, round_, officer, priority)

    warning = page[page.index('id="amend-warning"') : page.index("</div>", page.index('id="amend-warning"'))]
    assert "Saving publishes the amendment at once" in warning
    assert "to the whole mailing list: 3 people." in warning
    # Said at the top of the page, and again just before the button that saves.
    assert page.count("to the whole mailing list: 3 people.") == 2
    last_warning = page.rindex("to the whole mailing list: 3 people.")
    button = page.index("Publish the amendment", page.index('name="note"'))
    assert page.index('id="amend-warning"') < last_warning < button


def test_amend_page_says_one_person_and_nobody(client, round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        published(priority, officer)

    assert "Nobody is on the mailing list yet, so nobody will be emailed." in _amend_page(
        client, round_, officer, priority
    )

    SubscriberFactory(round=round_)
    assert "to the whole mailing list: 1 person." in _amend_page(client, round_, officer, priority)
