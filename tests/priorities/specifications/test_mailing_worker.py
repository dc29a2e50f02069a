"""Publication reaches every subscriber exactly once through a real Celery worker on Redis."""

import time

import pytest
from django.urls import reverse

from commissioning.documents.tasks import task_render_pending_documents
from commissioning.enums import EmailStatus, Role
from commissioning.outbox.models import OutgoingEmail
from priorities.specifications.models import Announcement
from priorities.specifications.services import specifications as services
from priorities.specifications.tasks import task_fan_out_pending_announcements
from tests.celery_support import wait_for
from tests.factories.commissioning import PASSWORD, RoundFactory, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import approved, published

pytestmark = pytest.mark.celery_worker

SETTLE_SECONDS = 3


@pytest.fixture
def publication(transactional_db):
    round_ = RoundFactory(name="Neighbourhood renewal round")
    officer = person_with_role(round_, Role.OFFICER)
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    subscribers = [SubscriberFactory(round=round_) for _ in range(3)]
    return officer, priority, subscribers


def _by_recipient(messages):
    """Each recipient's subjects: the subscribers' announcement, the officer's notes that it was submitted
    and that the sponsor confirmed, and the sponsor's two requests to confirm."""
    received = {}
    for message in messages:
        received.setdefault(message.to[0], []).append(message.subject.strip())
    return received


def _expected(officer, subscribers):
    published = "Published: Jobs and skills – Neighbourhood renewal round"
    asked = ["Please confirm Coventry City Council's commitment for “Jobs and skills”"]
    return {
        officer.email: [
            "Ready for approval: Jobs and skills",
            "The sponsor has confirmed its commitment: Jobs and skills",
        ],
        "helen.carr@example.gov.uk": asked,
        "mark.patel@example.gov.uk": asked,
    } | {s.email: [published] for s in subscribers}


# Before publication: the officer's two notes and the sponsor's two requests.
BEFORE_PUBLICATION = 4


def _all_sent(spec):
    emails = OutgoingEmail.objects.filter(dedup_key__startswith=f"spec:{spec.pk}:")
    return emails.count() == 3 and not emails.exclude(status=EmailStatus.SENT).exists()


def test_publication_reaches_every_subscriber_once(real_celery, publication):
    officer, priority, subscribers = publication

    spec = published(priority, officer)

    real_celery.smtp.received(BEFORE_PUBLICATION + 3, timeout=60)
    wait_for(lambda: _all_sent(spec), timeout=30, message="every publication email to be marked sent")
    task_fan_out_pending_announcements.delay()
    time.sleep(SETTLE_SECONDS)
    assert _by_recipient(real_celery.smtp.messages) == _expected(officer, subscribers)


def test_publication_during_broker_outage_is_delivered_once_redis_is_back(real_celery, publication):
    officer, priority, subscribers = publication
    spec = approved(priority, officer)
    real_celery.smtp.received(BEFORE_PUBLICATION)  # before the broker goes
    real_celery.redis.stop()

    spec = services.publish_specification(spec, by=officer)

    assert Announcement.objects.get(specification=spec).fanned_out_at is None
    assert len(real_celery.smtp.messages) == BEFORE_PUBLICATION  # nothing announced yet
    real_celery.redis.restart()
    task_render_pending_documents.delay()
    task_fan_out_pending_announcements.delay()

    real_celery.smtp.received(BEFORE_PUBLICATION + 3, timeout=60)
    wait_for(lambda: _all_sent(spec), timeout=30, message="every publication email to be marked sent")
    task_fan_out_pending_announcements.delay()
    time.sleep(SETTLE_SECONDS)
    assert _by_recipient(real_celery.smtp.messages) == _expected(officer, subscribers)


def test_links_in_emails_the_worker_records_point_to_the_address_the_officer_used(
    real_celery, publication, client, settings
):
    """The worker has no request: the announcement carries the address of the one that published it."""
    settings.ALLOWED_HOSTS = ["calls.example.org", "testserver"]
    settings.SITE_URL = ""
    officer, priority, subscribers = publication
    spec = approved(priority, officer)
    real_celery.smtp.received(BEFORE_PUBLICATION)
    client.login(email=officer.email, password=PASSWORD)

    client.post(
        reverse("specification_publish", args=[priority.round_id, priority.pk]), HTTP_HOST="calls.example.org:8443"
    )

    real_celery.smtp.received(BEFORE_PUBLICATION + 3, timeout=60)
    wait_for(lambda: _all_sent(spec), timeout=30, message="every publication email to be marked sent")
    link = "http://calls.example.org:8443" + reverse(
        "specification_public", args=[priority.round.public_key, priority.pk]
    )
    announced = [m for m in real_celery.smtp.messages if m.to[0] in {s.email for s in subscribers}]
    assert len(announced) == 3
    for message in announced:
        assert link in message.body
        assert "http://calls.example.org:8443/mailing-list/unsubscribe/" in message.body
