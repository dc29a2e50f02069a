"""How the audit trail reads scoring: criteria changed, scores submitted or set aside, the consensus
and the recommendation."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, listed
from panels.scoring.enums import RecommendationKind

SENTENCES = {
    "scoring.criteria_changed": Sentence(
        gettext_lazy("%(actor)s changed the criteria of “%(object)s”: %(changes)s"),
        fields={"criteria": Field(gettext_lazy("the criteria"), listed)},
        note=False,
    ),
    "scoring.submitted": Sentence(
        gettext_lazy("%(actor)s submitted their scores of “%(object)s” (%(after_weighted_total)s out of 100)"),
        fields={"scores": Field(gettext_lazy("scores"), listed), "weighted_total": gettext_lazy("weighted total")},
        note=False,
    ),
    "scoring.set_aside": Sentence(
        gettext_lazy("The scores of %(after_member)s on “%(object)s” were set aside"),
        note_label=gettext_lazy("Reason"),
    ),
    "scoring.moderated": Sentence(
        gettext_lazy("%(actor)s recorded the panel's consensus on “%(object)s”"),
        fields={"consensus": Field(gettext_lazy("consensus"), listed)},
        note=False,
    ),
    "scoring.recommended": Sentence(
        gettext_lazy("%(actor)s recommended “%(object)s”: %(after_kind)s"),
        fields={"kind": Field(gettext_lazy("recommendation"), choice(RecommendationKind))},
        note=False,
    ),
}
