"""The Celery tasks of every area of the priorities stage (autodiscovered through this module)."""

from priorities.specifications import tasks as specifications_tasks

__all__ = ["specifications_tasks"]
