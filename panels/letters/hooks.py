"""What letters add: the letter made when a decision is approved, its PDF's builder, the links on a
bidder's dashboard and on the round's page for officers, the sweep task, and how the audit trail
reads letters."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import STAGE_ORDER, Stage
from commissioning.registry import Summary, audit_sentences, bidder_link, demo_seeder, document_builder, round_summary
from panels.decisions.enums import DECISIONS_GROUP
from panels.decisions.events import on_decision_approved
from panels.letters import demo, documents, selectors, sentences, services
from panels.letters import tasks as _tasks  # noqa: F401 -- registers the letters' tasks with Celery


@on_decision_approved
def letter_for_approved_decision(decision, *, by):
    services.queue_letter(decision, by=by)


@bidder_link
def letter_links(round_, user):
    links = []
    for decision in selectors.bidder_letter_decisions(user, round_):
        label = (_("Your award letter: %(title)s") if decision.is_funded else _("The decision letter: %(title)s")) % {
            "title": decision.proposal.title
        }
        links.append((label, reverse("letter_detail", args=[round_.pk, decision.proposal_id])))
    return links


@round_summary(Stage.AWARD)
def letters_summary(round_, user):
    """From the award stage on, for officers: the award and decline letters, beside the decisions."""
    if STAGE_ORDER.index(round_.stage) < STAGE_ORDER.index(Stage.AWARD):
        return None
    if not user.has_perm("panels.list_letters", round_):
        return None
    return Summary(
        group=DECISIONS_GROUP, links=[(_("Award and decline letters"), reverse("letters_list", args=[round_.pk]))]
    )


document_builder(documents.KIND)(documents.build_letter)
audit_sentences(sentences.SENTENCES)
# The letters of the demo's approved decisions, made before the round is ready for monitoring.
demo_seeder(Stage.MONITORING)(demo.seed_letters)
