"""The sections written as text: the activity, the evaluation plan, the client group, the sponsor's
support and the responses to the cross-cutting themes."""

from priorities.specifications.outcome_language import check_outcome_language
from proposals.writing.enums import Section
from proposals.writing.forms import ActivityForm, ClientGroupForm, EvaluationForm, SponsorForm, ThemesForm
from proposals.writing.views.sections import SectionPage, register


@register
class ActivityPage(SectionPage):
    section = Section.ACTIVITY
    form_classes = {"form": ActivityForm}
    template_name = "proposals/writing/sections/activity.html"
    content_template = "proposals/writing/content/activity.html"
    live_template = "proposals/writing/_outcome_warnings.html"

    def get_context(self, forms):
        form = forms.get("form")
        text = form.data.get("how_outcome", "") if form is not None and form.is_bound else self.proposal.how_outcome
        return {"warnings": check_outcome_language(text)}


@register
class EvaluationPage(SectionPage):
    section = Section.EVALUATION
    form_classes = {"form": EvaluationForm}
    template_name = "proposals/writing/sections/evaluation.html"
    content_template = "proposals/writing/content/evaluation.html"


@register
class ClientGroupPage(SectionPage):
    section = Section.CLIENT_GROUP
    form_classes = {"form": ClientGroupForm}
    template_name = "proposals/writing/sections/client_group.html"
    content_template = "proposals/writing/content/client_group.html"


@register
class SponsorPage(SectionPage):
    section = Section.SPONSOR
    form_classes = {"form": SponsorForm}
    template_name = "proposals/writing/sections/sponsor.html"
    content_template = "proposals/writing/content/sponsor.html"


@register
class ThemesPage(SectionPage):
    section = Section.THEMES
    form_classes = {"form": ThemesForm}
    template_name = "proposals/writing/sections/themes.html"
    content_template = "proposals/writing/content/themes.html"

    def get_form_kwargs(self, name):
        return {**super().get_form_kwargs(name), "themes": self.themes}
