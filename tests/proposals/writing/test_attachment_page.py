"""The attachments section page: a file attached through the page, each refused kind shown as a message
on the file's field with the rest of the form kept, a 10 MB file getting through the site's request
limit, removal, and nobody outside the consortium attaching or removing anything."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from proposals.writing.attachments import add_attachment
from proposals.writing.enums import AttachmentKind
from proposals.writing.models import Attachment
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person
from tests.proposals.writing.files import EXECUTABLE, HTML, PDF, docx_bytes, upload

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024


def page_url(proposal):
    return reverse(
        "proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": "attachments"}
    )


def remove_url(proposal, attachment):
    return reverse(
        "proposal_attachment_remove",
        kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "attachment_pk": attachment.pk},
    )


@pytest.fixture
def proposal():
    return ProposalFactory(title="Routes into work")


@pytest.fixture
def lead(proposal):
    return bidder_person(proposal.round, proposal.lead_organisation, full_name="Amira Khan")


def test_the_lead_attaches_a_file_and_sees_it_listed(client, proposal, lead, settings):
    client.force_login(lead)

    response = client.post(
        page_url(proposal), {"revision": 0, "kind": "letter_of_support", "file": upload("Support.docx", docx_bytes())}
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.original_name) == ("letter_of_support", "Support.docx")
    assert attachment.uploaded_by == lead
    assert AuditEntry.objects.filter(action="proposal.attachment_added").count() == 1
    page = client.get(page_url(proposal)).content.decode()
    download = reverse(
        "proposal_attachment", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "attachment_pk": attachment.pk}
    )
    assert f'href="{download}"' in page and "Support.docx" in page
    assert 'enctype="multipart/form-data"' in page
    assert "data-autosave" not in page
    assert ">Attach the file</button>" in page
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("accounts.pdf", EXECUTABLE, "The selected file accounts.pdf must be a PDF, Word, Excel, OpenDocument"),
        ("accounts.pdf", HTML, "The selected file accounts.pdf must be a PDF, Word, Excel, OpenDocument"),
        ("accounts.pdf", b"", "The submitted file is empty"),
    ],
)
def test_a_refused_file_is_a_message_on_its_field_and_the_choice_stays(client, proposal, lead, name, content, message):
    client.force_login(lead)

    response = client.post(page_url(proposal), {"revision": 0, "kind": "accounts", "file": upload(name, content)})

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'href="#id_file"' in page
    assert re.search(r'value="accounts"\s*checked="checked"', page)
    assert not Attachment.objects.exists()


def test_a_ten_megabyte_file_gets_through_the_request_limit_and_a_byte_more_is_named(client, proposal, lead, settings):
    assert settings.MAX_REQUEST_BYTES == 10 * MEGABYTE
    client.force_login(lead)
    at_limit = PDF + b"0" * (10 * MEGABYTE - len(PDF))

    over = client.post(
        page_url(proposal), {"revision": 0, "kind": "accounts", "file": upload("big.pdf", at_limit + b"0")}
    )
    accepted = client.post(page_url(proposal), {"revision": 0, "kind": "accounts", "file": upload("big.pdf", at_limit)})

    assert over.status_code == 200
    assert "The selected file big.pdf must be 10 MB or smaller." in over.content.decode()
    assert accepted.status_code == 302
    assert list(Attachment.objects.values_list("size", flat=True)) == [10 * MEGABYTE]


def test_other_pages_keep_the_site_request_limit(client, proposal, lead, settings):
    settings.MAX_REQUEST_BYTES = 2048
    client.force_login(lead)
    budget = reverse("proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": "budget"})

    refused = client.post(budget, {"revision": 0, "note": "x" * 4000})
    attachment_page = client.post(page_url(proposal), {"revision": 0, "kind": "accounts", "file": upload("a.pdf", PDF)})

    assert refused.status_code == 413
    assert attachment_page.status_code == 302


def test_the_lead_removes_an_attachment_after_confirming(client, proposal, lead, django_capture_on_commit_callbacks):
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))
    client.force_login(lead)

    confirm = client.get(remove_url(proposal, attachment))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url(proposal, attachment))

    assert "Remove accounts.pdf?" in confirm.content.decode()
    assert response.status_code == 302
    assert response["Location"] == page_url(proposal)
    assert not Attachment.objects.exists()
    assert AuditEntry.objects.filter(action="proposal.attachment_removed").count() == 1


def test_nobody_outside_the_consortium_attaches_or_removes(client, proposal, lead):
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))
    partner = ProposalPartnerFactory(proposal=proposal)
    closed_partner = bidder_person(proposal.round, partner.organisation)  # the lead has not opened attachments
    officer = person_with_role(proposal.round, Role.OFFICER)
    rival = bidder_person(proposal.round, ProposalFactory(specification=proposal.specification).lead_organisation)

    for person in (officer, closed_partner):
        client.force_login(person)
        assert client.get(page_url(proposal)).status_code == 200
        client.post(page_url(proposal), {"revision": 0, "kind": "other", "file": upload("x.pdf", PDF)})
        assert client.get(remove_url(proposal, attachment)).status_code == 404
        assert client.post(remove_url(proposal, attachment)).status_code == 404
    for person in (rival, UserFactory()):
        client.force_login(person)
        assert (
            client.post(page_url(proposal), {"revision": 0, "kind": "other", "file": upload("x.pdf", PDF)}).status_code
            == 404
        )
        assert client.post(remove_url(proposal, attachment)).status_code == 404

    assert list(Attachment.objects.all()) == [attachment]


def test_a_partner_the_lead_opened_attachments_to_attaches_a_file(client, proposal):
    partner = ProposalPartnerFactory(proposal=proposal)
    person = bidder_person(proposal.round, partner.organisation)
    proposal.partner_sections = ["attachments"]
    proposal.save(update_fields=["partner_sections"])
    client.force_login(person)

    response = client.post(page_url(proposal), {"revision": 0, "kind": "other", "file": upload("plan.pdf", PDF)})

    assert response.status_code == 302
    assert Attachment.objects.get().uploaded_by == person


def test_a_body_over_the_attachment_pages_own_limit_is_refused_unread(client, proposal, lead):
    client.force_login(lead)

    response = client.post(
        page_url(proposal),
        data=b"x" * 1024,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(12 * MEGABYTE),  # what it declares; the body is never read
    )

    assert response.status_code == 413
    assert "The most this site accepts in one go is 11 MB." in response.content.decode()
    assert not Attachment.objects.exists()


def test_after_the_deadline_nothing_is_attached_or_removed(client, proposal, lead):
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))
    proposal.extended_deadline = timezone.now() - datetime.timedelta(seconds=1)
    proposal.save(update_fields=["extended_deadline"])
    client.force_login(lead)

    page = client.get(page_url(proposal)).content.decode()
    confirm = client.get(remove_url(proposal, attachment))
    removed = client.post(remove_url(proposal, attachment))
    attached = client.post(page_url(proposal), {"revision": 0, "kind": "other", "file": upload("late.pdf", PDF)})

    assert "so it can no longer change" in page
    assert 'type="file"' not in page and "accounts.pdf" in page
    assert confirm.status_code == 302 and removed.status_code == 302
    assert attached.status_code == 409
    assert list(Attachment.objects.all()) == [attachment]
