"""The form that attaches a supporting document to a proposal.

It asks what the document is and for the file; whether the file is acceptable (its size counted,
its content read) is the attachments service's decision, whose refusal the view shows on this form.
"""

from crispy_forms_gds.layout import Size
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from proposals.writing.attachments import accepted_kinds_text, max_size_text
from proposals.writing.enums import AttachmentKind

# A hint for the browser's file picker only: what is accepted is decided by the file's content.
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp"


class AttachmentForm(GDSFormMixin, forms.Form):
    submit_label = _("Attach the file")
    error_names = {"kind": _("what the document is"), "file": _("a file to attach")}

    kind = forms.ChoiceField(label=_("What is the document?"), choices=AttachmentKind.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("The file"),
        widget=forms.FileInput(attrs={"accept": ACCEPT, "class": "govuk-file-upload"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A %(kinds)s, up to %(size)s.") % {
            "kinds": accepted_kinds_text(),
            "size": max_size_text(),
        }
        self.helper.legend_size = Size.SMALL
        self.helper.form_tag = True
        self.helper.attrs = {**self.helper.attrs, "enctype": "multipart/form-data"}
