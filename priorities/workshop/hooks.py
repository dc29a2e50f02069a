"""What the priority workshop adds to the round: the specifications' guard, the home-page summary,
the results PDF, the demo's workshops and how the audit trail reads the workshop."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import Stage
from commissioning.registry import (
    WORKSHOP,
    Summary,
    audit_sentences,
    demo_seeder,
    document_builder,
    round_summary,
    stage_guard,
)
from commissioning.rounds.rules import manages_round
from priorities.workshop import demo, documents, sentences, services
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import Participant, Priority, Workshop


@stage_guard(Stage.SPECIFICATION)
def priorities_confirmed(round_):
    if not Workshop.objects.filter(round=round_, state=WorkshopState.CONFIRMED).exists():
        return [_("Confirm the priorities at the priority workshop.")]
    if not Priority.objects.filter(round=round_).exists():
        return [_("The workshop's priorities are missing.")]
    return []


@round_summary(Stage.WORKSHOP)
def workshop_summary(round_, user):
    if manages_round(user, round_):
        count = Workshop.objects.filter(round=round_).count()
        summary = Summary(group=WORKSHOP)
        summary.lines.append(ngettext("%(n)d workshop", "%(n)d workshops", count) % {"n": count})
        summary.links.append((_("Priority workshops"), reverse("workshop_list", args=[round_.pk])))
        return summary
    seats = Participant.objects.filter(workshop__round=round_, user=user).select_related("workshop")
    confirmed = Workshop.objects.filter(round=round_, state=WorkshopState.CONFIRMED)
    if not seats and not (confirmed.exists() and user.has_perm("priorities.view_evidence", round_)):
        return None
    summary = Summary(group=WORKSHOP)
    for seat in seats:
        if seat.workshop.state != WorkshopState.CONFIRMED:
            summary.links.append(
                (
                    _("Your dots at %(w)s") % {"w": seat.workshop},
                    reverse("workshop_vote", args=[round_.pk, seat.workshop_id]),
                )
            )
    for workshop in confirmed:
        summary.links.append(
            (_("Results of %(w)s") % {"w": workshop}, reverse("workshop_results", args=[round_.pk, workshop.pk]))
        )
    return summary


document_builder(services.RESULTS_PDF_KIND)(documents.build_results_pdf)
demo_seeder(Stage.WORKSHOP)(demo.seed_workshop)
audit_sentences(sentences.SENTENCES)
