from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.services import AuditedCsvImport
from commissioning.common.csv_import.engine import UNCHANGED, UPDATED, Column
from commissioning.common.csv_import.parsers import (
    parse_code,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_list,
    parse_text,
)
from commissioning.plan.models import Indicator, StrategicOutcome
from priorities.evidence.models import MAX_SAMPLE_SIZE, CandidateIssue, SurveyResult


def parse_percent():
    number = parse_decimal(max_digits=5, decimal_places=2, min_value=0, max_value=100)

    def parse(text):
        return number(text.rstrip("%").strip())

    return parse


class CandidateIssueImport(AuditedCsvImport):
    title = gettext_lazy("Candidate issues")
    intro = gettext_lazy("The issues put before the priority workshop, each linked to an outcome of the plan.")
    template_filename = "candidate-issues.csv"
    audit_action = "evidence.issues_imported"
    key = ("name",)
    columns = (
        Column(
            "name",
            gettext_lazy("The issue, as residents would recognise it."),
            parse=parse_text(200),
            example="Worklessness",
        ),
        Column(
            "outcome_code",
            gettext_lazy("The code of the plan outcome the issue serves."),
            parse=parse_code(),
            example="O1",
        ),
        Column(
            "description",
            gettext_lazy("A short description for the workshop."),
            required=False,
            parse=parse_text(2000),
            example="Too many working-age residents are out of work, and for too long.",
        ),
        Column(
            "indicator_codes",
            gettext_lazy("Codes of the plan's indicators that show the issue's trend, separated by semicolons."),
            required=False,
            parse=parse_list(parse_code()),
            example="WK1;WK2",
        ),
    )

    def prepare(self):
        self.outcomes = {
            o.code.upper(): o for o in StrategicOutcome.objects.filter(partnership=self.round.partnership_id)
        }
        self.indicators = {
            i.code.upper(): i for i in Indicator.objects.filter(outcome__partnership=self.round.partnership_id)
        }
        self.existing = {
            i.name.casefold(): i
            for i in CandidateIssue.objects.filter(round=self.round)
            .select_related("outcome")
            .prefetch_related("indicators")
        }

    def clean_row(self, values):
        errors = self.resolve(values, "outcome_code", self.outcomes, _("There is no outcome %(value)s in the plan."))
        codes = values["indicator_codes"] or []
        unknown = [code for code in codes if code not in self.indicators]
        if unknown:
            errors.append(
                ("indicator_codes", _("There is no indicator %(codes)s in the plan.") % {"codes": ", ".join(unknown)})
            )
        values["indicators"] = [self.indicators[code] for code in dict.fromkeys(codes) if code in self.indicators]
        return errors

    def write_row(self, values):
        issue = self.existing.get(values["name"].casefold()) or CandidateIssue(round=self.round, name=values["name"])
        old_codes = set() if issue.pk is None else {i.code for i in issue.indicators.all()}
        status = self.save(
            issue,
            {"name": values["name"], "outcome": values["outcome"], "description": values["description"] or ""},
        )
        new_codes = {i.code for i in values["indicators"]}
        if new_codes != old_codes:
            self.links.append((issue, values["indicators"]))
            if status == UNCHANGED:
                status = UPDATED
        return status

    def write(self, rows, filename):
        self.links = []
        return super().write(rows, filename)

    def after_write(self):
        """Replace the indicators of the issues whose list changed: two queries for the whole file."""
        through = CandidateIssue.indicators.through
        through.objects.filter(candidateissue__in=[issue.pk for issue, _indicators in self.links]).delete()
        through.objects.bulk_create(
            through(candidateissue_id=issue.pk, indicator_id=indicator.pk)
            for issue, indicators in self.links
            for indicator in indicators
        )


class SurveyResultImport(AuditedCsvImport):
    title = gettext_lazy("Residents' survey results")
    intro = gettext_lazy(
        "For each candidate issue, the share of residents who rank it among the most important, from the survey."
    )
    template_filename = "survey-results.csv"
    audit_action = "evidence.survey_imported"
    key = ("issue", "survey_date")
    columns = (
        Column(
            "issue",
            gettext_lazy("The name of a candidate issue, as on the candidate issues page."),
            parse=parse_text(200),
            example="Worklessness",
        ),
        Column(
            "share_percent",
            gettext_lazy("The percentage of residents ranking it among the most important, from 0 to 100."),
            parse=parse_percent(),
            example="38.5",
        ),
        Column(
            "sample_size",
            gettext_lazy("How many residents answered (a whole number)."),
            parse=parse_integer(min_value=1, max_value=MAX_SAMPLE_SIZE),
            example="1200",
        ),
        Column(
            "survey_date", gettext_lazy("When the survey was carried out."), parse=parse_date(), example="2026-06-30"
        ),
    )

    def prepare(self):
        self.issues = {i.name.casefold(): i for i in CandidateIssue.objects.filter(round=self.round)}
        self.existing = {(r.issue_id, r.survey_date): r for r in SurveyResult.objects.filter(round=self.round)}

    def clean_row(self, values):
        message = _("There is no candidate issue called “%(value)s”. Add the issue first.")
        return self.resolve(values, "issue", self.issues, message, to="issue_obj", normalise=str.casefold)

    def write_row(self, values):
        issue = values["issue_obj"]
        result = self.existing.get((issue.pk, values["survey_date"])) or SurveyResult(
            round=self.round, issue=issue, survey_date=values["survey_date"]
        )
        return self.save(result, {"share_percent": values["share_percent"], "sample_size": values["sample_size"]})
