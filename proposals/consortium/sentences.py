"""How the audit trail reads the consortium: invitations, answers, roles, removals and the sections
partners may edit."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, listed
from proposals.writing.enums import PartnerState

FIELDS = {
    "proposal": gettext_lazy("proposal"),
    "organisation": gettext_lazy("organisation"),
    "contact": gettext_lazy("contact"),
    "email": gettext_lazy("email address"),
    "role_in_delivery": gettext_lazy("the role in delivery"),
    "state": Field(gettext_lazy("the answer"), choice(PartnerState)),
    "sections": Field(gettext_lazy("the sections partners may edit"), listed),
}

SENTENCES = {
    "consortium.partner_invited": Sentence(
        gettext_lazy("%(actor)s invited %(after_organisation)s to join the consortium of “%(after_proposal)s”"),
        fields=FIELDS,
    ),
    "consortium.invitation_resent": Sentence(
        gettext_lazy("%(actor)s sent the invitation to %(object)s again (%(after_email)s)"),
        fields=FIELDS,
        details=False,
    ),
    "consortium.role_changed": Sentence(
        gettext_lazy("%(actor)s changed the role in delivery of %(object)s in “%(after_proposal)s”"),
        fields=FIELDS,
    ),
    "consortium.partner_removed": Sentence(
        gettext_lazy("%(actor)s removed %(before_organisation)s from the consortium of “%(before_proposal)s”"),
        fields=FIELDS,
        details=False,
    ),
    "consortium.partner_sections_changed": Sentence(
        gettext_lazy("%(actor)s changed the sections partners may edit in “%(object)s”: %(changes)s"),
        fields=FIELDS,
    ),
    "consortium.partner_confirmed": Sentence(
        gettext_lazy("%(actor)s confirmed %(after_organisation)s as a partner in “%(after_proposal)s”"),
        fields=FIELDS,
        details=False,
    ),
    "consortium.partner_declined": Sentence(
        gettext_lazy("%(actor)s declined, for %(object)s, to join the consortium of “%(after_proposal)s”"),
        fields=FIELDS,
        details=False,
        note_label=gettext_lazy("Reason"),
    ),
}
