"""The Celery tasks of every area of the panels stage (autodiscovered through this module)."""

from panels.meetings import tasks as meetings_tasks

__all__ = ["meetings_tasks"]
