"""A request never renders a PDF: without a broker, or with the broker down, the work waits in the
database for the sweeps."""

import socket
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from commissioning.celery import app as celery_app
from commissioning.documents.models import Document, DocumentStatus
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.services import send_pending_emails
from priorities.specifications.enums import SpecificationState
from tests.celery_support import point_app_at
from tests.factories.commissioning import PASSWORD
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_to_publish(round_, officer, client):
    priority = PriorityFactory(round=round_, issue__round=round_)
    SubscriberFactory(round=round_, email="reader@example.net")
    approved(priority, officer)
    client.login(email=officer.email, password=PASSWORD)
    return priority


def _publish(client, priority, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("specification_publish", args=[priority.round_id, priority.pk]))
    assert response.status_code == 302
    priority.specification.refresh_from_db()
    assert priority.specification.state == SpecificationState.PUBLISHED
    return response


def test_without_a_broker_publishing_leaves_the_pdf_to_the_sweep(
    client, ready_to_publish, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.RUN_SLOW_TASKS_IN_PROCESS = False  # as `make run` and any site without CELERY_BROKER_URL

    _publish(client, ready_to_publish, django_capture_on_commit_callbacks)

    document = Document.objects.get()
    assert document.status == DocumentStatus.PENDING and not document.file
    assert not [m for m in mailoutbox if m.to == ["reader@example.net"]]  # its email waits for the PDF

    call_command("run_background_work")

    document.refresh_from_db()
    assert document.status == DocumentStatus.READY and document.file
    email = OutgoingEmail.objects.get(to_email="reader@example.net")
    assert email.attachment == document
    send_pending_emails()  # what the email sweep does once the message is half a minute old
    announced = [m for m in mailoutbox if m.to == ["reader@example.net"]]
    assert len(announced) == 1 and announced[0].attachments


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_the_broker_down_publishing_returns_and_the_sweep_renders(
    client, ready_to_publish, caplog, django_capture_on_commit_callbacks
):
    previous = celery_app.conf.get("broker_write_url"), celery_app.conf.task_always_eager
    point_app_at(f"redis://127.0.0.1:{_closed_port()}/0", eager=False)
    try:
        started = time.monotonic()
        _publish(client, ready_to_publish, django_capture_on_commit_callbacks)
        took = time.monotonic() - started
    finally:
        point_app_at(previous[0], eager=previous[1])

    # One wait for the broker (CELERY_BROKER_CONNECTION_TIMEOUT), not one per task queued.
    tried = [r.getMessage() for r in caplog.records if r.name == "commissioning.common.queue"]
    assert len(tried) >= 2
    assert tried[0].startswith("could not queue")
    assert all(message.startswith("not queueing") for message in tried[1:])
    assert took < 15
    document = Document.objects.get()
    assert document.status == DocumentStatus.PENDING and not document.file

    call_command("run_background_work")

    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
