"""What rounds add to the registry: the placeholder guards of the stages whose apps are not built
yet (each refuses until the app that owns the stage registers its real guard, so a round never
enters a stage that does not exist), the links that manage the round on its home page, and how
the audit trail reads the round's own actions."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import Stage
from commissioning.registry import MANAGE, Summary, audit_sentences, placeholder_guard, round_summary
from commissioning.rounds import sentences

NOT_BUILT_YET = [Stage.AWARD, Stage.MONITORING, Stage.CLOSED]


def not_available_yet(stage):
    def guard(round_):
        return [_("“%(stage)s” is not available yet.") % {"stage": stage.label}]

    guard.__name__ = f"{stage.value}_not_available_yet"
    return guard


for _stage in NOT_BUILT_YET:
    placeholder_guard(_stage)(not_available_yet(_stage))


@round_summary(Stage.SETUP)
def manage_summary(round_, user):
    """The officer's own links: the round's details, its people, its audit trail and its send log."""
    links = [
        (label, reverse(name, args=[round_.pk]))
        for permission, label, name in [
            ("commissioning.change_round", _("Edit the round's details"), "round_edit"),
            ("commissioning.manage_people", _("People and roles"), "round_people"),
            ("commissioning.view_audit", _("Audit trail"), "round_audit"),
            ("commissioning.view_outbox", _("Email send log"), "round_outbox"),
        ]
        if user.has_perm(permission, round_)
    ]
    return Summary(group=MANAGE, links=links) if links else None


audit_sentences(sentences.SENTENCES)
