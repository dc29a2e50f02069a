"""Does a clarification question give away who asked it?

Answers are published to everyone without the asker's name, so a question that names its
author, or carries a phone number or an email address, would undo that. The check only
warns the officer, who edits the question before answering: a name may be a place or an
organisation, and only a person can tell.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Linear in the length of the text, however long: a local part starts where a run of its characters
# starts and is at most 64 long, and the domain's parts never give back what they matched. (An
# unbounded local part made a long run of letters without an "@" take seconds to search.)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]++(?:\.[\w-]++)+")
# UK numbers as people type them: 07700 900123, 024 7683 1234, +44 (0)24 7683 1234.
PHONE = re.compile(r"(?<![\w+])(\+44\s?(\(0\)\s?)?|0)\d(?:[\s-]?\d){8,9}(?!\d)")


@dataclass(frozen=True)
class PersonalDetail:
    kind: str
    text: str


def _name_parts(full_name):
    """The asker's full name and its longer parts (a surname alone identifies as well)."""
    full_name = " ".join((full_name or "").split())
    if not full_name:
        return []
    parts = [part for part in full_name.split(" ") if len(part) >= 3]
    return [full_name, *parts] if len(parts) > 1 else [full_name]


def find_personal_details(text, *, asker_name="", asker_email=""):
    """What in ``text`` may identify the person who asked, in the order found, each once."""
    found = []

    def add(kind, value):
        if all(detail.text.lower() != value.lower() for detail in found):
            found.append(PersonalDetail(kind=str(kind), text=value))

    for part in _name_parts(asker_name):
        match = re.search(rf"\b{re.escape(part)}\b", text, re.IGNORECASE)
        if match and not any(match.group(0).lower() in detail.text.lower() for detail in found):
            add(_("the asker's name"), match.group(0))
    if asker_email and asker_email.lower() in text.lower():
        add(_("the asker's email address"), asker_email)
    for match in EMAIL.finditer(text):
        add(_("an email address"), match.group(0))
    for match in PHONE.finditer(text):
        add(_("a phone number"), match.group(0))
    return found
