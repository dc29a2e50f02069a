"""How the audit trail reads letters: prepared (the PDF made) and emailed (to whom)."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, listed

SENTENCES = {
    "letters.prepared": Sentence(
        gettext_lazy("The letter “%(object)s” was prepared (version %(after_version)s)"),
        fields={"version": gettext_lazy("version")},
        note=False,
    ),
    "letters.emailed": Sentence(
        gettext_lazy("The letter “%(object)s” was emailed to %(after_recipients)s"),
        fields={"recipients": Field(gettext_lazy("recipients"), listed)},
        note=False,
    ),
    "letters.remade": Sentence(
        gettext_lazy("%(actor)s asked for the letter “%(object)s” to be prepared again"),
        fields={"version": gettext_lazy("version")},
        note=False,
    ),
}
