"""How the audit trail reads changes to organisations."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice
from commissioning.enums import OrganisationType, Sector

FIELDS = {
    "name": gettext_lazy("the name"),
    "sector": Field(gettext_lazy("the sector"), choice(Sector)),
    "organisation_type": Field(gettext_lazy("the type"), choice(OrganisationType)),
    "charity_number": gettext_lazy("the charity number"),
    "company_number": gettext_lazy("the company number"),
    "scottish_charity_number": gettext_lazy("the Scottish charity number"),
    "website": gettext_lazy("the website"),
}

SENTENCES = {
    "organisation.created": Sentence(gettext_lazy("%(actor)s added the organisation “%(object)s”"), fields=FIELDS),
    "organisation.updated": Sentence(
        gettext_lazy("%(actor)s changed the organisation “%(object)s”: %(changes)s"), fields=FIELDS
    ),
}
