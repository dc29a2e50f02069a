"""How the audit trail reads submissions, withdrawals and extensions of proposals."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, hidden, uk_datetime
from proposals.writing.enums import ProposalState

DEADLINE = Field(gettext_lazy("extended deadline"), uk_datetime)
EXTENSION_FIELDS = {"extended_deadline": DEADLINE, "reason": hidden()}
STATE = Field(gettext_lazy("state"), choice(ProposalState))

SENTENCES = {
    "proposal.submitted": Sentence(
        gettext_lazy("%(actor)s submitted version %(after_version)s of the proposal “%(object)s”"),
        fields={"state": STATE, "version": Field(gettext_lazy("version"))},
        details=False,
        note=False,
    ),
    "proposal.withdrawn": Sentence(
        gettext_lazy("%(actor)s withdrew the proposal “%(object)s”"),
        fields={"state": STATE},
        details=False,
        note_label=gettext_lazy("Reason"),
    ),
    "proposal.extension_granted": Sentence(
        gettext_lazy("%(actor)s extended the deadline for the proposal “%(object)s” to %(after_extended_deadline)s"),
        fields=EXTENSION_FIELDS,
        details=False,
        note_label=gettext_lazy("Reason"),
    ),
    "proposal.extension_changed": Sentence(
        gettext_lazy(
            "%(actor)s changed the extended deadline for the proposal “%(object)s” from "
            "%(before_extended_deadline)s to %(after_extended_deadline)s"
        ),
        fields=EXTENSION_FIELDS,
        details=False,
        note_label=gettext_lazy("Reason"),
    ),
    "proposal.extension_removed": Sentence(
        gettext_lazy(
            "%(actor)s removed the extension of the deadline for the proposal “%(object)s” "
            "(it was %(before_extended_deadline)s)"
        ),
        fields=EXTENSION_FIELDS,
        details=False,
        note_label=gettext_lazy("Reason"),
    ),
}
