"""What happens elsewhere when a decision is approved.

The areas above decisions (letters make the award or decline letter; contracts start a draft
contract for a funded proposal) cannot be imported by the decisions' services, so they register
a callback here from their ``hooks.py``::

    @on_decision_approved
    def queue_letter(decision, *, by):
        ...

``approve_decision`` calls every callback inside its transaction, once per approval (a first
approval, or the approval of a changed decision): a callback queues its work with
``transaction.on_commit``, and a callback that fails rolls the approval back with it.
"""

_callbacks = []


def on_decision_approved(func):
    """Register ``func(decision, *, by)``, called inside the approving transaction."""
    if func not in _callbacks:
        _callbacks.append(func)
    return func


def registered_callbacks():
    return list(_callbacks)


def decision_approved(decision, *, by):
    """Run every registered callback for the approved ``decision``, in the caller's transaction."""
    for func in _callbacks:
        func(decision, by=by)


def forget(func):
    """Take ``func`` off the registry (a test's own callback, once the test is over)."""
    if func in _callbacks:
        _callbacks.remove(func)
