"""How the audit trail reads the sections made of files and money: attachments and the budget."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, lowered, money, money_by_year, quoted
from proposals.writing.enums import AttachmentKind


def _size(value):
    try:
        size = int(value)
    except (TypeError, ValueError):
        return str(value)
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


ATTACHMENT = {
    "kind": Field(gettext_lazy("what it is"), lowered(choice(AttachmentKind))),
    "name": Field(gettext_lazy("file name"), quoted),
    "content_type": Field(gettext_lazy("content type")),
    "size": Field(gettext_lazy("size"), _size),
}

SENTENCES = {
    "proposal.attachment_added": Sentence(
        gettext_lazy("%(actor)s attached %(after_name)s (%(after_kind)s) to “%(object)s”"), fields=ATTACHMENT
    ),
    "proposal.attachment_removed": Sentence(
        gettext_lazy("%(actor)s removed %(before_name)s (%(before_kind)s) from “%(object)s”"), fields=ATTACHMENT
    ),
    "proposal.budget_saved": Sentence(
        gettext_lazy("%(actor)s saved the budget of “%(object)s”: %(after_total_pence)s in all"),
        fields={
            "per_year_pence": Field(gettext_lazy("asked each year"), money_by_year),
            "total_pence": Field(gettext_lazy("asked in all"), money),
        },
    ),
}
