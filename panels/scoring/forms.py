"""Forms of scoring: a panel's criteria (titles, weights, level descriptors), a member's score sheet,
the chair's consensus per criterion and the recommendation. Each names its fields in its messages."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.common.forms import GDSFormMixin
from panels.scoring.enums import RecommendationKind


def _level_choices(scale_max):
    return [(level, str(level)) for level in range(scale_max + 1)]


class CriteriaForm(GDSFormMixin, forms.Form):
    """Every criterion's title, weight and the descriptor of each level of the scale."""

    submit_label = gettext_lazy("Save the criteria")

    def __init__(self, *args, criteria, scale_max, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.scale_max = scale_max
        for criterion in criteria:
            levels = {level.score: level.descriptor for level in criterion.levels.all()}
            self.fields[f"title_{criterion.pk}"] = forms.CharField(
                label=_("Title"), max_length=200, initial=criterion.title
            )
            self.fields[f"title_{criterion.pk}"].error_name = _("the title of “%(c)s”") % {"c": criterion.title}
            self.fields[f"weight_{criterion.pk}"] = forms.IntegerField(
                label=_("Weight (%)"), min_value=1, max_value=100, initial=criterion.weight
            )
            self.fields[f"weight_{criterion.pk}"].error_name = _("the weight of “%(c)s”") % {"c": criterion.title}
            for level in range(scale_max + 1):
                name = f"level_{criterion.pk}_{level}"
                self.fields[name] = forms.CharField(
                    label=_("What %(level)d means") % {"level": level}, max_length=500, initial=levels.get(level, "")
                )
                self.fields[name].error_name = _("what %(level)d means on “%(c)s”") % {
                    "level": level,
                    "c": criterion.title,
                }

    def rows(self):
        """(criterion, title field, weight field, [level fields]) for the template."""
        return [
            (
                criterion,
                self[f"title_{criterion.pk}"],
                self[f"weight_{criterion.pk}"],
                [self[f"level_{criterion.pk}_{level}"] for level in range(self.scale_max + 1)],
            )
            for criterion in self.criteria
        ]

    def clean(self):
        cleaned = super().clean()
        weights = [cleaned.get(f"weight_{criterion.pk}") for criterion in self.criteria]
        if all(weight is not None for weight in weights) and sum(weights) != 100:
            raise forms.ValidationError(
                _("The weights must add up to 100; they add up to %(total)d.") % {"total": sum(weights)}
            )
        return cleaned

    def changes(self):
        data = self.cleaned_data
        return {
            criterion.pk: {
                "title": data[f"title_{criterion.pk}"],
                "weight": data[f"weight_{criterion.pk}"],
                "levels": {level: data[f"level_{criterion.pk}_{level}"] for level in range(self.scale_max + 1)},
            }
            for criterion in self.criteria
        }


class ScoreSheetForm(GDSFormMixin, forms.Form):
    """A score and a comment for each criterion; every score is needed only to submit."""

    def __init__(self, *args, criteria, scale_max, sheet=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.scale_max = scale_max
        existing = {score.criterion_id: score for score in sheet.scores.all()} if sheet is not None else {}
        for criterion in criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                choices=_level_choices(scale_max),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=score.value if score else None,
            )
            self.fields[f"score_{criterion.pk}"].error_name = _("the score for “%(c)s”") % {"c": criterion.title}
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=score.comment if score else "",
            )
            self.fields[f"comment_{criterion.pk}"].error_name = _("the comment on “%(c)s”") % {"c": criterion.title}

    @property
    def submitting(self):
        return self.data.get("action") == "submit"

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for criterion in self.criteria:
                name = f"score_{criterion.pk}"
                if name not in self.errors and cleaned.get(name) is None:
                    self.add_error(name, _("Choose a score for “%(c)s” before you submit.") % {"c": criterion.title})
        return cleaned

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self):
        data = self.cleaned_data
        return {c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", "")) for c in self.criteria}


class ModerationForm(GDSFormMixin, forms.Form):
    """The consensus score and its rationale per criterion; a criterion left blank is left as it is."""

    submit_label = gettext_lazy("Save the consensus")

    def __init__(self, *args, criteria, scale_max, consensus, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            agreed = consensus.get(criterion.pk)
            self.fields[f"consensus_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Consensus score"),
                choices=_level_choices(scale_max),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=agreed.value if agreed else None,
            )
            self.fields[f"consensus_{criterion.pk}"].error_name = _("the consensus on “%(c)s”") % {"c": criterion.title}
            self.fields[f"rationale_{criterion.pk}"] = forms.CharField(
                label=_("Rationale"),
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=agreed.rationale if agreed else "",
            )
            self.fields[f"rationale_{criterion.pk}"].error_name = _("the rationale for “%(c)s”") % {
                "c": criterion.title
            }

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            value, rationale = cleaned.get(f"consensus_{criterion.pk}"), cleaned.get(f"rationale_{criterion.pk}")
            if f"consensus_{criterion.pk}" in self.errors or f"rationale_{criterion.pk}" in self.errors:
                continue
            if value is not None and not rationale:
                self.add_error(
                    f"rationale_{criterion.pk}", _("Enter the rationale for “%(c)s”.") % {"c": criterion.title}
                )
            if value is None and rationale:
                self.add_error(
                    f"consensus_{criterion.pk}", _("Choose the consensus score for “%(c)s”.") % {"c": criterion.title}
                )
        if not self.errors and not self.agreed():
            raise forms.ValidationError(_("Choose a consensus score for at least one criterion."))
        return cleaned

    def field_pair(self, criterion):
        return self[f"consensus_{criterion.pk}"], self[f"rationale_{criterion.pk}"]

    def agreed(self):
        data = self.cleaned_data
        return {
            c.pk: (data[f"consensus_{c.pk}"], data[f"rationale_{c.pk}"])
            for c in self.criteria
            if data.get(f"consensus_{c.pk}") is not None
        }


class RecommendationForm(GDSFormMixin, forms.Form):
    submit_label = gettext_lazy("Save the recommendation")

    kind = forms.ChoiceField(
        label=gettext_lazy("Recommendation"), choices=RecommendationKind.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=gettext_lazy("Reasons"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        help_text=gettext_lazy("Needed when you recommend funding with conditions."),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") == RecommendationKind.FUND_WITH_CONDITIONS
            and not (cleaned.get("conditions") or "").strip()
        ):
            self.add_error("conditions", _("Enter the conditions of funding."))
        return cleaned
