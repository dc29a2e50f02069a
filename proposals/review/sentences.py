"""How the audit trail reads the officers' review."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, with_values
from proposals.writing.enums import Eligibility

ELIGIBILITY = {
    "eligibility": Field(gettext_lazy("eligibility"), choice(Eligibility)),
    "reason": Field(gettext_lazy("reason"), values=False),
}


def _eligibility_decided(values):
    if values["before_eligibility"] in ("", str(Eligibility.UNDECIDED.label)):
        return _("%(actor)s found the proposal “%(object)s” %(after_eligibility)s") % with_values(
            values, after_eligibility=str(values["after_eligibility"]).lower()
        )
    return _(
        "%(actor)s changed the eligibility of the proposal “%(object)s” from %(before)s to %(after)s"
    ) % with_values(
        values, before=str(values["before_eligibility"]).lower(), after=str(values["after_eligibility"]).lower()
    )


SENTENCES = {
    "proposal.eligibility_decided": Sentence(
        _eligibility_decided, fields=ELIGIBILITY, details=False, note_label=gettext_lazy("Reason")
    ),
}
