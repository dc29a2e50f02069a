"""How the audit trail reads the writing of proposals."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Sentence

SENTENCES = {
    "proposal.started": Sentence(gettext_lazy("%(actor)s started the proposal “%(object)s”"), details=False),
}
