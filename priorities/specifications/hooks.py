"""What specifications add to the round: the call's stage guard, the home-page summary (with a link
straight to each sub-group member's own specification), the sponsor's panel on their home page, the
specification PDF, the check that a round's budget and years still cover what its specifications
allocate, the demo's published specifications and how the audit trail reads specifications,
questions and the mailing list."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import Stage
from commissioning.registry import (
    SPECIFICATIONS,
    HomePanel,
    PublicCall,
    Summary,
    audit_sentences,
    demo_seeder,
    document_builder,
    home_panel,
    public_calls_source,
    round_change_check,
    round_summary,
    stage_guard,
)
from priorities.specifications import demo, documents, selectors, sentences
from priorities.specifications.enums import SpecificationState
from priorities.specifications.models import Specification, SubgroupMember
from priorities.specifications.services import budget
from priorities.specifications.services.specifications import (
    SPECIFICATION_PDF,
    priorities_without_published_specification,
)
from priorities.workshop.models import Priority


@stage_guard(Stage.CALL)
def every_priority_published(round_):
    if not Priority.objects.filter(round=round_).exists():
        return [_("Choose the round's priorities at the workshop.")]
    waiting = list(priorities_without_published_specification(round_).values_list("title", flat=True))
    if waiting:
        return [
            ngettext(
                "Publish the specification for %(names)s.",
                "Publish the specifications for: %(names)s.",
                len(waiting),
            )
            % {"names": ", ".join(waiting)}
        ]
    return []


@round_summary(Stage.SPECIFICATION)
def specifications_summary(round_, user):
    if not user.has_perm("commissioning.view_round", round_):
        return None
    counts = dict.fromkeys(SpecificationState.values, 0)
    for state in Specification.objects.filter(round=round_).values_list("state", flat=True):
        counts[state] += 1
    priorities = Priority.objects.filter(round=round_).count()
    if not priorities:
        return None
    published = counts[SpecificationState.PUBLISHED] + counts[SpecificationState.AMENDED]
    lines = [
        ngettext(
            "%(published)d of %(n)d priority has a published specification.",
            "%(published)d of %(n)d priorities have a published specification.",
            priorities,
        )
        % {"published": published, "n": priorities}
    ]
    if user.has_perm("priorities.view_specification_drafts", round_):
        lines.append(
            _("%(draft)d draft, %(submitted)d waiting for approval, %(approved)d approved and not yet published.")
            % {
                "draft": counts[SpecificationState.DRAFT],
                "submitted": counts[SpecificationState.SUBMITTED],
                "approved": counts[SpecificationState.APPROVED],
            }
        )
    summary = Summary(group=SPECIFICATIONS, lines=lines)
    for member in SubgroupMember.objects.filter(priority__round=round_, user=user).select_related("priority"):
        if not user.has_perm("priorities.view_specification", member.priority):
            continue
        summary.links.append(
            (
                _("Your specification: %(title)s") % {"title": member.priority.title},
                reverse("specification_detail", args=[round_.pk, member.priority_id]),
            )
        )
    summary.links.append((_("Specifications"), reverse("specification_list", args=[round_.pk])))
    if user.has_perm("priorities.answer_question", round_):
        summary.links.append((_("Clarification questions"), reverse("question_list", args=[round_.pk])))
    if user.has_perm("priorities.manage_mailing_list", round_):
        summary.links.append((_("Mailing list"), reverse("mailing_list", args=[round_.pk])))
    if published:
        summary.links.append((_("Public page of the call"), reverse("call_public", args=[round_.public_key])))
    return summary


def _deadline(spec):
    if spec.proposal_deadline is None:
        return ""
    return _("Proposals by %(date)s") % {"date": date_format(timezone.localtime(spec.proposal_deadline), "j F Y, H:i")}


@public_calls_source
def open_calls():
    """Every round with a published specification still taking proposals. A round with nothing published
    is not named in public."""
    calls = {}
    for spec in selectors.open_call_specifications():
        round_ = spec.round
        if round_.pk not in calls:
            calls[round_.pk] = PublicCall(
                round=round_,
                links=[
                    (_("Read the call"), reverse("call_public", args=[round_.public_key])),
                    (_("Get emails about this call"), reverse("mailing_signup", args=[round_.public_key])),
                ],
            )
        calls[round_.pk].items.append(
            (spec.title, reverse("specification_public", args=[round_.public_key, spec.priority_id]), _deadline(spec))
        )
    return list(calls.values())


round_change_check(budget.round_change_refusals)


@home_panel
def sponsor_panel(user):
    """For the people of a sponsor organisation: what it sponsors, and the sign-offs waiting for them."""
    specifications, waiting = selectors.sponsor_home(user)
    if not specifications:
        return None
    waiting = [signoff for signoff in waiting if user.has_perm("priorities.answer_signoff", signoff)]
    return HomePanel(
        title=_("Your organisation's sponsorships"),
        template="priorities/specifications/_sponsor_home.html",
        context={"specifications": specifications, "waiting": waiting},
    )


document_builder(SPECIFICATION_PDF)(documents.build_specification_pdf)
demo_seeder(Stage.SPECIFICATION)(demo.seed)
audit_sentences(sentences.SENTENCES)
