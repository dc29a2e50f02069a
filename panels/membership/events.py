"""What happens elsewhere when a panel member declares an interest in a proposal.

The areas above membership (scoring sets aside the member's scores of that proposal; the panel
pack leaves the proposal out) cannot be imported by ``declare``, so they register a callback here
from their ``hooks.py``::

    @on_interest_declared
    def set_scores_aside(declaration, *, by):
        ...

``declare`` calls every callback inside its transaction, when a member declares an interest in a
proposal (a first declaration, or a change from no interest): the declaration takes effect at
once, and a callback that fails rolls the declaration back with it.
"""

_callbacks = []


def on_interest_declared(func):
    """Register ``func(declaration, *, by)``, called inside the declaring transaction."""
    if func not in _callbacks:
        _callbacks.append(func)
    return func


def registered_callbacks():
    return list(_callbacks)


def interest_declared(declaration, *, by):
    """Run every registered callback for ``declaration`` (an interest), in the caller's transaction."""
    for func in _callbacks:
        func(declaration, by=by)


def forget(func):
    """Take ``func`` off the registry (a test's own callback, once the test is over)."""
    if func in _callbacks:
        _callbacks.remove(func)
