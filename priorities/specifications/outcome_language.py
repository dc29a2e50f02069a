"""Does an outcome read as a change for people, or as a list of outputs?

The check only warns: a sub-group may have good reason for its words. Each warning
says which phrase looks like an output, why that matters and how to rephrase it.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

WHY = _(
    "This describes what the activity does (an output), not the difference it makes to people "
    "(an outcome). Proposals are judged on the change they bring about, so bidders need to know "
    "what that change is."
)


@dataclass(frozen=True)
class OutputPattern:
    pattern: re.Pattern
    suggestion: str


def _p(regex, suggestion):
    return OutputPattern(re.compile(regex, re.IGNORECASE), suggestion)


PATTERNS = [
    _p(
        r"\bnumber of (people|residents|participants|young people|clients|users|families|children)"
        r"( \w+){0,3} (attending|attended|taking part|participating|seen|supported|reached|engaged|referred)",
        _("Say how those people's lives will be different, for example “more residents move into work”."),
    ),
    _p(
        r"\b(people|residents|participants) (attending|attended|taking part)\b",
        _("Attendance is an output. Say what changes for the people who attend."),
    ),
    _p(
        r"\b(sessions?|workshops?|events?|classes|meetings?) (delivered|held|run|provided|organised)\b",
        _("Say what will be different for people because the sessions took place."),
    ),
    _p(
        r"\b(deliver|hold|run|provide|organise)( \w+){0,2} (sessions?|workshops?|events?|classes)\b",
        _("Say what will be different for people because the sessions took place."),
    ),
    _p(
        r"\bcourses? (run|delivered|provided|completed)\b|\b(run|deliver|provide)( \w+){0,2} courses?\b",
        _("Say what people will be able to do afterwards, for example “more adults gain a level 2 qualification”."),
    ),
    _p(
        r"\b(leaflets?|flyers?|booklets?|newsletters?|information packs?) (distributed|delivered|produced|sent)\b"
        r"|\b(distribute|produce|send out)( \w+){0,2} (leaflets?|flyers?|booklets?|newsletters?)\b",
        _("Say what people will know or do differently, for example “more tenants claim the benefits they are owed”."),
    ),
    _p(
        r"\b(number|count) of (referrals|contacts|visits|hours|sessions|calls|enquiries|places)\b",
        _("Counts of activity are outputs; keep them for the milestones and outputs section."),
    ),
    _p(
        r"\b(set up|establish|open|create|build)( \w+){0,2} (a |an )?"
        r"(centre|hub|service|project|drop-in|helpline|website)\b",
        _("A new service is a means, not an end. Say what will change for the people who use it."),
    ),
    _p(
        r"\b(recruit|employ|appoint|train) \d*\s*(staff|workers|volunteers|mentors|officers)\b",
        _("Staffing is an input. Say what those staff will help people achieve."),
    ),
]


@dataclass(frozen=True)
class OutcomeWarning:
    phrase: str
    why: str
    suggestion: str


def check_outcome_language(text):
    """The output-like phrases in ``text``, each with why and how to rephrase (empty when it reads as an outcome)."""
    warnings, seen, spans = [], set(), []
    for output in PATTERNS:
        for match in output.pattern.finditer(text or ""):
            phrase = match.group(0)
            start, end = match.span()
            # One warning per stretch of text: a shorter pattern inside a longer match adds nothing.
            if phrase.lower() in seen or any(s <= start and end <= e for s, e in spans):
                continue
            seen.add(phrase.lower())
            spans.append((start, end))
            warnings.append(OutcomeWarning(phrase=phrase, why=str(WHY), suggestion=str(output.suggestion)))
    return warnings
