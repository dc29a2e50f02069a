"""The Celery tasks of every area of commissioning (autodiscovered through this module)."""

from commissioning.documents import tasks as documents_tasks
from commissioning.imports import tasks as imports_tasks
from commissioning.outbox import tasks as outbox_tasks

__all__ = ["documents_tasks", "imports_tasks", "outbox_tasks"]
