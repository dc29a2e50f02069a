"""What happens elsewhere once a proposal is submitted, withdrawn or changed.

The areas above writing (review's similar proposals, say) cannot be imported by the services that
change a proposal, so they register a callback here from their ``hooks.py``::

    @after_proposal_change
    def queue_similarity(proposal, event):
        ...

and the services call ``proposal_changed(proposal, event=...)`` inside their transaction. Each
callback runs once the transaction has committed (never for a change rolled back), on its own:
one that fails is logged and does not stop the others.
"""

from django.db import transaction

SUBMITTED = "submitted"
WITHDRAWN = "withdrawn"
CHANGED = "changed"
EXTENDED = "extended"
EVENTS = (SUBMITTED, WITHDRAWN, CHANGED, EXTENDED)

_callbacks = []


def after_proposal_change(func):
    """Register ``func(proposal, event)``, called after commit for each event (one of ``EVENTS``)."""
    if func not in _callbacks:
        _callbacks.append(func)
    return func


def registered_callbacks():
    return list(_callbacks)


def proposal_changed(proposal, *, event):
    """Queue every registered callback for ``proposal`` and ``event``, to run after commit."""
    if event not in EVENTS:
        raise ValueError(f"Unknown proposal event {event!r}.")
    for func in _callbacks:
        transaction.on_commit(lambda func=func: func(proposal, event), robust=True)
