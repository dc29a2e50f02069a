"""How the audit trail reads specifications, their sub-groups, clarification questions and the mailing list."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import (
    Field,
    Sentence,
    choice,
    hidden,
    imported,
    listed,
    lookup,
    lowered,
    uk_date,
    with_values,
)
from priorities.specifications.enums import SignoffRole, SignoffState, SpecificationState, SubscriberStatus
from priorities.specifications.services.specifications import CONTENT_FIELDS, field_label

PERSON_BY_EMAIL = lookup("commissioning.User", by="email")


def _joined_text(value):
    """A version's value as stored (text, or a list such as "Year 1: £750,000", already in words)."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value) or _("none")
    if value in (None, ""):
        return _("nothing")
    text = str(value)
    return text if text.isdigit() or text in (_("Yes"), _("No")) else f"“{text}”"


def _label(name):
    label = str(field_label(name))
    return label[:1].lower() + label[1:]


# The specification's content as its versions keep it: labels from the model, values already in words.
CONTENT = {name: Field(_label(name), _joined_text) for name in CONTENT_FIELDS}
CONTENT["allocations_pence"] = Field(gettext_lazy("the maximum allocation"), _joined_text, values=True)

STATE = Field(gettext_lazy("the state"), choice(SpecificationState))


def _version(values):
    """The entry's summary ("Version 2 saved") in the middle of a sentence."""
    summary = str(values["summary"])
    return summary[:1].lower() + summary[1:]


def _created(values):
    return _("%(actor)s started the specification for “%(object)s” (%(version)s)") % with_values(
        values, version=_version(values)
    )


def _saved(values):
    return _("%(actor)s saved the specification for “%(object)s” (%(version)s), changing %(changes)s") % with_values(
        values, version=_version(values)
    )


def _approved(values):
    if values["after_sponsor_acknowledged_by"]:
        return (
            _(
                "%(actor)s approved the specification for “%(object)s”, with the sponsor's commitment acknowledged "
                "by %(after_sponsor_acknowledged_by)s on %(after_sponsor_acknowledged_on)s"
            )
            % values
        )
    return _("%(actor)s approved the specification for “%(object)s”") % values


SIGNOFF_FIELDS = {
    "role": Field(gettext_lazy("role"), lowered(choice(SignoffRole))),
    "state": Field(gettext_lazy("answer"), choice(SignoffState)),
    "email": hidden(),
}

SIGNOFF_SENTENCES = {
    "specification.signoff_requested": Sentence(
        gettext_lazy(
            "%(actor)s asked %(after_name)s, %(after_role)s at %(after_organisation)s, to confirm the sponsor's "
            "commitment for “%(after_specification)s”"
        ),
        fields=SIGNOFF_FIELDS,
        details=False,
        note=False,
    ),
    "specification.signoff_confirmed": Sentence(
        gettext_lazy("%(after_who)s confirmed the sponsor's commitment for “%(after_specification)s”"),
        fields=SIGNOFF_FIELDS,
        details=False,
        note=False,
    ),
    "specification.signoff_declined": Sentence(
        gettext_lazy("%(after_who)s declined to confirm the sponsor's commitment for “%(after_specification)s”"),
        fields=SIGNOFF_FIELDS,
        details=False,
        note_label=gettext_lazy("Reason"),
    ),
    "specification.signoffs_reset": Sentence(
        gettext_lazy(
            "%(actor)s changed the sponsor's details of “%(object)s” (%(after_changed)s), so %(before_people)s "
            "will be asked to confirm again"
        ),
        fields={"people": Field(gettext_lazy("people"), listed), "changed": Field(gettext_lazy("changed"), listed)},
        details=False,
        note=False,
        changes_in_text=False,
    ),
}

SENTENCES = {
    **SIGNOFF_SENTENCES,
    "specification.created": Sentence(_created, fields=CONTENT, details=False, note=False),
    "specification.saved": Sentence(_saved, fields=CONTENT, note=False),
    "specification.submitted": Sentence(
        gettext_lazy("%(actor)s submitted the specification for “%(object)s” for approval"), details=False
    ),
    "specification.returned": Sentence(
        gettext_lazy("%(actor)s returned the specification for “%(object)s” to its sub-group"),
        details=False,
        note_label=gettext_lazy("Reason"),
    ),
    "specification.approved": Sentence(
        _approved,
        fields={"state": STATE, "sponsor_acknowledged_on": Field(gettext_lazy("acknowledged on"), uk_date)},
        details=False,
    ),
    "specification.published": Sentence(
        gettext_lazy(
            "%(actor)s published version %(after_version)s of the specification for “%(object)s” to the mailing list"
        ),
        details=False,
    ),
    "specification.amended": Sentence(
        gettext_lazy(
            "%(actor)s published an amendment to the specification for “%(object)s”, changing %(changes)s, "
            "and the mailing list was told"
        ),
        fields=CONTENT,
        note_label=gettext_lazy("What changed and why"),
    ),
    "subgroup.member_added": Sentence(
        gettext_lazy("%(actor)s added %(after_user)s to the sub-group for “%(after_priority)s”"),
        fields={"user": Field(gettext_lazy("person"), PERSON_BY_EMAIL)},
        details=False,
    ),
    "subgroup.member_removed": Sentence(
        gettext_lazy("%(actor)s removed %(before_user)s from the sub-group for “%(before_priority)s”"),
        fields={"user": Field(gettext_lazy("person"), PERSON_BY_EMAIL)},
        details=False,
    ),
    "question.asked": Sentence(
        gettext_lazy("%(actor)s asked a question about the specification for “%(after_specification)s”"),
        fields={
            "specification": Field(
                gettext_lazy("specification"),
                lookup("priorities.Specification", related=("priority",)),
                hidden=True,
            ),
            "text": Field(gettext_lazy("question"), values=True),
        },
        note=False,
    ),
    "question.edited": Sentence(
        gettext_lazy("%(actor)s edited a question before its answer was published: %(changes)s"),
        fields={"text": Field(gettext_lazy("the question"), lambda text: f"“{text}”", values=True)},
        note=False,
    ),
    "question.answered": Sentence(
        gettext_lazy("%(actor)s answered the question “%(object)s”"),
        fields={"answer": Field(gettext_lazy("answer"), values=True)},
    ),
    "mailing.confirmed": Sentence(gettext_lazy("%(object)s confirmed their place on the mailing list")),
    "mailing.unsubscribed": Sentence(
        gettext_lazy("%(object)s left the mailing list"),
        fields={"status": Field(gettext_lazy("status before"), choice(SubscriberStatus))},
        details=False,
    ),
    "mailing.imported": imported(gettext_lazy("people onto the mailing list")),
}
