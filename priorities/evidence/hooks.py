"""What the evidence area adds to the round: its home-page summary, the workshop's guard, its demo data
and how the audit trail reads its changes."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.enums import Stage
from commissioning.registry import EVIDENCE, Summary, audit_sentences, demo_seeder, round_summary, stage_guard
from priorities.evidence import demo, sentences
from priorities.evidence.models import CandidateIssue, SurveyResult


@stage_guard(Stage.WORKSHOP)
def candidate_issues_exist(round_):
    if not CandidateIssue.objects.filter(round=round_).exists():
        return [_("Add the candidate issues for the workshop.")]
    return []


@round_summary(Stage.SETUP)
def evidence_summary(round_, user):
    if not user.has_perm("priorities.view_evidence", round_):
        return None
    issues = list(
        CandidateIssue.objects.filter(round=round_).prefetch_related("survey_results", "indicators").order_by("name")
    )
    results = SurveyResult.objects.filter(round=round_).count()
    lines = [
        ngettext("%(n)d candidate issue", "%(n)d candidate issues", len(issues)) % {"n": len(issues)},
        ngettext("%(n)d residents' survey result", "%(n)d residents' survey results", results) % {"n": results},
    ]
    without = [i for i in issues if not i.survey_results.all() and not i.indicators.all()]
    if without:
        lines.append(
            ngettext(
                "%(n)d issue has neither a survey result nor an indicator: %(names)s.",
                "%(n)d issues have neither a survey result nor an indicator: %(names)s.",
                len(without),
            )
            % {"n": len(without), "names": ", ".join(i.name for i in without)}
        )
    links = [(_("Candidate issues"), reverse("evidence_issues", args=[round_.pk]))]
    links += [
        (_("Evidence: %(name)s") % {"name": issue.name}, reverse("evidence_issue", args=[round_.pk, issue.pk]))
        for issue in issues
    ]
    return Summary(group=EVIDENCE, lines=lines, links=links)


demo_seeder(Stage.SETUP)(demo.seed_evidence)
audit_sentences(sentences.SENTENCES)
