"""The demo's letters: every approved decision of the round has its letter rendered and emailed at once,
without waiting for a worker. Runs after the decisions are seeded; safe to run twice: a letter already
sent is not sent again."""

from panels.decisions.enums import DecisionStatus
from panels.decisions.models import Decision
from panels.letters.selectors import letter_version
from panels.letters.services import letter_is_sent, make_letter


def seed_letters(round_, *, stdout=None):
    decisions = Decision.objects.filter(proposal__round=round_, status=DecisionStatus.APPROVED).order_by("pk")
    sent = 0
    for decision in decisions:
        letter = letter_version(decision, decision.version)
        if letter is not None and letter_is_sent(letter):
            continue
        document = make_letter(decision)
        sent += bool(document is not None and letter_is_sent(document))
    if stdout is not None and sent:
        stdout.write(f"Letters: {sent} award and decline letters rendered and emailed.")
    return sent
