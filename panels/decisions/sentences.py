"""How the audit trail reads decisions: recorded, changed (with the reason), approved, and who approves."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, listed, money_by_year, quoted
from panels.decisions.enums import ApproverKind, DecisionKind

FIELDS = {
    "kind": Field(gettext_lazy("decision"), choice(DecisionKind)),
    "reasons": Field(gettext_lazy("reasons"), quoted),
    "feedback": Field(gettext_lazy("feedback for the proposer"), quoted),
    "amounts_pence": Field(gettext_lazy("amount funded"), money_by_year),
    "conditions": Field(gettext_lazy("conditions"), listed),
    "funding": Field(gettext_lazy("funding sources"), listed),
    "version": gettext_lazy("version"),
}

SENTENCES = {
    "decisions.recorded": Sentence(
        gettext_lazy("%(actor)s recorded the decision on “%(object)s”: %(after_kind)s"),
        fields=FIELDS,
        note=False,
    ),
    "decisions.changed": Sentence(
        gettext_lazy("%(actor)s changed the decision on “%(object)s” (version %(after_version)s): %(after_kind)s"),
        fields=FIELDS,
        note_label=gettext_lazy("Reason"),
    ),
    "decisions.approved": Sentence(
        gettext_lazy("%(actor)s approved the decision on “%(object)s” (version %(after_version)s): %(after_kind)s"),
        fields=FIELDS,
        note=False,
    ),
    "decisions.settings_changed": Sentence(
        gettext_lazy("%(actor)s chose who approves the round's decisions: %(after_approver_kind)s"),
        fields={
            "approver_kind": Field(gettext_lazy("approver"), choice(ApproverKind)),
            "board_chair": gettext_lazy("chair of the board"),
        },
        note=False,
    ),
}
