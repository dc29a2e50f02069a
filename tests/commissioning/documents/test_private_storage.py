"""Stored PDFs have no public address: they live outside MEDIA_ROOT and are served only by views that
check the reader's rights, whether DEBUG is on or off."""

import importlib
import os

import pytest
from django.conf import settings
from django.test import Client
from django.urls import clear_url_caches, reverse

from commissioning import urls as project_urls
from commissioning.documents.models import Document
from commissioning.enums import Role
from priorities.workshop import services as workshop_services
from priorities.workshop.enums import WorkshopState
from tests.factories.commissioning import person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import published
from tests.priorities.workshop.helpers import put_dots, seat, wall, workshop_with_issues

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urls(settings):
    """The project's URLs as DEBUG on builds them (``make run``'s default)."""
    settings.DEBUG = True
    clear_url_caches()
    importlib.reload(project_urls)
    yield
    settings.DEBUG = False
    clear_url_caches()
    importlib.reload(project_urls)


def _confirmed_results(round_, officer, django_capture_on_commit_callbacks):
    workshop = workshop_with_issues(round_, issues=3, priorities_to_select=1, state=WorkshopState.CLOSED)
    issues = wall(workshop)
    put_dots(seat(workshop), issues[0], issues[1], issues[2])
    put_dots(seat(workshop), issues[0])
    with django_capture_on_commit_callbacks(execute=True):
        workshop_services.confirm_results(workshop, by=officer)
    return workshop, Document.objects.get(kind=workshop_services.RESULTS_PDF_KIND)


def test_a_restricted_pdf_is_stored_privately_and_its_guessable_path_is_404_in_debug(
    client, round_, officer, debug_urls, django_capture_on_commit_callbacks
):
    _workshop, document = _confirmed_results(round_, officer, django_capture_on_commit_callbacks)

    assert document.file.name.startswith("documents/")
    assert os.path.exists(os.path.join(settings.PRIVATE_STORAGE_ROOT, document.file.name))
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, document.file.name))
    client.force_login(officer)
    for url in (f"/media/{document.file.name}", f"/{settings.MEDIA_URL}{document.file.name}"):
        assert client.get(url).status_code == 404, url
        assert Client().get(url).status_code == 404, url
    with pytest.raises(ValueError, match="no public address"):
        document.file.url  # noqa: B018


def test_the_results_pdf_view_serves_the_allowed_and_404s_everyone_else(
    client, round_, officer, debug_urls, django_capture_on_commit_callbacks
):
    workshop, _document = _confirmed_results(round_, officer, django_capture_on_commit_callbacks)
    url = reverse("workshop_results_pdf", args=[round_.pk, workshop.pk])
    other_round_officer = person_with_role(PriorityFactory().round, Role.OFFICER)
    bidder = person_with_role(round_, Role.BIDDER)

    client.force_login(officer)
    allowed = client.get(url)
    assert allowed.status_code == 200 and allowed["Content-Type"] == "application/pdf"
    assert b"".join(allowed.streaming_content).startswith(b"%PDF")
    for person in (other_round_officer, bidder):
        client.force_login(person)
        assert client.get(url).status_code == 404, person


def test_a_specification_pdf_is_served_by_its_view_only(
    client, round_, officer, debug_urls, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(round=round_, issue__round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    document = Document.objects.get(kind="specification", object_id=spec.pk)

    assert Client().get(reverse("specification_pdf", args=[round_.pk, priority.pk])).status_code == 200
    assert Client().get(f"/media/{document.file.name}").status_code == 404


def test_a_document_whose_file_is_gone_is_404_not_an_error(client, round_, officer, django_capture_on_commit_callbacks):
    workshop, document = _confirmed_results(round_, officer, django_capture_on_commit_callbacks)
    document.file.storage.delete(document.file.name)
    client.force_login(officer)

    assert client.get(reverse("workshop_results_pdf", args=[round_.pk, workshop.pk])).status_code == 404
