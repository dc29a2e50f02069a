"""The Celery tasks of every area of the panels stage (autodiscovered through this module)."""

from panels.letters import tasks as letters_tasks
from panels.meetings import tasks as meetings_tasks

__all__ = ["letters_tasks", "meetings_tasks"]
