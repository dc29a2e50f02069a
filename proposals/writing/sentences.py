"""How the audit trail reads the writing of proposals."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice
from proposals.writing.enums import Section

SENTENCES = {
    "proposal.started": Sentence(gettext_lazy("%(actor)s started the proposal “%(object)s”"), details=False),
    "proposal.partner_sections_changed": Sentence(
        gettext_lazy("%(actor)s changed the sections partners may write in the proposal “%(object)s”"),
        fields={"sections": Field(gettext_lazy("sections partners may write"), choice(Section), values=True)},
    ),
}
