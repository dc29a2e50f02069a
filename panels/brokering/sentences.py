"""How the audit trail reads brokering: requests, answers, outcomes and merges."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Field, Sentence, choice, listed
from panels.brokering.enums import Answer, RequestKind, RequestOutcome
from proposals.writing.enums import ProposalState

FIELDS = {
    "kind": Field(gettext_lazy("what the panel asks"), choice(RequestKind)),
    "proposals": Field(gettext_lazy("the proposals"), listed),
    "originals": Field(gettext_lazy("the proposals merged"), listed),
    "new_lead": gettext_lazy("the new lead"),
    "lead": gettext_lazy("the lead"),
    "proposal": gettext_lazy("proposal"),
    "answer": Field(gettext_lazy("the answer"), choice(Answer)),
    "outcome": Field(gettext_lazy("the outcome"), choice(RequestOutcome)),
    "state": Field(gettext_lazy("the state"), choice(ProposalState)),
    "combined": gettext_lazy("the combined proposal"),
}

SENTENCES = {
    "brokering.asked": Sentence(
        gettext_lazy("%(actor)s asked proposers: %(object)s (%(after_proposals)s)"),
        fields=FIELDS,
    ),
    "brokering.answered": Sentence(
        gettext_lazy("%(actor)s answered for “%(after_proposal)s”: %(after_answer)s"),
        fields=FIELDS,
    ),
    "brokering.closed": Sentence(
        gettext_lazy("%(actor)s closed the request %(object)s: %(after_outcome)s"),
        fields=FIELDS,
    ),
    "brokering.merged": Sentence(
        gettext_lazy("%(actor)s merged %(after_originals)s into “%(object)s”"),
        fields=FIELDS,
    ),
}
