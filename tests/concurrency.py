"""Actions run at the same moment, each in its own thread and database connection, for the tests
that prove a row lock holds (they need PostgreSQL: the ``postgresql`` fixture skips them elsewhere)."""

import threading

from django.db import connections

from commissioning.common.errors import ApplicationError


def at_once(*actions, done="done", refused=lambda error: "refused"):
    """Release every action together; the outcome of each, in order: ``done`` when it returned,
    ``refused(error)`` when the rules refused it (an ApplicationError)."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            action()
            outcomes[index] = done
        except ApplicationError as error:
            outcomes[index] = refused(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
