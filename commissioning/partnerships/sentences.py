"""How the audit trail reads a partnership's actions."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, lookup, lowered
from commissioning.partnerships.enums import PartnershipRole

SENTENCES = {
    "partnership.member_added": Sentence(
        gettext_lazy("%(actor)s added %(after_user)s to %(after_partnership)s as %(after_role)s"),
        fields={
            "user": Field(gettext_lazy("person"), lookup("commissioning.User", by="email")),
            "role": Field(gettext_lazy("role"), lowered(choice(PartnershipRole))),
            "organisation": Field(gettext_lazy("on behalf of"), lookup("commissioning.Organisation")),
        },
        details=False,
    ),
}
