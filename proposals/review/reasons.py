"""Why two proposals were found similar, in words. The finder stores each reason as data (its kind
and what is shared), so that it reads in the language of whoever looks at it."""

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PARTNERS = "partners"
NEIGHBOURHOODS = "neighbourhoods"
TEXT = "text"


def _quoted(words):
    return get_text_list([f"“{word}”" for word in words], _("and"))


def reason_in_words(reason):
    kind = reason.get("kind")
    names = [str(name) for name in reason.get("names", [])]
    if kind == PARTNERS:
        return ngettext("Both consortia include %(names)s.", "Both consortia include %(names)s.", len(names)) % {
            "names": get_text_list(names, _("and"))
        }
    if kind == NEIGHBOURHOODS:
        return ngettext(
            "Both work in the neighbourhood of %(names)s.", "Both work in the neighbourhoods of %(names)s.", len(names)
        ) % {"names": get_text_list(names, _("and"))}
    if kind == TEXT:
        return _("Their activities are described in overlapping words: %(words)s.") % {
            "words": _quoted([str(word) for word in reason.get("words", [])])
        }
    return ""


def reasons_in_words(reasons):
    return [text for reason in reasons or [] if (text := reason_in_words(reason))]
