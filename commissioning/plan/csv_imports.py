"""CSV imports of the strategic plan (outcomes, then indicators) and of indicator readings.

The plan comes in two files because an outcome may have no indicators yet and an
indicator names its outcome by code: import the outcomes first, then the indicators.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.services import AuditedCsvImport
from commissioning.common.csv_import.engine import Column
from commissioning.common.csv_import.parsers import parse_code, parse_date, parse_decimal, parse_text, parse_yes_no
from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome
from commissioning.plan.services import INDICATOR_FIELDS
from commissioning.plan.validators import check_baseline_and_target


class OutcomeImport(AuditedCsvImport):
    title = gettext_lazy("Strategic plan outcomes")
    intro = gettext_lazy("The outcomes (themes) of the city's strategic plan, one per row.")
    template_filename = "strategic-plan-outcomes.csv"
    audit_action = "plan.outcomes_imported"
    key = ("code",)
    columns = (
        Column(
            "code",
            gettext_lazy("A short code for the outcome, used by the indicators file."),
            parse=parse_code(),
            example="O1",
        ),
        Column(
            "title",
            gettext_lazy("The outcome, as the plan words it."),
            parse=parse_text(200),
            example="More people in work",
        ),
        Column(
            "description",
            gettext_lazy("A sentence or two on what the outcome means."),
            required=False,
            parse=parse_text(2000),
            example="Fewer working-age residents out of work in the priority neighbourhoods.",
        ),
    )

    def prepare(self):
        self.existing = {
            o.code.upper(): o for o in StrategicOutcome.objects.filter(partnership=self.round.partnership_id)
        }

    def write_row(self, values):
        outcome = self.existing.get(values["code"]) or StrategicOutcome(
            partnership_id=self.round.partnership_id, code=values["code"]
        )
        return self.save(outcome, {"title": values["title"], "description": values["description"] or ""})


class IndicatorImport(AuditedCsvImport):
    title = gettext_lazy("Strategic plan indicators")
    intro = gettext_lazy("The plan's performance indicators, one per row, each under an outcome already in the plan.")
    template_filename = "strategic-plan-indicators.csv"
    audit_action = "plan.indicators_imported"
    key = ("code",)
    columns = (
        Column(
            "outcome_code",
            gettext_lazy("The code of the outcome the indicator measures."),
            parse=parse_code(),
            example="O1",
        ),
        Column(
            "code",
            gettext_lazy("A short code for the indicator, unique in the plan; readings use it."),
            parse=parse_code(),
            example="WK1",
        ),
        Column(
            "name",
            gettext_lazy("What is measured."),
            parse=parse_text(300),
            example="Working-age residents claiming out-of-work benefits",
        ),
        Column("unit", gettext_lazy("The unit of the values."), parse=parse_text(50), example="%"),
        Column(
            "higher_is_better",
            gettext_lazy("yes if a higher value is better, no if a lower value is better."),
            parse=parse_yes_no(),
            example="no",
        ),
        Column(
            "baseline_value",
            gettext_lazy("The value when the plan was set (a number)."),
            required=False,
            parse=parse_decimal(),
            example="14.2",
        ),
        Column(
            "baseline_date",
            gettext_lazy("The date of the baseline value."),
            required=False,
            parse=parse_date(),
            example="2025-03-31",
        ),
        Column(
            "target_value",
            gettext_lazy("The value the plan aims for (a number)."),
            required=False,
            parse=parse_decimal(),
            example="11.5",
        ),
        Column(
            "target_date",
            gettext_lazy("When the target should be met."),
            required=False,
            parse=parse_date(),
            example="2030-03-31",
        ),
        Column(
            "source",
            gettext_lazy("Where the figures come from."),
            required=False,
            parse=parse_text(300),
            example="DWP benefit claimants",
        ),
    )

    def prepare(self):
        self.outcomes = {
            o.code.upper(): o for o in StrategicOutcome.objects.filter(partnership=self.round.partnership_id)
        }
        self.existing = {
            i.code.upper(): i
            for i in Indicator.objects.filter(outcome__partnership=self.round.partnership_id).select_related("outcome")
        }

    def clean_row(self, values):
        message = _("There is no outcome %(value)s in the plan. Import the outcomes first.")
        return self.resolve(values, "outcome_code", self.outcomes, message) + check_baseline_and_target(values)

    def write_row(self, values):
        indicator = self.existing.get(values["code"]) or Indicator(code=values["code"])
        fields = {name: values[name] for name in INDICATOR_FIELDS if name not in ("code", "source")}
        fields["source"] = values["source"] or ""
        return self.save(indicator, fields)


class ReadingImport(AuditedCsvImport):
    title = gettext_lazy("Indicator readings")
    intro = gettext_lazy("Statistics over time: one value of one indicator at one date, for the city or one area.")
    template_filename = "indicator-readings.csv"
    audit_action = "plan.readings_imported"
    key = ("indicator_code", "date", "area")
    columns = (
        Column(
            "indicator_code", gettext_lazy("The code of an indicator in the plan."), parse=parse_code(), example="WK1"
        ),
        Column(
            "date",
            gettext_lazy("The date the value is for (2026-03-31 or 31/03/2026)."),
            parse=parse_date(),
            example="2026-03-31",
        ),
        Column(
            "area",
            gettext_lazy("A ward or neighbourhood; leave empty for the whole city."),
            required=False,
            parse=parse_text(100),
            example="Foleshill",
        ),
        Column(
            "value", gettext_lazy("The value, a number in the indicator's unit."), parse=parse_decimal(), example="13.6"
        ),
    )

    def prepare(self):
        self.indicators = {
            i.code.upper(): i for i in Indicator.objects.filter(outcome__partnership=self.round.partnership_id)
        }
        # An area is matched whatever its capitals, so that "foleshill" updates Foleshill's readings.
        areas = IndicatorReading.objects.filter(indicator__outcome__partnership=self.round.partnership_id).exclude(
            area=""
        )
        self.areas = {area.casefold(): area for area in areas.values_list("area", flat=True).distinct()}
        self.existing = {
            (r.indicator_id, r.date, r.area): r
            for r in IndicatorReading.objects.filter(indicator__outcome__partnership=self.round.partnership_id)
        }

    def clean_row(self, values):
        if values["area"]:
            values["area"] = self.areas.setdefault(values["area"].casefold(), values["area"])
        message = _("There is no indicator %(value)s in the plan.")
        return self.resolve(values, "indicator_code", self.indicators, message)

    def write_row(self, values):
        key = (values["indicator"].pk, values["date"], values["area"] or "")
        reading = self.existing.get(key) or IndicatorReading(
            indicator=values["indicator"], date=values["date"], area=values["area"] or ""
        )
        return self.save(reading, {"value": values["value"]})
