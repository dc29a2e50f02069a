"""How the audit trail reads contracts: drafted, changed, sent, accepted, a variation started or dropped."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, money_by_year

SENTENCES = {
    "contract.drafted": Sentence(
        gettext_lazy("A draft of “%(object)s” was made from the approved decision"),
        fields={"amounts_pence": Field(gettext_lazy("value per year"), money_by_year)},
        note=False,
    ),
    "contract.changed": Sentence(
        gettext_lazy("%(actor)s changed the draft “%(object)s”: %(changes)s"),
        fields={"amounts_pence": Field(gettext_lazy("the value per year"), money_by_year)},
    ),
    "contract.sent": Sentence(
        gettext_lazy("%(actor)s sent version %(after_version)s of “%(object)s” to the lead"), note=False
    ),
    "contract.accepted": Sentence(
        gettext_lazy(
            "%(actor)s accepted version %(after_version)s of “%(object)s” on %(after_accepted_at)s "
            "from %(after_ip_address)s"
        ),
        note=False,
    ),
    "contract.variation_started": Sentence(
        gettext_lazy("%(actor)s started a variation of “%(object)s” (version %(after_version)s)"),
        note_label=gettext_lazy("Reason"),
    ),
    "contract.cancelled": Sentence(gettext_lazy("“%(object)s” was dropped: the decision is not to fund")),
}
