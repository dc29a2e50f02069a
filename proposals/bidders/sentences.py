"""How the audit trail reads registrations to bid."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Sentence

FIELDS = {
    "organisation": gettext_lazy("organisation"),
    "address": gettext_lazy("address"),
    "postcode": gettext_lazy("postcode"),
    "contact_name": gettext_lazy("main contact"),
    "contact_email": gettext_lazy("main contact's email address"),
    "contact_phone": gettext_lazy("main contact's telephone number"),
}

SENTENCES = {
    "bidder.registered": Sentence(
        gettext_lazy("%(actor)s registered %(after_organisation)s to bid in the round"),
        fields=FIELDS,
    ),
}
