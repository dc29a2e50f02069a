"""What the officers' review adds to the round: the guard for moving on to the selection panels (every
deadline passed, extensions included, and every submitted proposal decided eligible or not), the
round-page summary linking officers to the proposal lists, the similar-proposal finder queued when a
proposal is submitted, withdrawn or changed while submitted, and how the audit trail reads
eligibility decisions."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commissioning.common.dates import london
from commissioning.enums import Stage
from commissioning.registry import LinkGroup, Summary, audit_sentences, demo_seeder, round_summary, stage_guard
from proposals.review import demo, selectors, sentences, services
from proposals.writing import events
from proposals.writing.enums import ProposalState

PROPOSALS = LinkGroup("proposals", gettext_lazy("Proposals"))


def _when(moment):
    return _("%(date)s at %(time)s") % {"date": london(moment, "j F Y"), "time": london(moment, "H:i")}


@stage_guard(Stage.PANELS)
def proposals_decided(round_):
    """Blocked while a published specification still takes proposals (with any extension) and while
    a submitted proposal has no eligibility decision."""
    reasons = []
    if not selectors.published_specifications(round_).exists():
        reasons.append(_("No specification has been published for proposals."))
    for title, deadline in selectors.deadlines_not_passed(round_):
        reasons.append(
            _("The deadline for %(title)s has not passed: %(when)s.") % {"title": title, "when": _when(deadline)}
        )
    undecided = selectors.review_counts(round_)["undecided"]
    if undecided:
        reasons.append(
            ngettext(
                "%(n)d submitted proposal has no eligibility decision.",
                "%(n)d submitted proposals have no eligibility decision.",
                undecided,
            )
            % {"n": undecided}
        )
    return reasons


@round_summary(Stage.CALL)
def review_summary(round_, user):
    if not user.has_perm("proposals.review_proposals", round_):
        return None
    counts = selectors.review_counts(round_)
    if not any(counts.values()):
        return None
    lines = [
        _("%(submitted)d submitted, %(draft)d in draft and %(withdrawn)d withdrawn.") % counts,
        _("Of the submitted: %(eligible)d eligible, %(not_eligible)d not eligible, %(undecided)d not yet decided.")
        % counts,
    ]
    links = [(_("Every proposal of the round"), reverse("review_proposals", args=[round_.pk]))]
    for spec in selectors.specifications_with_counts(round_):
        links.append(
            (
                ngettext(
                    "Proposals for %(title)s (%(n)d submitted)",
                    "Proposals for %(title)s (%(n)d submitted)",
                    spec.submitted_count,
                )
                % {"title": spec.title, "n": spec.submitted_count},
                reverse("review_specification_proposals", args=[round_.pk, spec.pk]),
            )
        )
    links.append((_("Export the proposal list"), reverse("review_exports", args=[round_.pk])))
    return Summary(group=PROPOSALS, lines=lines, links=links)


@events.after_proposal_change
def find_similar_proposals_again(proposal, event):
    """A proposal submitted, withdrawn, or changed while submitted: its round's similar proposals
    are found again (a draft's saves change nothing officers see)."""
    if event == events.WITHDRAWN or (event != events.EXTENDED and proposal.state == ProposalState.SUBMITTED):
        services.queue_similarity(proposal.round)


audit_sentences(sentences.SENTENCES)
demo_seeder(Stage.CALL)(demo.seed)
