"""How the audit trail reads panels, their members and their declarations of interest."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, lookup
from panels.membership.enums import InterestNature, MemberRole

PERSON_BY_EMAIL = lookup("commissioning.User", by="email")
PERSON = {"user": Field(gettext_lazy("person"), PERSON_BY_EMAIL)}

SENTENCES = {
    "panel.set_up": Sentence(
        gettext_lazy("%(actor)s set up the selection panel for “%(after_priority)s”"),
        details=False,
    ),
    "panel.member_added": Sentence(
        gettext_lazy("%(actor)s added %(after_user)s to the panel for “%(after_priority)s” as %(after_role)s"),
        fields={**PERSON, "role": Field(gettext_lazy("role"), choice(MemberRole))},
        details=False,
    ),
    "panel.member_invited": Sentence(
        gettext_lazy("%(actor)s invited %(after_email)s to the panel for “%(after_priority)s” as %(after_role)s"),
        fields={"role": Field(gettext_lazy("role"), choice(MemberRole))},
        details=False,
    ),
    "panel.member_removed": Sentence(
        gettext_lazy("%(actor)s removed %(before_user)s from the panel for “%(before_priority)s”"),
        fields=PERSON,
        details=False,
    ),
    "panel.no_interest_declared": Sentence(
        gettext_lazy("%(actor)s declared no interest in the proposal “%(after_proposal)s”"),
        fields={**PERSON, "has_interest": Field("", hidden=True), "nature": Field("", hidden=True)},
        details=False,
    ),
    "panel.interest_declared": Sentence(
        gettext_lazy("%(actor)s declared an interest (%(after_nature)s) in the proposal “%(after_proposal)s”"),
        fields={
            **PERSON,
            "nature": Field(gettext_lazy("nature"), choice(InterestNature)),
            "description": Field(gettext_lazy("description"), values=True),
            "has_interest": Field("", hidden=True),
        },
    ),
}
