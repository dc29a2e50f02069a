"""The form that attaches a supporting document to a proposal.

It asks what the document is and for the file, whose size is counted and content read here
(``attachments.checked_upload``), so that a refused file is a message on its field with the rest
of the form kept; the section page then stores it through ``save_section``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from proposals.writing.attachments import (
    AttachmentRefused,
    accepted_kinds_text,
    checked_upload,
    max_bytes,
    max_size_text,
)
from proposals.writing.enums import AttachmentKind
from proposals.writing.forms import SectionForm

# A hint for the browser's file picker only: what is accepted is decided by the file's content.
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp"


class AttachmentForm(SectionForm):
    error_names = {"kind": _("what the document is"), "file": _("a file to attach")}

    kind = forms.ChoiceField(label=_("What is the document?"), choices=AttachmentKind.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("The file"),
        max_length=1000,
        widget=forms.FileInput(attrs={"accept": ACCEPT, "class": "govuk-file-upload"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A %(kinds)s, up to %(size)s.") % {
            "kinds": accepted_kinds_text(),
            "size": max_size_text(),
        }
        # For static/js/attachment.js, which refuses a file too large before it is sent.
        self.fields["file"].widget.attrs.update(
            {
                "data-max-bytes": max_bytes(),
                "data-too-large": _("The selected file %(name)s must be %(size)s or smaller.")
                % {"name": "%(name)s", "size": max_size_text()},
            }
        )
        self.content_type = self.size = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.content_type, self.size = checked_upload(upload)
        except AttachmentRefused as refusal:
            raise ValidationError(refusal.message, code="invalid") from None
        return upload
