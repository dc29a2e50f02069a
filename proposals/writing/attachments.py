"""A proposal's attachments: supporting documents checked by their content, kept in private storage.

A file is accepted only when its bytes say it is a PDF, a Word, Excel or OpenDocument file or an
image (PNG, JPEG, GIF, WebP), whatever its name or the browser says; the ``filetype`` library
reads its first bytes. Its size is counted on the stream, not taken from what was declared. It
is stored under a random key (the original name is kept to name the download) and served only by
a view that checks the reader may see the proposal.

Adding and removing are refused once the proposal cannot change (withdrawn, or past its
deadline); each is recorded in the audit trail. They do not take a section's revision: two people
adding files never overwrite each other.
"""

import os
import secrets
import unicodedata

import filetype
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError
from proposals.writing.enums import AttachmentKind
from proposals.writing.models import Attachment, Proposal
from proposals.writing.services import ProposalReadOnly, editing_refusal

# What filetype names each accepted kind of content (its MIME type), and how people know it.
ACCEPTED_TYPES = {
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.oasis.opendocument.text": "OpenDocument",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WebP",
}
# filetype reads this many bytes from the start of a file.
SIGNATURE_BYTES = 8192
ORIGINAL_NAME_MAX = 255


class AttachmentRefused(ApplicationError):
    default_message = _("The file could not be attached.")


def max_bytes():
    return settings.ATTACHMENT_MAX_BYTES


def max_size_text():
    return _("%(size)s MB") % {"size": f"{max_bytes() / (1024 * 1024):g}"}


def accepted_kinds_text():
    return _("PDF, Word, Excel, OpenDocument or an image (PNG, JPEG, GIF or WebP)")


def measured_size(upload, limit):
    """The number of bytes in ``upload``, counted chunk by chunk, stopping once past ``limit``."""
    upload.seek(0)
    size = 0
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            break
    upload.seek(0)
    return size


def content_type_of(upload):
    """The accepted MIME type that ``upload``'s first bytes show, or None."""
    upload.seek(0)
    head = upload.read(SIGNATURE_BYTES)
    upload.seek(0)
    kind = filetype.guess(bytes(head)) if head else None
    if kind is None or kind.mime not in ACCEPTED_TYPES:
        return None
    return kind.mime


def checked_upload(upload):
    """The content type of ``upload`` once its size and content are acceptable; AttachmentRefused otherwise."""
    name = clean_original_name(getattr(upload, "name", "") or "")
    size = measured_size(upload, max_bytes())
    if size == 0:
        raise AttachmentRefused(_("The selected file %(name)s is empty.") % {"name": name})
    if size > max_bytes():
        raise AttachmentRefused(
            _("The selected file %(name)s must be %(size)s or smaller.") % {"name": name, "size": max_size_text()}
        )
    content_type = content_type_of(upload)
    if content_type is None:
        raise AttachmentRefused(
            _("The selected file %(name)s must be a %(kinds)s: its content is not one of these, whatever its name.")
            % {"name": name, "kinds": accepted_kinds_text()}
        )
    return content_type, size


def clean_original_name(name):
    """The file's own name, without any folder a browser sent, control characters or excess length."""
    name = os.path.basename(str(name).replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name:
        return _("attachment")
    if len(name) > ORIGINAL_NAME_MAX:
        stem, extension = os.path.splitext(name)
        extension = extension[:20]
        name = stem[: ORIGINAL_NAME_MAX - len(extension)] + extension
    return name


def _locked_changeable(proposal):
    locked = Proposal.objects.select_for_update().select_related("round", "specification").get(pk=proposal.pk)
    refusal = editing_refusal(locked)
    if refusal:
        raise ProposalReadOnly(refusal)
    return locked


def store_attachment(locked, *, by, kind, upload, content_type, size):
    """Store ``upload`` (already checked: ``checked_upload``) as an attachment of the proposal
    ``locked`` (its row locked by the caller, who has checked that it can change).

    The file is written to private storage under a random key, and removed again if the
    attachment is not recorded. Audited as ``proposal.attachment_added``."""
    kind = AttachmentKind(kind)
    original_name = clean_original_name(upload.name)
    attachment = Attachment(
        proposal=locked,
        kind=kind,
        stored_key=secrets.token_urlsafe(32),
        original_name=original_name,
        content_type=content_type,
        size=size,
        uploaded_by=by,
    )
    try:
        with transaction.atomic():
            upload.seek(0)
            attachment.file.save(attachment.stored_key, upload, save=False)
            attachment.save()
            audit(
                "proposal.attachment_added",
                by=by,
                round_=locked.round,
                obj=locked,
                after={"kind": kind.value, "name": original_name, "content_type": content_type, "size": size},
            )
    except BaseException:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def add_attachment(proposal, *, by, kind, upload):
    """Attach ``upload`` to ``proposal`` as ``kind`` (an AttachmentKind).

    Refused with AttachmentRefused when the file is empty, too large or not an accepted kind of
    content, and with ProposalReadOnly when the proposal cannot change (see ``store_attachment``)."""
    content_type, size = checked_upload(upload)
    with transaction.atomic():
        locked = _locked_changeable(proposal)
        return store_attachment(locked, by=by, kind=kind, upload=upload, content_type=content_type, size=size)


def remove_attachment(attachment, *, by):
    """Remove ``attachment`` from its proposal while the proposal can change; its file is deleted
    once the removal is committed. Audited as ``proposal.attachment_removed``."""
    with transaction.atomic():
        locked = _locked_changeable(attachment.proposal)
        row = Attachment.objects.select_for_update().filter(pk=attachment.pk, proposal=locked).first()
        if row is None:
            return
        stored = row.file.name
        storage = row.file.storage
        row.delete()
        audit(
            "proposal.attachment_removed",
            by=by,
            round_=locked.round,
            obj=locked,
            before={"kind": row.kind, "name": row.original_name},
        )
        transaction.on_commit(lambda: storage.delete(stored))
