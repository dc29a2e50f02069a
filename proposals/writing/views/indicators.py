"""The indicators section: a form for each of the specification's plan indicators, with the plan's
own baseline and target beside it for reference."""

from proposals.writing.enums import Section
from proposals.writing.forms_indicators import IndicatorForm
from proposals.writing.saving import write_indicators
from proposals.writing.views.sections import SectionPage, register


@register
class IndicatorsPage(SectionPage):
    section = Section.INDICATORS
    template_name = "proposals/writing/sections/indicators.html"
    content_template = "proposals/writing/content/indicators.html"

    def build_forms(self, data=None, files=None):
        baselines = {baseline.indicator_id: baseline for baseline in self.proposal.indicator_baselines.all()}
        built = {}
        for indicator in self.indicators:
            kwargs = {"proposal": self.proposal, "indicator": indicator, "baseline": baselines.get(indicator.pk)}
            if data is not None:
                kwargs.update(data=data, files=files)
            built[f"indicator-{indicator.pk}"] = IndicatorForm(**kwargs)
        return built

    def apply(self, forms, locked):
        write_indicators(locked, [form.entry() for form in forms.values()])
