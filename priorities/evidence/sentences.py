"""How the audit trail reads changes to the evidence: candidate issues and the imports."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, imported, lookup

ISSUE_FIELDS = {
    "name": gettext_lazy("the name"),
    "description": gettext_lazy("the description"),
    "outcome": Field(gettext_lazy("the plan outcome"), lookup("commissioning.StrategicOutcome")),
    "indicators": gettext_lazy("the indicators"),
}

SENTENCES = {
    "evidence.issue_created": Sentence(
        gettext_lazy("%(actor)s added the candidate issue “%(object)s”"), fields=ISSUE_FIELDS
    ),
    "evidence.issue_updated": Sentence(
        gettext_lazy("%(actor)s changed the candidate issue “%(object)s”: %(changes)s"), fields=ISSUE_FIELDS
    ),
    "evidence.issues_imported": imported(gettext_lazy("candidate issues")),
    "evidence.survey_imported": imported(gettext_lazy("the residents' survey results")),
}
