"""Attachments: accepted by their content only, at most the size allowed, kept in private storage and
served only to those who may read the proposal."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe
from commissioning.enums import Role
from proposals.writing.attachments import AttachmentRefused, add_attachment, remove_attachment
from proposals.writing.enums import AttachmentKind, PartnerState
from proposals.writing.models import Attachment
from proposals.writing.services import ProposalReadOnly
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person
from tests.proposals.writing.files import EXECUTABLE, HTML, PDF, docx_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024


def files_under(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


@pytest.fixture
def proposal():
    return ProposalFactory(title="Routes into work")


@pytest.fixture
def lead(proposal):
    return bidder_person(proposal.round, proposal.lead_organisation, full_name="Amira Khan")


@pytest.mark.parametrize(
    ("name", "content", "expected_type"),
    [
        ("constitution.pdf", PDF, "application/pdf"),
        ("letter.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("photo.png", png_bytes(), "image/png"),
    ],
)
def test_an_accepted_file_is_stored_privately_under_a_random_key(
    proposal, lead, settings, name, content, expected_type
):
    # The browser's claim is wrong on purpose: the content decides.
    attachment = add_attachment(
        proposal, by=lead, kind=AttachmentKind.CONSTITUTION, upload=upload(name, content, "text/plain")
    )

    attachment.refresh_from_db()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (name, expected_type, len(content))
    assert name not in attachment.file.name
    assert attachment.file.name == f"proposals/{proposal.pk}/{attachment.stored_key}"
    assert len(attachment.stored_key) >= 40
    stored = Path(settings.PRIVATE_STORAGE_ROOT) / attachment.file.name
    assert stored.read_bytes() == content
    assert files_under(settings.MEDIA_ROOT) == []
    entry = AuditEntry.objects.get(action="proposal.attachment_added")
    assert (entry.actor, entry.object_id) == (lead, str(proposal.pk))
    assert entry.after == {"kind": "constitution", "name": name, "content_type": expected_type, "size": len(content)}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("accounts.pdf", EXECUTABLE, "must be a PDF, Word, Excel, OpenDocument or an image"),
        ("accounts.pdf", HTML, "must be a PDF, Word, Excel, OpenDocument or an image"),
        ("accounts.pdf", b"", "The selected file accounts.pdf is empty."),
    ],
)
def test_a_file_whose_content_is_not_accepted_is_refused_whatever_its_name(
    proposal, lead, settings, name, content, message
):
    with pytest.raises(AttachmentRefused, match=message):
        add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload(name, content))

    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action="proposal.attachment_added").exists()
    assert files_under(settings.PRIVATE_STORAGE_ROOT) == []


def test_a_file_of_exactly_ten_megabytes_is_accepted_and_one_byte_more_refused(proposal, lead, settings):
    assert settings.ATTACHMENT_MAX_BYTES == 10 * MEGABYTE
    at_limit = PDF + b"0" * (10 * MEGABYTE - len(PDF))
    over = at_limit + b"0"

    with pytest.raises(AttachmentRefused, match="The selected file big.pdf must be 10 MB or smaller."):
        add_attachment(proposal, by=lead, kind=AttachmentKind.OTHER, upload=upload("big.pdf", over))
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.OTHER, upload=upload("big.pdf", at_limit))

    assert list(Attachment.objects.values_list("pk", "size")) == [(attachment.pk, 10 * MEGABYTE)]


def test_a_browser_path_in_the_name_is_dropped(proposal, lead):
    attachment = add_attachment(
        proposal, by=lead, kind=AttachmentKind.OTHER, upload=upload("C:\\Users\\amira\\plan.pdf", PDF)
    )

    assert attachment.original_name == "plan.pdf"


def test_nothing_is_attached_or_removed_once_the_deadline_has_passed(proposal, lead, settings):
    kept = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))
    proposal.extended_deadline = timezone.now() - datetime.timedelta(seconds=1)
    proposal.save(update_fields=["extended_deadline"])

    with pytest.raises(ProposalReadOnly, match="deadline for this proposal passed"):
        add_attachment(proposal, by=lead, kind=AttachmentKind.OTHER, upload=upload("late.pdf", PDF))
    with pytest.raises(ProposalReadOnly):
        remove_attachment(kept, by=lead)

    assert list(Attachment.objects.all()) == [kept]
    assert len(files_under(settings.PRIVATE_STORAGE_ROOT)) == 1


def test_removing_deletes_the_row_and_the_file_and_is_audited(
    proposal, lead, settings, django_capture_on_commit_callbacks
):
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))

    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(attachment, by=lead)

    assert not Attachment.objects.exists()
    assert files_under(settings.PRIVATE_STORAGE_ROOT) == []
    entry = AuditEntry.objects.get(action="proposal.attachment_removed")
    assert (entry.actor, entry.before) == (lead, {"kind": "accounts", "name": "accounts.pdf"})


# Downloading


def download_url(proposal, attachment):
    return reverse(
        "proposal_attachment", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "attachment_pk": attachment.pk}
    )


def test_the_file_is_downloaded_by_the_lead_a_confirmed_partner_and_an_officer(client, proposal, lead):
    partner = ProposalPartnerFactory(proposal=proposal)
    partner_person = bidder_person(proposal.round, partner.organisation)
    officer = person_with_role(proposal.round, Role.OFFICER)
    attachment = add_attachment(
        proposal, by=lead, kind=AttachmentKind.CONSTITUTION, upload=upload("Our constitution.pdf", PDF)
    )

    for person in (lead, partner_person, officer):
        client.force_login(person)
        response = client.get(download_url(proposal, attachment))

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="Our constitution.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert {part.strip() for part in response["Cache-Control"].split(",")} == {"private", "no-store"}


def test_nobody_else_gets_the_file_not_even_by_guessing_ids(client, proposal, lead):
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))
    round_ = proposal.round
    invited = ProposalPartnerFactory(proposal=proposal, state=PartnerState.INVITED)
    declined = ProposalPartnerFactory(proposal=proposal, state=PartnerState.DECLINED)
    rival_proposal = ProposalFactory(specification=proposal.specification)
    rival = bidder_person(round_, rival_proposal.lead_organisation)
    rival_file = add_attachment(rival_proposal, by=rival, kind=AttachmentKind.ACCOUNTS, upload=upload("rival.pdf", PDF))
    other_round_officer = person_with_role(ProposalFactory().round, Role.OFFICER)
    turned_away = [
        bidder_person(round_, invited.organisation),
        bidder_person(round_, declined.organisation),
        rival,
        person_with_role(round_, Role.BOARD),
        person_with_role(round_, Role.PANEL),
        person_with_role(round_, Role.SPONSOR),
        other_round_officer,
        UserFactory(),
    ]

    for person in turned_away:
        client.force_login(person)
        assert client.get(download_url(proposal, attachment)).status_code == 404, person
    client.force_login(rival)
    # The rival's own proposal with the other's attachment id, and the other way round.
    assert client.get(download_url(rival_proposal, attachment)).status_code == 404
    client.force_login(lead)
    assert client.get(download_url(proposal, rival_file)).status_code == 404
    client.logout()
    anonymous = client.get(download_url(proposal, attachment))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))


def test_a_missing_file_answers_404_not_an_error(client, proposal, lead, settings):
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))
    (Path(settings.PRIVATE_STORAGE_ROOT) / attachment.file.name).unlink()
    client.force_login(lead)

    assert client.get(download_url(proposal, attachment)).status_code == 404


def test_the_audit_trail_reads_an_attachment_in_words(proposal, lead, django_capture_on_commit_callbacks):
    attachment = add_attachment(proposal, by=lead, kind=AttachmentKind.ACCOUNTS, upload=upload("accounts.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(attachment, by=lead)

    entries = AuditEntry.objects.filter(action__startswith="proposal.attachment").order_by("pk")
    added, removed = (describe(entry) for entry in entries)

    assert added.sentence == "Amira Khan attached “accounts.pdf” (accounts) to “Routes into work”"
    assert removed.sentence == "Amira Khan removed “accounts.pdf” (accounts) from “Routes into work”"
