"""How the audit trail reads a round's own actions: the round, its stages, roles and invitations."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, hidden, lookup, lowered, money, uk_date, yes_no
from commissioning.enums import Role, Stage

PERSON_BY_EMAIL = lookup("commissioning.User", by="email")
ORGANISATION = lookup("commissioning.Organisation")

ROUND_FIELDS = {
    "name": gettext_lazy("the name"),
    "partnership": Field(gettext_lazy("the partnership"), lookup("commissioning.Partnership")),
    "place": gettext_lazy("the place"),
    "currency": hidden(),
    "annual_budget_pence": Field(gettext_lazy("the annual budget"), money),
    "number_of_years": gettext_lazy("the number of years"),
    "start_date": Field(gettext_lazy("the start date"), uk_date),
    "questions_from_bidders_only": Field(gettext_lazy("questions from registered bidders only"), yes_no),
    "stage": Field(gettext_lazy("the stage"), choice(Stage)),
}

ROLE_FIELDS = {
    "user": Field(gettext_lazy("person"), PERSON_BY_EMAIL),
    "email": gettext_lazy("email address"),
    "role": Field(gettext_lazy("role"), lowered(choice(Role))),
    "organisation": Field(gettext_lazy("on behalf of"), ORGANISATION),
}


def _role_given(values):
    if values["after_user"] == values["actor"]:
        text = _("%(actor)s took the role of %(after_role)s") % values
    else:
        text = _("%(actor)s gave %(after_user)s the role of %(after_role)s") % values
    if values["after_organisation"] and values["after_organisation"] != _("nothing"):
        text += " " + _("for %(after_organisation)s") % values
    return text


def _invited(values):
    text = _("%(actor)s invited %(after_email)s to join the round as %(after_role)s") % values
    if values["after_organisation"] and values["after_organisation"] != _("nothing"):
        text += " " + _("for %(after_organisation)s") % values
    return text


SENTENCES = {
    "round.created": Sentence(
        gettext_lazy(
            "%(actor)s created the round “%(object)s”: %(after_annual_budget_pence)s a year for "
            "%(after_number_of_years)s years from %(after_start_date)s"
        ),
        fields=ROUND_FIELDS,
        details=False,
    ),
    "round.updated": Sentence(gettext_lazy("%(actor)s changed %(changes)s"), fields=ROUND_FIELDS),
    "round.stage_changed": Sentence(
        gettext_lazy("%(actor)s moved the round on from “%(before_stage)s” to “%(after_stage)s”"),
        fields=ROUND_FIELDS,
        details=False,
        note_label=gettext_lazy("Why"),
    ),
    "role.assigned": Sentence(_role_given, fields=ROLE_FIELDS, details=False),
    "role.removed": Sentence(
        gettext_lazy("%(actor)s took the role of %(before_role)s away from %(before_user)s"),
        fields=ROLE_FIELDS,
        details=False,
    ),
    "invitation.sent": Sentence(_invited, fields=ROLE_FIELDS, details=False),
    "invitation.accepted": Sentence(gettext_lazy("%(actor)s accepted the invitation for %(object)s")),
}
