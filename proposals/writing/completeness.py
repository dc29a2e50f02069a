"""What a proposal still lacks, section by section: the checklist always in view while writing,
and the list of problems that refuses a submission (each linked to its field)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proposals.writing.budget import allocation_problems, totals
from proposals.writing.enums import AttachmentKind, PartnerState, Section
from proposals.writing.models import Proposal

# The related rows completeness reads: load a proposal with these to check it in a fixed number of queries.
PREFETCH = (
    "partners",
    "indicator_baselines__targets",
    "budget_lines",
    "theme_responses",
    "milestones",
    "outputs",
    "risks",
    "attachments",
)


@dataclass(frozen=True)
class Problem:
    """Something a proposal lacks: its section, the form field at fault (or "") and what to do."""

    section: str
    field: str
    message: str


@dataclass(frozen=True)
class SectionStatus:
    section: Section
    problems: tuple

    @property
    def complete(self):
        return not self.problems

    @property
    def label(self):
        return self.section.label


def load_for_checking(proposal_id):
    """The proposal with everything completeness reads."""
    return (
        Proposal.objects.select_related("round", "specification__round", "specification__priority")
        .prefetch_related(*PREFETCH)
        .get(pk=proposal_id)
    )


def _blank(text):
    return not (text or "").strip()


def _activity(proposal):
    problems = []
    if _blank(proposal.title):
        problems.append(("title", _("Enter the title of the activity.")))
    if _blank(proposal.activity):
        problems.append(("activity", _("Describe the activity.")))
    if _blank(proposal.how_outcome):
        problems.append(("how_outcome", _("Say how the activity brings about the specification's outcome.")))
    return problems


def _partners(proposal):
    needed = proposal.specification.minimum_partners
    confirmed = sum(1 for partner in proposal.partners.all() if partner.state == PartnerState.CONFIRMED)
    if confirmed >= needed:
        return []
    return [
        (
            "",
            ngettext(
                "%(confirmed)d of the %(needed)d organisation needed has confirmed (the lead counting).",
                "%(confirmed)d of the %(needed)d organisations needed have confirmed (the lead counting).",
                needed,
            )
            % {"confirmed": confirmed, "needed": needed},
        )
    ]


def _indicators(proposal, indicators):
    problems = []
    number_of_years = proposal.round.number_of_years
    baselines = {baseline.indicator_id: baseline for baseline in proposal.indicator_baselines.all()}
    for indicator in indicators:
        baseline = baselines.get(indicator.pk)
        prefix = f"indicator-{indicator.pk}"
        if baseline is None or baseline.baseline_value is None:
            problems.append((f"{prefix}-baseline_value", _("Enter the baseline for %(name)s.") % {"name": indicator}))
        if baseline is None or baseline.baseline_date is None:
            problems.append(
                (f"{prefix}-baseline_date", _("Enter the date of the baseline for %(name)s.") % {"name": indicator})
            )
        if baseline is None or _blank(baseline.baseline_source):
            problems.append(
                (f"{prefix}-baseline_source", _("Enter the source of the baseline for %(name)s.") % {"name": indicator})
            )
        years = {target.year for target in baseline.targets.all()} if baseline else set()
        for year in range(1, number_of_years + 1):
            if year not in years:
                problems.append(
                    (
                        f"{prefix}-target_{year}",
                        _("Enter the target for %(name)s in year %(year)d.") % {"name": indicator, "year": year},
                    )
                )
    return problems


def _budget(proposal):
    # Only what the organisations still in the consortium ask counts, as on the budget page: cells
    # typed for a partner that then declined are not part of the budget.
    declined = {partner.pk for partner in proposal.partners.all() if partner.state == PartnerState.DECLINED}
    lines = [line for line in proposal.budget_lines.all() if line.partner_id not in declined]
    sums = totals(lines, proposal.round.number_of_years)
    if sums.total == 0:
        return [("", _("Enter the budget: what each organisation will spend, year by year."))]
    return [("", problem) for problem in allocation_problems(proposal.specification, sums.per_year)]


def _client_group(proposal):
    problems = []
    if _blank(proposal.client_group_involvement):
        problems.append(("client_group_involvement", _("Say how the client group was involved.")))
    asked = proposal.specification.steering_group_places
    if proposal.steering_group_places is None:
        problems.append(
            (
                "steering_group_places",
                _("Enter the places client-group representatives will have on the steering group."),
            )
        )
    elif proposal.steering_group_places < asked:
        problems.append(
            (
                "steering_group_places",
                ngettext(
                    "The specification asks for at least %(n)d place for client-group representatives.",
                    "The specification asks for at least %(n)d places for client-group representatives.",
                    asked,
                )
                % {"n": asked},
            )
        )
    return problems


def _sponsor(proposal):
    problems = []
    if _blank(proposal.sponsor_contact_name):
        problems.append(("sponsor_contact_name", _("Enter the name of the sponsor's contact you spoke to.")))
    if _blank(proposal.sponsor_evidence):
        problems.append(("sponsor_evidence", _("Give the evidence of your conversation with the sponsor.")))
    return problems


def _themes(proposal, themes):
    answered = {response.theme_id for response in proposal.theme_responses.all() if not _blank(response.response)}
    return [
        (f"theme-{theme.pk}", _("Respond to the cross-cutting theme %(title)s.") % {"title": theme.title})
        for theme in themes
        if theme.pk not in answered
    ]


def _milestones(proposal):
    problems = []
    if not proposal.milestones.all():
        problems.append(("", _("Add at least one key milestone, with its month.")))
    if not proposal.outputs.all():
        problems.append(("", _("Add at least one output.")))
    return problems


def _risks(proposal):
    if proposal.risks.all():
        return []
    return [("", _("Add at least one of the main risks, with its likelihood, impact and mitigation."))]


def _attachments(proposal):
    kinds = {attachment.kind for attachment in proposal.attachments.all()}
    problems = []
    if AttachmentKind.CONSTITUTION not in kinds:
        problems.append(("", _("Attach the lead organisation's constitution.")))
    if AttachmentKind.ACCOUNTS not in kinds:
        problems.append(("", _("Attach the lead organisation's latest accounts.")))
    return problems


def section_statuses(proposal, *, indicators=None, themes=None):
    """A SectionStatus for every section of ``proposal``, in reading order.

    ``proposal`` should be loaded with PREFETCH (``load_for_checking``); ``indicators`` (the
    specification's plan indicators) and ``themes`` (the round's cross-cutting themes) may be
    passed when already loaded, else they are read here (one query each)."""
    if indicators is None:
        indicators = list(proposal.specification.indicators.order_by("code"))
    if themes is None:
        themes = list(proposal.round.cross_cutting_themes.order_by("title"))
    checks = {
        Section.ACTIVITY: _activity(proposal),
        Section.PARTNERS: _partners(proposal),
        Section.INDICATORS: _indicators(proposal, indicators),
        Section.EVALUATION: (
            [("evaluation_plan", _("Describe how the activity will be evaluated."))]
            if _blank(proposal.evaluation_plan)
            else []
        ),
        Section.BUDGET: _budget(proposal),
        Section.CLIENT_GROUP: _client_group(proposal),
        Section.SPONSOR: _sponsor(proposal),
        Section.THEMES: _themes(proposal, themes),
        Section.MILESTONES: _milestones(proposal),
        Section.RISKS: _risks(proposal),
        Section.ATTACHMENTS: _attachments(proposal),
    }
    return [
        SectionStatus(
            section=section,
            problems=tuple(
                Problem(section=section.value, field=field, message=str(message)) for field, message in found
            ),
        )
        for section, found in checks.items()
    ]


def problems_of(proposal, **kwargs):
    """Every problem of ``proposal``, in reading order (empty when it is complete)."""
    return [problem for status in section_statuses(proposal, **kwargs) for problem in status.problems]


def completeness_percent(statuses):
    """The share of sections complete, as a whole percentage."""
    if not statuses:
        return 0
    return round(100 * sum(1 for status in statuses if status.complete) / len(statuses))
